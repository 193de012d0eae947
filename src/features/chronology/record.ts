import { audit, type AuditContext } from '../../platform/audit';
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

/**
 * Records one event once, linked to every person it concerns, with its first revision and an audit
 * row per person. Call it with the transaction that records the event itself (a visit, a contact …),
 * so the chronology can never disagree with the records it is built from.
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
  for (const personId of personIds) {
    await audit(tx, ctx, { action: 'chronology-entry-added', subjectType: 'chronology-entry', subjectId: entry.id, childId: personId, details: { category: input.category, origin: input.originType ?? 'entry' } });
  }
  return entry.id;
}
