import { createHash, createHmac, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, auditKeyFrom, auditKeyId, AuditKeyMismatch, storedRowsAfter, useAuditKey, verifyAuditChain } from '../../src/platform/audit';
import { queryCounter, rows, type Database } from '../../src/platform/db';
import { migrate } from '../../src/platform/migrate';
import { DEVELOPMENT_SECRET_KEY } from '../../src/platform/secretBox';
import { migrations } from '../../migrations/index';
import { DATABASES } from '../helpers/app';
import { scratchDatabase, type Scratch } from './cli-scratch';

type Said = { status: number | null; stdout: string; stderr: string };

/** Runs `hearth audit verify` as a separate program, as an auditor would. */
function verifyWithCommand(scratch: Scratch, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Said {
  const all = {
    ...process.env,
    NODE_ENV: 'test',
    SECRET_KEY: '',
    DATA_DIR: scratch.env.DATA_DIR ?? '',
    DATABASE_URL: scratch.env.DATABASE_URL ?? '',
    ...env,
  };
  return spawnSync(process.execPath, ['bin/hearth.js', 'audit', 'verify', ...extra], { env: all, encoding: 'utf8' });
}

const hex = (value: unknown): string => Buffer.from(value as Uint8Array).toString('hex');
const GENESIS = createHash('sha256').update('hearth-audit-genesis').digest('hex');

async function writeRows(database: Database, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i += 1) {
    await audit(
      database.db,
      { actor: null, actorLabel: 'audit chain test', requestId: `req-${i}` },
      { action: 'test-event', subjectType: 'test', subjectId: String(i), details: { n: i } },
    );
  }
}

/** Changes the log as a database superuser could, with the protecting triggers switched off for a moment. */
async function behindTheTriggersBack(database: Database, statements: ReturnType<typeof sql>[]): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    for (const statement of statements) await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  });
}

/**
 * Recomputes the plain SHA-256 hash of rows `from` to `to`, each chained to the one before, as
 * someone with database access but without the key would; and moves the head to the last of them.
 */
function rewritePlainHashes(from: number, to: number, moveHead: boolean): ReturnType<typeof sql> {
  return sql.raw(`DO $$ DECLARE r record; prev bytea; BEGIN
      SELECT hash INTO prev FROM audit_log WHERE seq = ${from - 1};
      FOR r IN SELECT * FROM audit_log WHERE seq BETWEEN ${from} AND ${to} ORDER BY seq LOOP
        UPDATE audit_log SET prev_hash = prev,
          hash = audit_row_hash(prev, r.seq, r.at, r.actor_id, r.actor_label, r.action, r.subject_type, r.subject_id, r.child_id, r.reason, r.request_id, r.details)
        WHERE seq = r.seq RETURNING hash INTO prev;
      END LOOP;
      ${moveHead ? 'UPDATE audit_chain_head SET hash = prev WHERE id = 1;' : ''}
    END $$`);
}

for (const kind of DATABASES) {
  describe(`the audit log is append-only and hash-chained with a key [${kind}]`, () => {
    let scratch: Scratch;
    let database: Database;
    beforeAll(async () => {
      scratch = await scratchDatabase(kind);
      database = await scratch.open();
      await migrate(database);
      await writeRows(database, 1, 5);
    });
    afterAll(async () => {
      await database.close();
      await scratch.drop();
    });

    /** Closes this test's connection so the command can open the database (PGlite allows one program at a time). */
    async function commandSays(extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Said> {
      await database.close();
      try {
        return verifyWithCommand(scratch, extra, env);
      } finally {
        database = await scratch.open();
      }
    }

    const chain = () => storedRowsAfter(database.db, 0, 1000);
    const backUp = (seqs: string) => sql`CREATE TABLE audit_backup AS SELECT * FROM audit_log WHERE seq IN (${sql.raw(seqs)})`;
    const putBack = [sql`DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_backup)`, sql`INSERT INTO audit_log SELECT * FROM audit_backup`, sql`DROP TABLE audit_backup`];
    async function headNow(): Promise<string> {
      const found = await rows<{ hash: Uint8Array }>(database.db, sql`SELECT hash FROM audit_chain_head`);
      return hex(found[0]!.hash);
    }

    it('numbers each row and chains its hash, an HMAC under a key from SECRET_KEY, to the row before', async () => {
      const found = await chain();
      expect(found.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
      expect(hex(found[0]!.prev_hash)).toBe(GENESIS);
      const key = auditKeyFrom(DEVELOPMENT_SECRET_KEY);
      for (let i = 0; i < found.length; i += 1) {
        const r = found[i]!;
        if (i > 0) expect(hex(r.prev_hash)).toBe(hex(found[i - 1]!.hash));
        expect(hex(r.hash), 'keyed with the development key').toBe(createHmac('sha256', key).update(r.prev_hash).update(r.message, 'utf8').digest('hex'));
        expect(hex(r.hash)).not.toBe(createHash('sha256').update(r.prev_hash).update(r.message, 'utf8').digest('hex'));
      }
      const head = { seq: 5, hash: hex(found[4]!.hash) };
      expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 5, head, keyedFrom: 1 });
      const command = await commandSays();
      expect(command.stdout.split('\n')[0]).toBe('The audit log is intact: 5 rows');
      expect(command.stdout).toContain(`Head: row 5, hash ${head.hash}`);
      expect(command.stdout).toContain(`hearth audit verify --expect-head ${head.hash}`);
      expect(command.status).toBe(0);
    });

    it('writes several rows in one call (a family view) chained one after another, in two statements whatever their number', async () => {
      const counted = async (n: number): Promise<number> => {
        const store = { count: 0, upkeep: 0 };
        await queryCounter.run(store, () =>
          audit(
            database.db,
            { actor: null, actorLabel: 'audit chain test', requestId: `family-${n}` },
            Array.from({ length: n }, (_, i) => ({ action: 'family-viewed', subjectType: 'person', subjectId: `member-${i}`, details: { i } })),
          ),
        );
        return store.count;
      };
      const twice = await counted(2);
      expect(twice, "the statements are counted").toBeGreaterThanOrEqual(2);
      expect(await counted(7)).toBe(twice);
      const found = await chain();
      expect(found.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 14 });
      // Back to the five rows the later tests expect (the log refuses deletes, so behind the triggers' back).
      await behindTheTriggersBack(database, [sql`DELETE FROM audit_log WHERE seq > 5`, sql`UPDATE audit_chain_head SET seq = 5, hash = (SELECT hash FROM audit_log WHERE seq = 5) WHERE id = 1`]);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 5 });
    });

    it('refuses UPDATE, DELETE and TRUNCATE, and a row not written by Hearth', async () => {
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
      const unchained = await database.db
        .execute(sql`INSERT INTO audit_log (seq, actor_label, action, subject_type, prev_hash, hash) VALUES (99, 'forger', 'x', 'test', ${randomBytes(32)}, ${randomBytes(32)})`)
        .then(
          () => 'allowed',
          (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
        );
      expect(unchained).toBe('An audit row must be written by Hearth, next in the chain');
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });

    it('finds a row added next in the chain by someone without the key', async () => {
      await database.db.execute(sql`INSERT INTO audit_log (seq, actor_label, action, subject_type, prev_hash, hash)
                                    SELECT seq + 1, 'forger', 'test-event', 'test', hash, ${randomBytes(32)} FROM audit_chain_head`);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 6, problem: 'a row was changed', seq: 6 });
      await behindTheTriggersBack(database, [
        sql`DELETE FROM audit_log WHERE seq = 6`,
        sql`UPDATE audit_chain_head SET seq = 5, hash = (SELECT hash FROM audit_log WHERE seq = 5)`,
      ]);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });

    it('detects a row changed behind the triggers’ back, by the library and by the command', async () => {
      await behindTheTriggersBack(database, [sql`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 3`]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 5, problem: 'a row was changed', seq: 3 });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('The audit log has been tampered with at row 3: a row was changed');
      await behindTheTriggersBack(database, [sql`UPDATE audit_log SET actor_label = 'audit chain test' WHERE seq = 3`]);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });

    it('detects a changed row when every hash after it was recomputed consistently without the key', async () => {
      const before = await headNow();
      await behindTheTriggersBack(database, [
        backUp('3, 4, 5'),
        sql`CREATE TABLE head_backup AS SELECT * FROM audit_chain_head`,
        sql`UPDATE audit_log SET details = '{"n": 33}'::jsonb WHERE seq = 3`,
        rewritePlainHashes(3, 5, true),
      ]);
      // The chain links up again (each row's prev_hash is the hash before it, the head is the last row): only the key tells.
      const links = await chain();
      for (let i = 1; i < links.length; i += 1) expect(hex(links[i]!.prev_hash)).toBe(hex(links[i - 1]!.hash));
      expect(await headNow()).toBe(hex(links[4]!.hash));
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 5, problem: 'a row was changed', seq: 3 });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('at row 3: a row was changed');
      await behindTheTriggersBack(database, [
        ...putBack,
        sql`UPDATE audit_chain_head SET hash = (SELECT hash FROM head_backup)`,
        sql`DROP TABLE head_backup`,
      ]);
      expect(await headNow()).toBe(before);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });

    it('checks with the key from SECRET_KEY: another key is told so, and cannot write to the log', async () => {
      const other = randomBytes(32);
      const command = await commandSays([], { SECRET_KEY: other.toString('base64') });
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('this SECRET_KEY is not the one Hearth writes the log with');
      expect(command.stderr).not.toContain('tampered');
      // Without the key id on the head, the other key finds no row it made.
      const keyId = (await rows<{ key_id: Uint8Array }>(database.db, sql`SELECT key_id FROM audit_chain_head`))[0]!.key_id;
      expect(hex(keyId)).toBe(hex(auditKeyId(auditKeyFrom(DEVELOPMENT_SECRET_KEY))));
      useAuditKey(other);
      try {
        await expect(audit(database.db, { actor: null, actorLabel: 'wrong key', requestId: null }, { action: 'test-event', subjectType: 'test' })).rejects.toBeInstanceOf(AuditKeyMismatch);
        await behindTheTriggersBack(database, [sql`UPDATE audit_chain_head SET key_id = NULL`]);
        expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'a row was changed', seq: 1 });
      } finally {
        useAuditKey(DEVELOPMENT_SECRET_KEY);
        await behindTheTriggersBack(database, [sql`UPDATE audit_chain_head SET key_id = ${keyId}`]);
      }
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    });

    it('detects a deleted row, by the library and by the command', async () => {
      await behindTheTriggersBack(database, [backUp('2'), sql`DELETE FROM audit_log WHERE seq = 2`]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 4, problem: 'a row is missing before this one', seq: 3 });
      const command = await commandSays();
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('The audit log has been tampered with at row 3: a row is missing before this one');
      await behindTheTriggersBack(database, putBack);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });

    it('detects the newest rows deleted; deleted with the head moved back, only a head recorded elsewhere finds it', async () => {
      const recorded = await verifyAuditChain(database.db);
      if (!recorded.ok) throw new Error('The chain should be intact');
      await behindTheTriggersBack(database, [backUp('5'), sql`DELETE FROM audit_log WHERE seq = 5`]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 4, problem: 'the newest rows were removed or the head was changed', seq: 4 });
      expect((await commandSays()).stderr).toContain('the newest rows were removed');

      await behindTheTriggersBack(database, [
        sql`CREATE TABLE head_backup AS SELECT * FROM audit_chain_head`,
        sql`UPDATE audit_chain_head SET seq = 4, hash = (SELECT hash FROM audit_log WHERE seq = 4)`,
      ]);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      expect(await verifyAuditChain(database.db, { expectHead: recorded.head.hash })).toEqual({
        ok: false,
        rows: 4,
        problem: 'no row has the head hash you recorded: rows up to it were changed or removed',
        seq: null,
      });
      const command = await commandSays(['--expect-head', recorded.head.hash]);
      expect(command.status).toBe(1);
      expect(command.stderr).toContain('no row has the head hash you recorded');

      await behindTheTriggersBack(database, [
        sql`INSERT INTO audit_log SELECT * FROM audit_backup`,
        sql`DROP TABLE audit_backup`,
        sql`UPDATE audit_chain_head SET seq = (SELECT seq FROM head_backup), hash = (SELECT hash FROM head_backup)`,
        sql`DROP TABLE head_backup`,
      ]);
      expect(await verifyAuditChain(database.db, { expectHead: recorded.head.hash })).toMatchObject({ ok: true, expected: { seq: 5 } });
    });

    it('accepts an earlier head that is still in the chain, and refuses a malformed one', async () => {
      const third = hex((await chain())[2]!.hash);
      await writeRows(database, 6, 6);
      const command = await commandSays(['--expect-head', third.toUpperCase()]);
      expect(command.status).toBe(0);
      expect(command.stdout).toContain('The audit log is intact: 6 rows');
      expect(command.stdout).toContain('The head you recorded is row 3, still in place');
      const malformed = await commandSays(['--expect-head', 'abc']);
      expect(malformed.status).toBe(2);
      expect(malformed.stderr).toContain('--expect-head needs the 64-character hash');
    });
  });

  describe(`rows written before keyed hashing started [${kind}]`, () => {
    let scratch: Scratch;
    let database: Database;
    beforeAll(async () => {
      scratch = await scratchDatabase(kind);
      database = await scratch.open();
      // A database from before migration 021: every other migration, then three rows chained the old way.
      await database.runScript('CREATE TABLE schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const before = migrations.slice(0, migrations.findIndex((one) => one.id === '021_closed_teams_keyed_audit'));
      for (const m of before) await database.runScript(`${m.up}\n;INSERT INTO schema_migrations (id) VALUES ('${m.id}');`);
      for (let i = 1; i <= 3; i += 1)
        await database.db.execute(sql`INSERT INTO audit_log (seq, actor_label, action, subject_type, details, prev_hash, hash)
                                      VALUES (0, 'before keying', 'test-event', 'test', ${JSON.stringify({ n: i })}::jsonb, '\\x'::bytea, '\\x'::bytea)`);
      // Migrating writes the first keyed row at once (row 4), sealing the older ones.
      expect(await migrate(database)).toEqual(migrations.slice(before.length).map((m) => m.id));
      await writeRows(database, 5, 6);
    });
    afterAll(async () => {
      await database.close();
      await scratch.drop();
    });

    it('checks the older rows by their plain hashes, and says where keyed hashing starts', async () => {
      const found = await rows<{ seq: string | number; hash: Uint8Array; plain: Uint8Array }>(
        database.db,
        sql`SELECT seq, hash, audit_row_hash(prev_hash, seq, at, actor_id, actor_label, action, subject_type, subject_id, child_id, reason, request_id, details) AS plain FROM audit_log ORDER BY seq`,
      );
      expect(found.map((r) => hex(r.hash) === hex(r.plain))).toEqual([true, true, true, false, false, false]);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 6, keyedFrom: 4, head: { seq: 6 } });
      const sealed = await rows<{ action: string }>(database.db, sql`SELECT action FROM audit_log WHERE seq = 4`);
      expect(sealed[0]!.action).toBe('audit-keyed-hashing-started');
      await database.close();
      const command = verifyWithCommand(scratch);
      database = await scratch.open();
      expect(command.status).toBe(0);
      expect(command.stdout).toContain('Rows 1 to 3 were written before keyed hashing started; row 4, the first keyed row, seals them.');
    });

    it('finds an older row rewritten with its plain hashes recomputed: the first keyed row no longer follows', async () => {
      await behindTheTriggersBack(database, [
        sql`UPDATE audit_log SET actor_label = 'rewritten' WHERE seq = 2`,
        rewritePlainHashes(2, 3, false),
      ]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 6, problem: 'the chain is broken before this row', seq: 4 });
      await behindTheTriggersBack(database, [sql`UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = 3) WHERE seq = 4`]);
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, rows: 6, problem: 'a row was changed', seq: 4 });
    });

    it('finds the start of keyed hashing moved past the last row, with the keyed rows rewritten the older way', async () => {
      await behindTheTriggersBack(database, [
        sql`UPDATE audit_chain_head SET keyed_from = 100 WHERE id = 1`,
        rewritePlainHashes(4, 6, true),
      ]);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 100 });
      expect((await verifyAuditChain(database.db)) as { problem: string }).toHaveProperty('problem', expect.stringContaining('where keyed hashing should start'));
    });
  });
}
