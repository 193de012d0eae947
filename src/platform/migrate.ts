import { sql } from 'drizzle-orm';
import { migrations } from '../../migrations/index';
import { rows, type Database } from './db';
import { startKeyedAudit } from './audit';

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory lock
 * so that several app instances starting together do not race. Same scripts on PGlite and PostgreSQL.
 * Then starts keyed audit hashing if it has not started (see startKeyedAudit): the audit key must
 * be set (useAuditKey) before, in production.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.runScript(
    `CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await rows<{ id: string }>(
      database.db,
      sql`SELECT id FROM schema_migrations WHERE id = ${migration.id}`,
    );
    if (done.length > 0) continue;
    const id = migration.id.replace(/'/g, "''");
    await database.runScript(
      `SELECT pg_advisory_xact_lock(4827301);
       DO $$ BEGIN
         IF EXISTS (SELECT 1 FROM schema_migrations WHERE id = '${id}') THEN
           RAISE EXCEPTION 'hearth-migration-already-applied';
         END IF;
       END $$;
       ${migration.up}
       ;INSERT INTO schema_migrations (id) VALUES ('${id}');`,
    ).catch((error: unknown) => {
      if (error instanceof Error && error.message.includes('hearth-migration-already-applied')) return;
      throw error;
    });
    applied.push(migration.id);
  }
  await startKeyedAudit(database.db);
  return applied;
}
