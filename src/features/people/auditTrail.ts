import { sql } from 'drizzle-orm';
import { rows, toNumber, type Db } from '../../platform/db';
import { FIELD_LABELS, type PersonFields } from './schema';
import { describeMovedDates } from '../assessments/reschedule';

export type AuditEntry = {
  seq: number;
  at: Date;
  who: string;
  what: string;
  reason: string | null;
  /** Set when the row was written about a record later merged into this one. */
  fromMergedRecord: boolean;
};

export type AuditPage = { entries: AuditEntry[]; olderBefore: number | null };

const ACTIONS: Record<string, string> = {
  viewed: 'Opened the record',
  'person-created': 'Added the record',
  'person-updated': 'Changed details',
  'address-added': 'Added an address',
  'address-ended': 'Recorded a move out of an address',
  'restricted-record-opened': 'Opened the restricted record',
  'access-refused': 'Tried to open the record and was refused',
  'person-merged': 'Merged another record of the same person into this one',
  'person-merged-into': 'Merged this record into another record of the same person',
  'restriction-changed': 'Changed who may see the record',
  'audit-viewed': 'Looked at who has seen the record',
  'family-viewed': 'Looked at the family and household',
  'genogram-viewed': 'Opened the family tree drawing',
  'relationship-added': 'Recorded a relationship',
  'relationship-ended': 'Ended a relationship',
  'household-created': 'Recorded a household',
  'household-member-added': 'Added a person to a household',
  'household-member-ended': 'Recorded that a person left a household',
  'involvement-viewed': 'Looked at contacts, episodes and workers',
  'contact-recorded': 'Recorded a contact',
  'contact-viewed': 'Opened a contact',
  'contact-decided': 'Recorded the decision on a contact',
  'consent-not-sought-authorised': 'Authorised that consent was not sought',
  allocated: 'Allocated a team or worker',
  'episode-opened': 'Started an episode of work',
  'episode-closed': 'Closed an episode',
  'grants-viewed': 'Looked at partner agency access',
  'grant-added': 'Gave a partner agency professional access',
  'grant-revoked': 'Ended a partner agency professional’s access',
  'person-edit-viewed': 'Opened the form to change details',
  'address-form-viewed': 'Opened the form to add an address',
  'address-end-viewed': 'Opened the form to record a move out of an address',
  'restriction-viewed': 'Looked at who may see the record',
  'merge-search-viewed': 'Opened the page to merge another record into this one',
  'allocation-form-viewed': 'Opened the allocation form and allocation history',
  'episode-close-viewed': 'Opened the form to close an episode',
  'contact-form-viewed': 'Opened the form to record a contact',
  'contact-decision-viewed': 'Opened the form to record the decision on a contact',
  'consent-authorisation-viewed': 'Opened the form to authorise that consent was not sought',
  'visit-form-viewed': 'Opened the form to record a visit',
  'case-note-form-viewed': 'Opened the form to add a case note',
  'chronology-entry-form-viewed': 'Opened the form to add a chronology event',
  'assessment-start-viewed': 'Opened the page to start an assessment',
  'assessment-plan-viewed': 'Opened the assessment plan',
  'interpreter-approval-viewed': 'Opened the approval of not using an interpreter',
  'assessment-checkpoint-viewed': 'Opened an assessment checkpoint decision',
  'assessment-late-reasons-viewed': 'Opened the reasons an assessment is late',
  'safeguarding-actions-viewed': 'Opened the safeguarding actions of an assessment',
  'assessment-stepped-up': 'Closed an early help assessment into a new assessment (stepped up)',
  'assessment-annual-review-viewed': 'Opened the annual review of an assessment',
  'assessment-annual-review-recorded': 'Recorded the annual review of an assessment',
};

/** Says what an audit row records, in plain words. */
export function describeAction(action: string, details: Record<string, unknown>): string {
  const base = ACTIONS[action] ?? action.replace(/[-_:]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  if (action === 'person-updated' && Array.isArray(details.fields) && details.fields.length > 0) {
    const labels = details.fields.map((f) => FIELD_LABELS[f as keyof PersonFields] ?? String(f));
    return `${base}: ${labels.join(', ').toLowerCase()}`;
  }
  if (action === 'assessment-dates-moved') return describeMovedDates(details);
  if (action === 'restriction-changed' && typeof details.restricted === 'boolean') {
    return details.restricted ? 'Restricted the record and set who may see it' : 'Lifted the restriction on the record';
  }
  return base;
}

/**
 * "Who has seen this record": audit rows about this person and any record merged into it, newest
 * first, a page at a time by keyset on the audit sequence number (index audit_log_child_seq_idx).
 * Two queries whatever the history's length.
 */
export async function recordAuditTrail(db: Db, personId: string, before: number | null, pageSize = 50): Promise<AuditPage> {
  const merged = await rows<{ id: string }>(db, sql`SELECT id FROM people WHERE merged_into = ${personId} LIMIT 100`);
  const ids = [personId, ...merged.map((m) => m.id)];
  const beforeSeq = before ?? Number.MAX_SAFE_INTEGER;
  const perRecord = ids.map(
    (id) => sql`(SELECT seq, at, actor_label, action, reason, details, child_id FROM audit_log
                 WHERE child_id = ${id} AND seq < ${beforeSeq} ORDER BY seq DESC LIMIT ${pageSize + 1})`,
  );
  const found = await rows<{ seq: string | number; at: Date | string; actor_label: string; action: string; reason: string | null; details: unknown; child_id: string }>(
    db,
    sql`SELECT * FROM (${sql.join(perRecord, sql` UNION ALL `)}) AS trail ORDER BY seq DESC LIMIT ${pageSize + 1}`,
  );
  const entries = found.slice(0, pageSize).map((r) => {
    const details = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>;
    return {
      seq: toNumber(r.seq),
      at: r.at instanceof Date ? r.at : new Date(r.at),
      who: r.actor_label,
      what: describeAction(r.action, details ?? {}),
      reason: r.reason,
      fromMergedRecord: r.child_id !== personId,
    };
  });
  const last = entries[entries.length - 1];
  return { entries, olderBefore: found.length > pageSize && last ? last.seq : null };
}
