import { sql } from 'drizzle-orm';
import { rows, toNumber, type Db } from './db';
import { auditLog } from './tables';
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

/**
 * Writes one audit row. Call it with the transaction that makes the change (or reads the record),
 * so the record and its audit row are committed together or not at all.
 */
export async function audit(db: Db, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    actorId: ctx.actor?.id ?? null,
    actorLabel: ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : (ctx.actorLabel ?? 'system'),
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    childId: event.childId ?? null,
    reason: event.reason ?? (event.childId ? ctx.restrictedReasons?.[event.childId] : undefined) ?? null,
    requestId: ctx.requestId,
    details: event.details ?? {},
  });
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; problem: string; seq: number | null };

/**
 * Walks the whole chain in the database: every row must hash to its stored hash, chain to the row
 * before, and the numbers must run without a gap up to the head. A changed, deleted or inserted
 * row breaks one of those.
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  const bad = await rows<{ seq: string | number; problem: string }>(
    db,
    sql`WITH chain AS (
          SELECT seq, hash, prev_hash,
            audit_row_hash(prev_hash, seq, at, actor_id, actor_label, action, subject_type, subject_id,
                           child_id, reason, request_id, details) AS recomputed,
            lag(hash) OVER (ORDER BY seq) AS before_hash,
            lag(seq) OVER (ORDER BY seq) AS before_seq
          FROM audit_log)
        SELECT seq, CASE
            WHEN recomputed <> hash THEN 'a row was changed'
            WHEN before_seq IS NOT NULL AND seq <> before_seq + 1 THEN 'a row is missing before this one'
            WHEN before_hash IS NOT NULL AND prev_hash <> before_hash THEN 'the chain is broken before this row'
            WHEN before_seq IS NULL AND seq <> 1 THEN 'the first rows are missing'
          END AS problem
        FROM chain
        WHERE recomputed <> hash
           OR (before_seq IS NOT NULL AND seq <> before_seq + 1)
           OR (before_hash IS NOT NULL AND prev_hash <> before_hash)
           OR (before_seq IS NULL AND seq <> 1)
        ORDER BY seq LIMIT 1`,
  );
  const totals = await rows<{ n: string | number; last_seq: string | number | null; head_seq: string | number; head_matches: boolean }>(
    db,
    sql`SELECT (SELECT count(*) FROM audit_log) AS n,
               (SELECT max(seq) FROM audit_log) AS last_seq,
               h.seq AS head_seq,
               coalesce((SELECT a.hash = h.hash FROM audit_log a WHERE a.seq = h.seq), h.seq = 0) AS head_matches
        FROM audit_chain_head h WHERE h.id = 1`,
  );
  const total = totals[0];
  const count = toNumber(total?.n);
  const first = bad[0];
  if (first) return { ok: false, rows: count, problem: first.problem, seq: toNumber(first.seq) };
  if (!total) return { ok: false, rows: count, problem: 'the chain head is missing', seq: null };
  if (toNumber(total.last_seq ?? 0) !== toNumber(total.head_seq) || !total.head_matches) {
    return { ok: false, rows: count, problem: 'the newest rows were removed or the head was changed', seq: toNumber(total.last_seq ?? 0) };
  }
  return { ok: true, rows: count };
}
