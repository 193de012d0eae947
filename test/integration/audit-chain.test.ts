import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, verifyAuditChain } from '../../src/platform/audit';
import { rows, type Database } from '../../src/platform/db';
import { migrate } from '../../src/platform/migrate';
import { DATABASES } from '../helpers/app';
import { scratchDatabase, type Scratch } from './cli-scratch';

/** Runs `hearth audit verify` as a separate program, as an auditor would. */
function verifyWithCommand(scratch: Scratch): { status: number | null; stdout: string; stderr: string } {
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: scratch.env.DATA_DIR ?? '',
    DATABASE_URL: scratch.env.DATABASE_URL ?? '',
  };
  return spawnSync(process.execPath, ['bin/hearth.js', 'audit', 'verify'], { env, encoding: 'utf8' });
}

const hex = (value: unknown): string => Buffer.from(value as Uint8Array).toString('hex');

for (const kind of DATABASES) {
  describe(`the audit log is append-only and hash-chained [${kind}]`, () => {
    let scratch: Scratch;
    let database: Database;
    beforeAll(async () => {
      scratch = await scratchDatabase(kind);
      database = await scratch.open();
      await migrate(database);
      for (let i = 1; i <= 5; i += 1) {
        await audit(
          database.db,
          { actor: null, actorLabel: 'audit chain test', requestId: `req-${i}` },
          { action: 'test-event', subjectType: 'test', subjectId: String(i), details: { n: i } },
        );
      }
    });
    afterAll(async () => {
      await database.close();
      await scratch.drop();
    });

    /** Changes the log as a database superuser could, with the protecting triggers switched off for a moment. */
    async function behindTheTriggersBack(statements: ReturnType<typeof sql>[]): Promise<void> {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
        for (const statement of statements) await tx.execute(statement);
        await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
      });
    }

    /** Closes this test's connection so the command can open the database (PGlite allows one program at a time). */
    async function commandSays(): Promise<{ status: number | null; stdout: string; stderr: string }> {
      await database.close();
      try {
        return verifyWithCommand(scratch);
      } finally {
        database = await scratch.open();
      }
    }

    it('numbers each row and chains its hash to the row before', async () => {
      const chain = await rows<{ seq: string | number; prev_hash: Uint8Array; hash: Uint8Array }>(
        database.db,
        sql`SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq`,
      );
      expect(chain.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
      expect(hex(chain[0]!.prev_hash)).toBe(
        createHash('sha256').update('hearth-audit-genesis').digest('hex'),
      );
      for (let i = 1; i < chain.length; i += 1)
        expect(hex(chain[i]!.prev_hash)).toBe(hex(chain[i - 1]!.hash));
      expect(new Set(chain.map((r) => hex(r.hash))).size).toBe(5);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5 });
      const command = await commandSays();
      expect(command.stdout.trim()).toBe('The audit log is intact: 5 rows');
      expect(command.status).toBe(0);
    });

    it('refuses UPDATE, DELETE and TRUNCATE', async () => {
      for (const statement of [
        sql`UPDATE audit_log SET reason = 'tidied' WHERE seq = 2`,
        sql`DELETE FROM audit_log WHERE seq = 5`,
        sql`TRUNCATE audit_log`,
      ]) {
        const refusal = await database.db.execute(statement).then(
          () => 'allowed',
          (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
        );
        expect(refusal).toBe('The audit log cannot be changed or deleted');
      }
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5 });
    });

    it('detects a row changed behind the triggers’ back, by the library and by the command', async () => {
      await behindTheTriggersBack([sql`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 3`]);
      expect(await verifyAuditChain(database.db)).toEqual({
        ok: false,
        rows: 5,
        problem: 'a row was changed',
        seq: 3,
      });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('The audit log has been tampered with at row 3: a row was changed');
      await behindTheTriggersBack([sql`UPDATE audit_log SET actor_label = 'audit chain test' WHERE seq = 3`]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5 });
    });

    it('detects a changed row whose hash was recomputed to hide it', async () => {
      await behindTheTriggersBack([
        sql`CREATE TABLE audit_backup AS SELECT * FROM audit_log WHERE seq = 3`,
        sql`UPDATE audit_log SET details = '{"n": 33}'::jsonb WHERE seq = 3`,
        sql`UPDATE audit_log SET hash = audit_row_hash(prev_hash, seq, at, actor_id, actor_label, action, subject_type, subject_id, child_id, reason, request_id, details) WHERE seq = 3`,
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({
        ok: false,
        rows: 5,
        problem: 'the chain is broken before this row',
        seq: 4,
      });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('at row 4: the chain is broken before this row');
      await behindTheTriggersBack([
        sql`DELETE FROM audit_log WHERE seq = 3`,
        sql`INSERT INTO audit_log SELECT * FROM audit_backup`,
        sql`DROP TABLE audit_backup`,
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5 });
    });

    it('detects a deleted row, by the library and by the command', async () => {
      await behindTheTriggersBack([
        sql`CREATE TABLE audit_backup AS SELECT * FROM audit_log WHERE seq = 2`,
        sql`DELETE FROM audit_log WHERE seq = 2`,
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({
        ok: false,
        rows: 4,
        problem: 'a row is missing before this one',
        seq: 3,
      });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain(
        'The audit log has been tampered with at row 3: a row is missing before this one',
      );
      await behindTheTriggersBack([
        sql`INSERT INTO audit_log SELECT * FROM audit_backup`,
        sql`DROP TABLE audit_backup`,
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5 });
    });

    it('detects the newest rows deleted', async () => {
      await behindTheTriggersBack([
        sql`CREATE TABLE audit_backup AS SELECT * FROM audit_log WHERE seq = 5`,
        sql`DELETE FROM audit_log WHERE seq = 5`,
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({
        ok: false,
        rows: 4,
        problem: 'the newest rows were removed or the head was changed',
        seq: 4,
      });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('the newest rows were removed');
      await behindTheTriggersBack([
        sql`INSERT INTO audit_log SELECT * FROM audit_backup`,
        sql`DROP TABLE audit_backup`,
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5 });
    });

    it('keeps chaining after the checks', async () => {
      await audit(
        database.db,
        { actor: null, actorLabel: 'audit chain test', requestId: 'req-6' },
        { action: 'test-event', subjectType: 'test' },
      );
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 6 });
    });
  });
}
