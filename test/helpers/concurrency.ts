import { sql, TransactionRollbackError } from 'drizzle-orm';
import { rows, toNumber, type Db } from '../../src/platform/db';

/**
 * A transaction the test holds open on its own connection (PostgreSQL only: PGlite has one
 * connection, so a second transaction would wait for this one). `run` does its work in it; the
 * transaction stays open, holding its locks, until `commit()` (or `rollback()`).
 */
export async function holdTransaction(db: Db, run: (tx: Db) => Promise<void>): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }> {
  let decide!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (decide = resolve));
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  // Settles with the transaction's error (a rollback asked for is not one), or undefined.
  const outcome = db
    .transaction(async (tx) => {
      await run(tx);
      ready();
      if (!(await decided)) tx.rollback();
    })
    .then(
      () => undefined,
      (error: unknown) => (error instanceof TransactionRollbackError ? undefined : error),
    );
  await Promise.race([
    started,
    outcome.then((error) => {
      throw error ?? new Error('The held transaction ended before its work was done');
    }),
  ]);
  const end = async (commit: boolean) => {
    decide(commit);
    const error = await outcome;
    if (error) throw error;
  };
  return { commit: () => end(true), rollback: () => end(false) };
}

/** Waits until at least `count` other connections to this database are waiting for a lock (PostgreSQL only). */
export async function waitForLockWaiters(db: Db, count = 1, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await rows<{ n: unknown }>(
      db,
      sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (toNumber(found[0]?.n) >= count) return;
    if (Date.now() > until) throw new Error(`No ${count} connection(s) waited for a lock within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
