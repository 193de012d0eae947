/**
 * Reads of an assessment's revisions (A10). Every save of a section is a numbered revision holding
 * the whole content, who saved it and which fields changed (saveAssessmentSection writes them).
 */
import { sql } from 'drizzle-orm';
import { rows, toNumber, type Db } from '../../../platform/db';

export type RevisionSummary = { revision: number; section: string; changedFields: string[]; changedByName: string | null; changedAt: Date };

export const REVISIONS_PER_PAGE = 100;

/** Newest first, a page at a time (keyset on the revision number), without the content itself. */
export async function listRevisions(db: Db, assessmentId: string, before: number | null): Promise<{ revisions: RevisionSummary[]; more: boolean }> {
  const found = await rows<{ revision: unknown; section: string; changed_fields: string[] | string; changed_by_name: string | null; changed_at: Date | string }>(
    db,
    sql`SELECT v.revision, v.section, v.changed_fields, u.name AS changed_by_name, v.changed_at
        FROM assessment_revisions v LEFT JOIN users u ON u.id = v.changed_by
        WHERE v.assessment_id = ${assessmentId} ${before === null ? sql`` : sql`AND v.revision < ${before}`}
        ORDER BY v.revision DESC LIMIT ${REVISIONS_PER_PAGE + 1}`,
  );
  const revisions = found.slice(0, REVISIONS_PER_PAGE).map((r) => ({
    revision: toNumber(r.revision),
    section: r.section,
    changedFields: parseTextArray(r.changed_fields),
    changedByName: r.changed_by_name,
    changedAt: new Date(r.changed_at),
  }));
  return { revisions, more: found.length > REVISIONS_PER_PAGE };
}

/** Two revisions' whole content, with who saved each (one query). */
export async function revisionPair(db: Db, assessmentId: string, from: number, to: number): Promise<Map<number, { content: Record<string, unknown>; changedByName: string | null; changedAt: Date }>> {
  const found = await rows<{ revision: unknown; content: Record<string, unknown> | string; changed_by_name: string | null; changed_at: Date | string }>(
    db,
    sql`SELECT v.revision, v.content, u.name AS changed_by_name, v.changed_at
        FROM assessment_revisions v LEFT JOIN users u ON u.id = v.changed_by
        WHERE v.assessment_id = ${assessmentId} AND v.revision IN (${from}, ${to})`,
  );
  return new Map(
    found.map((r) => [
      toNumber(r.revision),
      { content: typeof r.content === 'string' ? (JSON.parse(r.content) as Record<string, unknown>) : r.content, changedByName: r.changed_by_name, changedAt: new Date(r.changed_at) },
    ]),
  );
}

/** pg gives text[] as an array; some drivers give the literal '{a,b}'. */
function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}
