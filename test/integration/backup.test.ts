import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rows, toNumber, type Database } from '../../src/platform/db';
import { verifyAuditChain } from '../../src/platform/audit';
import { DATABASES } from '../helpers/app';
import { hearth, scratchDatabase, type Scratch } from './cli-scratch';

async function counts(database: Database) {
  const found = await rows<{ people: unknown; audit: unknown; users: unknown }>(
    database.db,
    sql`SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM users) AS users`,
  );
  return { people: toNumber(found[0]?.people), audit: toNumber(found[0]?.audit), users: toNumber(found[0]?.users) };
}

for (const kind of DATABASES) {
  describe(`backup and restore [${kind}]`, () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'hearth-backup-'));
    const scratches: Scratch[] = [];
    afterAll(async () => {
      for (const s of scratches) await s.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('restores everything a backup holds, with the audit chain intact', async () => {
      const original = await scratchDatabase(kind);
      const copy = await scratchDatabase(kind);
      scratches.push(original, copy);
      expect((await hearth(original.env, ['seed', '--demo'])).code).toBe(0);
      const before = await original.open().then(async (db) => {
        const c = await counts(db);
        await db.close();
        return c;
      });
      expect(before.people).toBeGreaterThan(100);

      const file = path.join(folder, `hearth-${kind}.backup`);
      const backedUp = await hearth(original.env, ['backup', '--to', file]);
      expect(backedUp.err).toBe('');
      expect(backedUp.code).toBe(0);
      expect(statSync(file).size).toBeGreaterThan(1000);

      const restored = await hearth(copy.env, ['restore', '--from', file]);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      const database = await copy.open();
      try {
        expect(await counts(database)).toEqual(before);
        expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: before.audit });
      } finally {
        await database.close();
      }
      expect((await hearth(copy.env, ['audit', 'verify'])).code).toBe(0);
    });

    it('explains how to use it, and refuses to restore over data', async () => {
      expect((await hearth({ NODE_ENV: 'test' }, ['backup'])).code).toBe(2);
      if (kind === 'pglite') {
        const target = await scratchDatabase(kind);
        scratches.push(target);
        await hearth(target.env, ['migrate']);
        const res = await hearth(target.env, ['restore', '--from', path.join(folder, 'hearth-pglite.backup')]);
        expect(res.code).toBe(1);
        expect(res.err).toContain('is not empty');
      }
    });
  });
}
