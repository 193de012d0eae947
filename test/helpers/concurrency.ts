import { sql, TransactionRollbackError } from 'drizzle-orm';
import { queryCounter, rows, toNumber, type Db, type QueryStore } from '../../src/platform/db';

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

/** The statements `run` sends, in order, whitespace folded (both databases). */
export async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const store: QueryStore = { count: 0, upkeep: 0, captured: [] };
  await queryCounter.run(store, run);
  return store.captured!.map((q) => q.sql.replace(/\s+/g, ' '));
}

/** Where the first statement matching `pattern` is (-1 if none). */
export const firstStatement = (statements: string[], pattern: RegExp): number => statements.findIndex((s) => pattern.test(s));

/**
 * Makes two transactions meet in the worst order at the audit chain's head (PostgreSQL only): holds
 * the head, starts `a`, waits until it is queued for a lock, starts `b`, waits until both are, then
 * lets them go. `a` takes the head first; `b` holds whatever it locked before its own audit row.
 */
export async function meetAtAuditHead<A, B>(db: Db, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const head = await holdTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE`);
  });
  const first = a();
  await waitForLockWaiters(db, 1);
  const second = b();
  await waitForLockWaiters(db, 2);
  await head.commit();
  return Promise.all([first, second]);
}
