import { and, eq, inArray, isNull } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit';
import { formatDate } from '../../domain/dates';
import { raiseReviewPrompts, raisesReviewPrompt } from '../assessments/living/reviewPrompts';
import type { Db } from '../../platform/db';
import type { ChronologyCategory } from '../../domain/chronology';
import { chronologyEntries, chronologyLinks, chronologyRevisions } from './tables';

export type NewChronologyEntry = {
  occurredOn: string;
  occurredPrecision?: 'day' | 'month' | 'year' | 'approximate';
  category: ChronologyCategory;
  summary: string;
  significance?: 'significant' | 'routine';
  sourceKind?: 'hearth' | 'person' | 'agency';
  sourceName?: string | null;
  sourceAgency?: string | null;
  impact?: string | null;
  /** What made this entry: 'entry' when typed directly, otherwise the record type ('contact', 'visit' …) and its id. */
  originType?: string;
  originId?: string | null;
  /** Everyone the event concerns: each child (and adult) sees it in their own chronology. */
  personIds: string[];
};

/** What a significant event's review prompt says on the assessment (A10). */
export const significantEventReason = (occurredOn: string, summary: string): string => `Significant event on ${formatDate(occurredOn)}: ${summary}`;

/**
 * A10: a significant entry asks for each child's assessment to be reviewed, once per entry (the
 * prompt's origin is the entry). Raise it before the entry's audit rows (docs/architecture.md, lock
 * order): the prompts' rows lock each child's newest open or authorised assessment (FOR KEY SHARE), and a save of an
 * assessment locks it FOR UPDATE and then audits.
 */
async function promptReviews(tx: Db, ctx: AuditContext, entry: { id: string; occurredOn: string; summary: string }, personIds: string[]): Promise<void> {
  await raiseReviewPrompts(tx, ctx, { childIds: personIds, reason: significantEventReason(entry.occurredOn, entry.summary), originType: 'chronology-entry', originId: entry.id });
}

/**
 * Records one event once, linked to every person it concerns, with its first revision and an audit
 * row per person. Call it with the transaction that records the event itself (a visit, a contact …),
 * so the chronology can never disagree with the records it is built from. Lock order
 * (docs/architecture.md): the entry's links lock the people it concerns (FOR KEY SHARE) and a
 * significant entry's review prompts lock each child's newest open or authorised assessment, both before its own
 * audit rows; a caller that has audited already must have taken those locks.
 */
export async function recordChronologyEntry(tx: Db, ctx: AuditContext, input: NewChronologyEntry): Promise<string> {
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) throw new Error('A chronology entry must concern at least one person');
  const inserted = await tx
    .insert(chronologyEntries)
    .values({
      occurredOn: input.occurredOn,
      occurredPrecision: input.occurredPrecision ?? 'day',
      category: input.category,
      summary: input.summary,
      significance: input.significance ?? 'routine',
      sourceKind: input.sourceKind ?? 'hearth',
      sourceName: input.sourceName ?? null,
      sourceAgency: input.sourceAgency ?? null,
      impact: input.impact ?? null,
      originType: input.originType ?? 'entry',
      originId: input.originId ?? null,
      recordedBy: ctx.actor?.id ?? null,
      updatedBy: ctx.actor?.id ?? null,
    })
    .returning({ id: chronologyEntries.id, recordedAt: chronologyEntries.recordedAt });
  const entry = inserted[0]!;
  await tx.insert(chronologyLinks).values(
    personIds.map((personId) => ({
      entryId: entry.id,
      personId,
      occurredOn: input.occurredOn,
      recordedAt: entry.recordedAt,
      significant: input.significance === 'significant',
      category: input.category,
    })),
  );
  await tx.insert(chronologyRevisions).values({
    entryId: entry.id,
    version: 1,
    data: { ...input, personIds },
    changedBy: ctx.actor?.id ?? null,
  });
  // A10: a significant event asks for each child's assessment to be reviewed (not what an assessment
  // itself records); before the audit rows, as the prompts lock the assessments (lock order).
  if (raisesReviewPrompt(input)) await promptReviews(tx, ctx, { id: entry.id, occurredOn: input.occurredOn, summary: input.summary }, personIds);
  await audit(tx, ctx, personIds.map((personId) => ({ action: 'chronology-entry-added', subjectType: 'chronology-entry', subjectId: entry.id, childId: personId, details: { category: input.category, origin: input.originType ?? 'entry' } })));
  return entry.id;
}


/** What an edit may change. Fields left out keep their value; `personIds` left out keeps the links as they are. */
export type ChronologyEntryChange = Partial<Omit<NewChronologyEntry, 'originType' | 'originId' | 'personIds'>> & {
  entryId: string;
  /** The version the editor started from: a stale save changes nothing. Leave it out when a source record re-syncs its own entry. */
  expectedVersion?: number;
  /** Everyone the entry concerns after the change (at least one). */
  personIds?: string[];
};

export type ChronologyUpdateResult = { ok: true; version: number; personIds: string[] } | { ok: false; reason: 'conflict' | 'not-found'; version?: number };

/**
 * Changes an entry in place, keeping its history: the entry's version goes up by one, the new state
 * is kept as a revision in chronology_revisions, the links' copies of the ordering columns (date,
 * category, significance) follow, links are added or removed when `personIds` is given, and every
 * person concerned before or after gets an audit row. Optimistic locking with `expectedVersion`.
 * A change that makes a routine entry significant asks for each child's assessment to be reviewed
 * (A10), as recording it so would have, with the same origin (this entry), so never twice.
 */
export async function updateChronologyEntry(tx: Db, ctx: AuditContext, change: ChronologyEntryChange): Promise<ChronologyUpdateResult> {
  const found = await tx.select().from(chronologyEntries).where(and(eq(chronologyEntries.id, change.entryId), isNull(chronologyEntries.removedAt))).for('update');
  const current = found[0];
  if (!current) return { ok: false, reason: 'not-found' };
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) return { ok: false, reason: 'conflict', version: current.version };
  const before = await tx.select({ personId: chronologyLinks.personId }).from(chronologyLinks).where(eq(chronologyLinks.entryId, current.id));
  const beforeIds = before.map((l) => l.personId);
  const personIds = change.personIds ? [...new Set(change.personIds)] : beforeIds;
  if (personIds.length === 0) throw new Error('A chronology entry must concern at least one person');
  const next = {
    occurredOn: change.occurredOn ?? current.occurredOn,
    occurredPrecision: change.occurredPrecision ?? current.occurredPrecision,
    category: change.category ?? current.category,
    summary: change.summary ?? current.summary,
    significance: change.significance ?? current.significance,
    sourceKind: change.sourceKind ?? current.sourceKind,
    sourceName: change.sourceName !== undefined ? change.sourceName : current.sourceName,
    sourceAgency: change.sourceAgency !== undefined ? change.sourceAgency : current.sourceAgency,
    impact: change.impact !== undefined ? change.impact : current.impact,
  };
  const version = current.version + 1;
  await tx
    .update(chronologyEntries)
    .set({ ...next, version, updatedAt: new Date(), updatedBy: ctx.actor?.id ?? null })
    .where(eq(chronologyEntries.id, current.id));
  await tx
    .update(chronologyLinks)
    .set({ occurredOn: next.occurredOn, category: next.category, significant: next.significance === 'significant' })
    .where(eq(chronologyLinks.entryId, current.id));
  const removed = beforeIds.filter((id) => !personIds.includes(id));
  const added = personIds.filter((id) => !beforeIds.includes(id));
  if (removed.length > 0) await tx.delete(chronologyLinks).where(and(eq(chronologyLinks.entryId, current.id), inArray(chronologyLinks.personId, removed)));
  if (added.length > 0) {
    await tx.insert(chronologyLinks).values(
      added.map((personId) => ({ entryId: current.id, personId, occurredOn: next.occurredOn, recordedAt: current.recordedAt, significant: next.significance === 'significant', category: next.category })),
    );
  }
  await tx.insert(chronologyRevisions).values({
    entryId: current.id,
    version,
    data: { ...next, originType: current.originType, originId: current.originId, personIds },
    changedBy: ctx.actor?.id ?? null,
  });
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
  const nowSignificant = current.significance !== 'significant' && raisesReviewPrompt({ significance: next.significance, originType: current.originType });
  if (nowSignificant) await promptReviews(tx, ctx, { id: current.id, ...next }, personIds);
  await audit(
    tx,
    ctx,
    [...new Set([...beforeIds, ...personIds])].map((personId) => ({
      action: 'chronology-entry-changed',
      subjectType: 'chronology-entry',
      subjectId: current.id,
      childId: personId,
      details: { version, fields: changed, added: added.includes(personId), removed: removed.includes(personId) },
    })),
  );
  return { ok: true, version, personIds };
}
