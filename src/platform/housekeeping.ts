import { sql } from 'drizzle-orm';
import type { Db } from './db';

/** Drafts nobody came back to are removed after this many days: they hold typed text about children. */
export const DRAFT_KEEP_DAYS = 30;

/**
 * An ended session is kept this long before it is removed (it can no longer be used): a form posted
 * on it after a timeout is still recognised as that person's, and kept as their draft.
 */
export const ENDED_SESSION_KEEP_HOURS = 24;

/**
 * Removes what must not pile up: sessions that ended (past their last moment, or idle longer than
 * the idle limit) more than ENDED_SESSION_KEEP_HOURS ago, and drafts nobody has touched for
 * DRAFT_KEEP_DAYS days. Safe to run from
 * several instances at once; Hearth runs it when it starts and every hour.
 */
export async function housekeeping(db: Db, opts: { idleMinutes: number; now?: Date }): Promise<{ sessions: number; drafts: number }> {
  const now = (opts.now ?? new Date()).toISOString();
  const sessions = await db.execute(
    sql`DELETE FROM sessions
        WHERE expires_at <= ${now}::timestamptz - make_interval(hours => ${ENDED_SESSION_KEEP_HOURS})
           OR last_seen_at <= ${now}::timestamptz - make_interval(mins => ${opts.idleMinutes}) - make_interval(hours => ${ENDED_SESSION_KEEP_HOURS})`,
  );
  const drafts = await db.execute(sql`DELETE FROM drafts WHERE updated_at <= ${now}::timestamptz - make_interval(days => ${DRAFT_KEEP_DAYS})`);
  return { sessions: affected(sessions), drafts: affected(drafts) };
}

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/** Runs housekeeping now and every hour, without keeping the process alive; a failure is reported, never fatal. */
export function startHousekeeping(db: Db, opts: { idleMinutes: number }, report: (error: unknown) => void): () => void {
  const run = () => {
    housekeeping(db, opts).catch(report);
  };
  run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
