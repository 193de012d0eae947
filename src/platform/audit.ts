import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { rows, toNumber, type Db } from './db';
import { auditLog } from './tables';
import { DEVELOPMENT_SECRET_KEY } from './secretBox';
import type { Actor } from './access';

export type AuditEvent = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  childId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
};

export type AuditContext = {
  actor: Actor | null;
  actorLabel?: string;
  requestId: string | null;
  /**
   * The reasons this session gave for opening restricted records, by person id. A row about one of
   * them carries its reason unless the event gives its own, so every later view says why.
   */
  restrictedReasons?: Readonly<Record<string, string>>;
};

/** The key the chain's hashes are made with: derived from SECRET_KEY, never stored in the database. */
export function auditKeyFrom(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'hearth audit chain v1', 32));
}

/**
 * One key per process, set by the composition root (createServices) from SECRET_KEY, so that the
 * hundred places that write an audit row need not carry it. Until it is set: the development key,
 * except in production, where writing or checking the log without it is refused.
 */
let processKey: Buffer | null = null;

export function useAuditKey(secretKey: Buffer): void {
  processKey = auditKeyFrom(secretKey);
}

function currentKey(): Buffer {
  if (processKey) return processKey;
  if (process.env.NODE_ENV === 'production') throw new Error('The audit key was not set from SECRET_KEY');
  return auditKeyFrom(DEVELOPMENT_SECRET_KEY);
}

/** A row's hash: HMAC-SHA256 of the previous row's hash and the row's text (audit_row_message). */
function keyedHash(key: Buffer, prevHash: Uint8Array, message: string): Buffer {
  return createHmac('sha256', key).update(prevHash).update(message, 'utf8').digest();
}

/** Whether this handle is a transaction already (a plain boolean, so `db` keeps its type). */
function isTransaction(db: Db): boolean {
  return db instanceof PgTransaction;
}

/** The previous hash of the very first row. */
const GENESIS = createHash('sha256').update('hearth-audit-genesis').digest();

/**
 * Writes audit rows: one event, or several (a family's chronology is a view of each member's record)
 * in the same two statements whatever their number. Call it with the transaction that makes the
 * change (or reads the record), so the record and its audit rows are committed together or not at
 * all. The first statement takes the chain's head (locked until the transaction ends, so rows never
 * fork) with the text each new row's hash covers; the second inserts the rows, each with its keyed
 * hash chained to the one before. Given a plain connection, it makes its own transaction.
 */
export async function audit(db: Db, ctx: AuditContext, events: AuditEvent | readonly AuditEvent[]): Promise<void> {
  const list: readonly AuditEvent[] = Array.isArray(events) ? events : [events as AuditEvent];
  if (list.length === 0) return;
  if (!isTransaction(db)) {
    await db.transaction((tx) => audit(tx, ctx, list));
    return;
  }
  const actorId = ctx.actor?.id ?? null;
  const actorLabel = ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : (ctx.actorLabel ?? 'system');
  const requestId = ctx.requestId;
  const rowsToWrite = list.map((event) => ({
    event,
    subjectId: event.subjectId ?? null,
    childId: event.childId ?? null,
    reason: event.reason ?? (event.childId ? ctx.restrictedReasons?.[event.childId] : undefined) ?? null,
    details: JSON.stringify(event.details ?? {}),
  }));
  const values = rowsToWrite.map(
    (r, i) =>
      sql`(${i + 1}::int, ${r.event.action}::text, ${r.event.subjectType}::text, ${r.subjectId}::text, ${r.childId}::uuid, ${r.reason}::text, ${r.details}::jsonb)`,
  );
  const heads = await rows<{ seq: string | number; prev_hash: Uint8Array; message: string }>(
    db,
    sql`SELECT h.seq + v.i AS seq, h.hash AS prev_hash,
          audit_row_message(h.seq + v.i, now(), ${actorId}::uuid, ${actorLabel}, v.action, v.subject_type,
            v.subject_id, v.child_id, v.reason, ${requestId}, v.details) AS message
        FROM audit_chain_head h
        CROSS JOIN (VALUES ${sql.join(values, sql`, `)}) AS v(i, action, subject_type, subject_id, child_id, reason, details)
        WHERE h.id = 1 ORDER BY v.i FOR UPDATE OF h`,
  );
  if (heads.length !== rowsToWrite.length) throw new Error('The audit chain head is missing');
  const key = currentKey();
  let prevHash: Buffer = Buffer.from(heads[0]!.prev_hash);
  const inserts = rowsToWrite.map((r, i) => {
    const head = heads[i]!;
    const hash = keyedHash(key, prevHash, head.message);
    const row = {
      seq: toNumber(head.seq),
      at: sql`now()`,
      actorId,
      actorLabel,
      action: r.event.action,
      subjectType: r.event.subjectType,
      subjectId: r.subjectId,
      childId: r.childId,
      reason: r.reason,
      requestId,
      details: sql`${r.details}::jsonb`,
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await db.insert(auditLog).values(inserts);
}

export type AuditHead = { seq: number; hash: string };

export type VerifyResult =
  | {
      ok: true;
      rows: number;
      /** The newest row (row 0 and the starting hash for an empty log): an IT team records it elsewhere. */
      head: AuditHead;
      /** The first row with a keyed hash; rows before it were written before keyed hashing started. */
      keyedFrom: number;
      /** The row with the hash given as `expectHead`, when one was given. */
      expected?: AuditHead;
    }
  | { ok: false; rows: number; problem: string; seq: number | null };

const BATCH = 5000;
const hex = (value: Uint8Array): string => Buffer.from(value).toString('hex');

/**
 * Walks the whole chain in one snapshot: every row must chain to the row before, the numbers must
 * run without a gap up to the head, rows from `keyed_from` on must carry the HMAC of their text
 * under this process's key (rows before it their plain SHA-256), and the head must be the last
 * row. A changed, deleted or inserted row breaks one of those; a consistent rewrite needs the key.
 * Removing the newest rows and the head with them is found only against a head recorded elsewhere:
 * pass its hash as `expectHead`, and the row with that hash must still be in the chain.
 */
export async function verifyAuditChain(db: Db, opts: { expectHead?: string } = {}): Promise<VerifyResult> {
  return db.transaction(
    async (tx) => {
      const key = currentKey();
      const heads = await rows<{ seq: string | number; hash: Uint8Array; keyed_from: string | number; n: string | number; last_seq: string | number | null }>(
        tx,
        sql`SELECT h.seq, h.hash, h.keyed_from, (SELECT count(*) FROM audit_log) AS n, (SELECT max(seq) FROM audit_log) AS last_seq
            FROM audit_chain_head h WHERE h.id = 1`,
      );
      const head = heads[0];
      if (!head) return { ok: false, rows: 0, problem: 'the chain head is missing', seq: null };
      const count = toNumber(head.n);
      const keyedFrom = toNumber(head.keyed_from);
      const failures: { seq: number; problem: string }[] = [];

      // The links between rows, and the plain hashes of rows from before keyed hashing, in SQL.
      const broken = await rows<{ seq: string | number; problem: string }>(
        tx,
        sql`WITH chain AS (
              SELECT seq, hash, prev_hash,
                CASE WHEN seq < ${keyedFrom} THEN
                  audit_row_hash(prev_hash, seq, at, actor_id, actor_label, action, subject_type, subject_id,
                                 child_id, reason, request_id, details) = hash
                ELSE true END AS plain_ok,
                lag(hash) OVER (ORDER BY seq) AS before_hash,
                lag(seq) OVER (ORDER BY seq) AS before_seq
              FROM audit_log)
            SELECT seq, CASE
                WHEN NOT plain_ok THEN 'a row was changed'
                WHEN before_seq IS NULL AND seq <> 1 THEN 'the first rows are missing'
                WHEN before_seq IS NULL AND prev_hash <> decode(${hex(GENESIS)}, 'hex') THEN 'a row was changed'
                WHEN before_seq IS NOT NULL AND seq <> before_seq + 1 THEN 'a row is missing before this one'
                WHEN before_seq IS NOT NULL AND prev_hash <> before_hash THEN 'the chain is broken before this row'
              END AS problem
            FROM chain
            WHERE NOT plain_ok
               OR (before_seq IS NULL AND (seq <> 1 OR prev_hash <> decode(${hex(GENESIS)}, 'hex')))
               OR (before_seq IS NOT NULL AND (seq <> before_seq + 1 OR prev_hash <> before_hash))
            ORDER BY seq LIMIT 1`,
      );
      if (broken[0]) failures.push({ seq: toNumber(broken[0].seq), problem: broken[0].problem });

      // The keyed hashes, a batch at a time in order: only Hearth, with the key, can make them.
      let after = keyedFrom - 1;
      for (;;) {
        const batch = await rows<{ seq: string | number; prev_hash: Uint8Array; hash: Uint8Array; message: string }>(
          tx,
          sql`SELECT seq, prev_hash, hash,
                audit_row_message(seq, at, actor_id, actor_label, action, subject_type, subject_id, child_id, reason, request_id, details) AS message
              FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${BATCH}`,
        );
        const bad = batch.find((r) => {
          const stored = Buffer.from(r.hash);
          const made = keyedHash(key, r.prev_hash, r.message);
          return stored.length !== made.length || !timingSafeEqual(stored, made);
        });
        if (bad) {
          failures.push({ seq: toNumber(bad.seq), problem: 'a row was changed' });
          break;
        }
        if (batch.length < BATCH) break;
        after = toNumber(batch[batch.length - 1]!.seq);
      }

      const first = failures.sort((a, b) => a.seq - b.seq)[0];
      if (first) return { ok: false, rows: count, problem: first.problem, seq: first.seq };

      const lastSeq = toNumber(head.last_seq ?? 0);
      const headSeq = toNumber(head.seq);
      const last = lastSeq > 0 ? (await rows<{ hash: Uint8Array }>(tx, sql`SELECT hash FROM audit_log WHERE seq = ${lastSeq}`))[0] : undefined;
      const headHash = hex(head.hash);
      if (lastSeq !== headSeq || (last ? hex(last.hash) !== headHash : headHash !== hex(GENESIS))) {
        return { ok: false, rows: count, problem: 'the newest rows were removed or the head was changed', seq: lastSeq };
      }
      const result: Extract<VerifyResult, { ok: true }> = { ok: true, rows: count, head: { seq: headSeq, hash: headHash }, keyedFrom };
      if (opts.expectHead !== undefined) {
        const wanted = opts.expectHead.trim().toLowerCase();
        const found = /^[0-9a-f]{64}$/.test(wanted)
          ? wanted === hex(GENESIS)
            ? [{ seq: 0 }]
            : await rows<{ seq: string | number }>(tx, sql`SELECT seq FROM audit_log WHERE hash = decode(${wanted}, 'hex') LIMIT 1`)
          : [];
        if (!found[0]) return { ok: false, rows: count, problem: 'no row has the head hash you recorded: rows up to it were changed or removed', seq: null };
        result.expected = { seq: toNumber(found[0].seq), hash: wanted };
      }
      return result;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
