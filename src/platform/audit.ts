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

/** A row's hash: HMAC-SHA256 of the previous row's hash and the row's text (auditRowMessage). */
function keyedHash(key: Buffer, prevHash: Uint8Array, message: string): Buffer {
  return createHmac('sha256', key).update(prevHash).update(message, 'utf8').digest();
}

/** Names the key without giving it away: stored in audit_chain_head.key_id, so a Hearth with another SECRET_KEY refuses to write. */
export function auditKeyId(key: Buffer): Buffer {
  return createHmac('sha256', key).update('hearth audit key id').digest();
}

/** The fields of an audit row a keyed hash covers, as the database gives them back (uuids and jsonb through their own types). */
export type AuditRowFields = {
  seq: string | number;
  /** When, in milliseconds since 1970 (Hearth's clock when it wrote the row). */
  atMs: string | number;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  childId: string | null;
  reason: string | null;
  requestId: string | null;
  details: unknown;
};

/** JSON with every object's keys in order, so a value reads the same however jsonb stored it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The text a row's keyed hash covers: every field, as a JSON array (so no field's text can run into
 * the next), built here rather than by a function in the database, which someone with database
 * access could replace to hand back the original text of a row they changed.
 */
export function auditRowMessage(row: AuditRowFields): string {
  return JSON.stringify([
    String(row.seq),
    String(row.atMs),
    row.actorId,
    row.actorLabel,
    row.action,
    row.subjectType,
    row.subjectId,
    row.childId,
    row.reason,
    row.requestId,
    canonicalJson(row.details),
  ]);
}

/** The key's id does not match the one the log is written with: writing would make rows no check can pass. */
export class AuditKeyMismatch extends Error {
  constructor() {
    super('SECRET_KEY is not the key this audit log is written with: every instance and command must use the same SECRET_KEY');
  }
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
  // Hearth's own clock, to the millisecond, so the text hashed now is the text read back later.
  const at = new Date();
  const rowsToWrite = list.map((event) => ({
    event,
    subjectId: event.subjectId ?? null,
    reason: event.reason ?? (event.childId ? ctx.restrictedReasons?.[event.childId] : undefined) ?? null,
    details: canonicalJson(event.details ?? {}),
  }));
  const values = rowsToWrite.map((r, i) => sql`(${i + 1}::int, ${list[i]!.childId ?? null}::uuid, ${r.details}::jsonb)`);
  // The head (locked), and each row's child id and details as the database will store and give them back.
  const heads = await rows<{ seq: string | number; prev_hash: Uint8Array; key_id: Uint8Array | null; actor_id: string | null; child_id: string | null; details: unknown }>(
    db,
    sql`SELECT h.seq + v.i AS seq, h.hash AS prev_hash, h.key_id, ${actorId}::uuid::text AS actor_id, v.child_id::text AS child_id, v.details
        FROM audit_chain_head h
        CROSS JOIN (VALUES ${sql.join(values, sql`, `)}) AS v(i, child_id, details)
        WHERE h.id = 1 ORDER BY v.i FOR UPDATE OF h`,
  );
  if (heads.length !== rowsToWrite.length) throw new Error('The audit chain head is missing');
  const key = currentKey();
  const keyId = heads[0]!.key_id;
  if (keyId && !Buffer.from(keyId).equals(auditKeyId(key))) throw new AuditKeyMismatch();
  let prevHash: Buffer = Buffer.from(heads[0]!.prev_hash);
  const inserts = rowsToWrite.map((r, i) => {
    const head = heads[i]!;
    const message = auditRowMessage({
      seq: head.seq,
      atMs: at.getTime(),
      actorId: head.actor_id,
      actorLabel,
      action: r.event.action,
      subjectType: r.event.subjectType,
      subjectId: r.subjectId,
      childId: head.child_id,
      reason: r.reason,
      requestId,
      details: head.details,
    });
    const hash = keyedHash(key, prevHash, message);
    const row = {
      seq: toNumber(head.seq),
      at,
      actorId,
      actorLabel,
      action: r.event.action,
      subjectType: r.event.subjectType,
      subjectId: r.subjectId,
      childId: head.child_id,
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

/**
 * Starts keyed hashing on a log that has none yet: records which key it is written with and, when
 * older rows were written before keyed hashing, writes the first keyed row at once, which seals
 * them (so `keyed_from` always names a row that exists, and moving it past the end is found).
 * Runs after migrations; does nothing the second time.
 */
export async function startKeyedAudit(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const head = (await rows<{ seq: string | number; keyed_from: string | number; key_id: Uint8Array | null }>(tx, sql`SELECT seq, keyed_from, key_id FROM audit_chain_head WHERE id = 1 FOR UPDATE`))[0];
    if (!head) return;
    const keyId = auditKeyId(currentKey());
    if (!head.key_id) await tx.execute(sql`UPDATE audit_chain_head SET key_id = ${keyId} WHERE id = 1`);
    else if (!Buffer.from(head.key_id).equals(keyId)) throw new AuditKeyMismatch();
    const keyedFrom = toNumber(head.keyed_from);
    if (keyedFrom > 1 && toNumber(head.seq) < keyedFrom) {
      await audit(tx, { actor: null, actorLabel: 'system', requestId: null }, { action: 'audit-keyed-hashing-started', subjectType: 'audit-log', details: { keyedFrom } });
    }
  });
}

/**
 * Stored audit rows after row `after`, each with the text its keyed hash covers, read back through
 * the database's own casts (EXTRACT and OPERATOR(pg_catalog.*) cannot be replaced by anyone).
 */
export async function storedRowsAfter(db: Db, after: number, limit: number): Promise<{ seq: string | number; prev_hash: Uint8Array; hash: Uint8Array; message: string }[]> {
  const found = await rows<{
    seq: string | number;
    prev_hash: Uint8Array;
    hash: Uint8Array;
    at_ms: string | number;
    actor_id: string | null;
    actor_label: string;
    action: string;
    subject_type: string;
    subject_id: string | null;
    child_id: string | null;
    reason: string | null;
    request_id: string | null;
    details: unknown;
  }>(
    db,
    sql`SELECT seq, prev_hash, hash, (extract(epoch FROM at) OPERATOR(pg_catalog.*) 1000)::bigint AS at_ms,
          actor_id::text AS actor_id, actor_label, action, subject_type, subject_id,
          child_id::text AS child_id, reason, request_id, details
        FROM audit_log WHERE seq > ${after} ORDER BY seq LIMIT ${limit}`,
  );
  return found.map((r) => ({
    seq: r.seq,
    prev_hash: r.prev_hash,
    hash: r.hash,
    message: auditRowMessage({
      seq: r.seq,
      atMs: r.at_ms,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      childId: r.child_id,
      reason: r.reason,
      requestId: r.request_id,
      details: typeof r.details === 'string' ? (JSON.parse(r.details) as unknown) : r.details,
    }),
  }));
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
  | { ok: false; rows: number; problem: string; seq: number | null; wrongKey?: true };

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
      const heads = await rows<{ seq: string | number; hash: Uint8Array; keyed_from: string | number; key_id: Uint8Array | null; n: string | number; last_seq: string | number | null }>(
        tx,
        sql`SELECT h.seq, h.hash, h.keyed_from, h.key_id, (SELECT count(*) FROM audit_log) AS n, (SELECT max(seq) FROM audit_log) AS last_seq
            FROM audit_chain_head h WHERE h.id = 1`,
      );
      const head = heads[0];
      if (!head) return { ok: false, rows: 0, problem: 'the chain head is missing', seq: null };
      const count = toNumber(head.n);
      const keyedFrom = toNumber(head.keyed_from);
      const failures: { seq: number; problem: string }[] = [];
      if (head.key_id && !Buffer.from(head.key_id).equals(auditKeyId(key))) {
        return { ok: false, rows: count, problem: 'this SECRET_KEY is not the key the log is written with', seq: null, wrongKey: true };
      }
      // Keyed hashing starts with a row Hearth writes as soon as it is upgraded: a start past the
      // last row would let older-style hashes pass for rows someone rewrote.
      if (keyedFrom > 1 && toNumber(head.last_seq ?? 0) < keyedFrom) {
        return { ok: false, rows: count, problem: 'no row was written with the key where keyed hashing should start: the start was moved, or Hearth has not run since it was upgraded (run hearth migrate)', seq: keyedFrom };
      }

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
        const batch = await storedRowsAfter(tx, after, BATCH);
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
