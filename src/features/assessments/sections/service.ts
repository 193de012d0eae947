/**
 * The use cases of the section pages: open a section (audited as a view of the child's record),
 * save it (through saveAssessmentSection: revision, optimistic lock, audit), send the assessment for
 * authorisation, and authorise it (status, completion date, annual review, audit and a significant
 * chronology entry, in one transaction).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Problem } from '../../../domain/assessmentChecks';
import type { EvidenceFacts } from '../../../domain/checklistEvidence';
import { authorisationBlockers, submissionBlockers } from '../../../domain/assessmentReadiness';
import { choiceLabel, OUTCOMES, readContent, reviewDueOn } from '../../../domain/assessmentContent';
import type { AssessmentSectionKey } from '../../../domain/assessmentSections';
import { todayInLondon } from '../../../domain/dates';
import { actionsFromAssessmentSection, type RaisedAction } from '../../../domain/safeguardingTriggers';
import type { Calendar } from '../../../domain/workingDays';
import type { Actor } from '../../../platform/access';
import { audit, type AuditContext } from '../../../platform/audit';
import type { Db } from '../../../platform/db';
import { recordChronologyEntry } from '../../chronology/record';
import { raiseSafeguardingTasks } from '../../tasks/raise';
import { loadPersonHeader, type PersonHeader } from '../../people/header';
import { visitEvidence } from '../../visits/evidence';
import { lockOf } from '../lock';
import { childTeamOf, decidesFor, lockChildOf, lockForDecision } from '../decider';
import { isUuid } from '../../../platform/http';
import { loadAssessment } from '../load';
import { saveAssessmentSection, type SaveSectionResult } from '../store';
import { assessmentCheckpoints, assessments } from '../tables';
import { fingerprint } from './form';
import { adultsToHear, childrenAround, familyFrom, readinessFacts, type FamilyMember, type PageContext } from './page';
import { sectionsRepository } from './repository';

export type Ctx = AuditContext & { actor: Actor };

/**
 * Locks the assessment's child FOR KEY SHARE, the lock the decision's task takes through its foreign
 * key. The task is written after the save's audit row, so this is taken before it (docs/architecture.md,
 * lock order: an allocation locks the child FOR UPDATE and then audits).
 */
async function lockChildForTasks(tx: Db, assessmentId: string): Promise<void> {
  await tx.execute(sql`SELECT p.id FROM assessments a JOIN people p ON p.id = a.child_id WHERE a.id = ${assessmentId} FOR KEY SHARE OF p`);
}

/** The safeguarding tasks a section raises (the decision's factors, the answer on education), owned by the assessment's worker (A13). */
async function raiseFromDecision(tx: Db, ctx: Ctx, assessmentId: string, actions: RaisedAction[], calendar: Calendar | undefined): Promise<void> {
  if (actions.length === 0) return;
  const found = await tx.select({ childId: assessments.childId, workerId: assessments.workerId, teamId: assessments.teamId }).from(assessments).where(eq(assessments.id, assessmentId)).limit(1);
  const row = found[0];
  if (!row) return;
  await raiseSafeguardingTasks(tx, ctx, { personId: row.childId, actions, originType: 'assessment', originId: assessmentId, today: todayInLondon(), calendar, owner: { ownerId: row.workerId, teamId: row.teamId } });
}

/** The pages that name family members, or check each parent's views (A5) and the checklist against the record (A9). */
const FAMILY_PAGES = new Set<string>(['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'submit', 'checklist']);
/** The pages only a manager who decides on the assessment opens and saves (decider.ts): the manager's checklist (A9). */
const DECIDER_PAGES = new Set<string>(['checklist']);
/** The pages that show what still stops authorisation, which includes the checkpoint decisions. */
const READINESS_PAGES = new Set<string>(['checklist', 'submit']);

/** An assessment's checkpoints and their decisions (one query). */
async function checkpointsOf(db: Db, assessmentId: string) {
  return db
    .select({ day: assessmentCheckpoints.day, dueOn: assessmentCheckpoints.dueOn, decision: assessmentCheckpoints.decision })
    .from(assessmentCheckpoints)
    .where(eq(assessmentCheckpoints.assessmentId, assessmentId))
    .orderBy(assessmentCheckpoints.day);
}

const alreadyDone = (row: { status: string; authorisedOn: string | null; closedReason: string | null }): StatusChange => ({ outcome: 'already', status: row.status, authorisedOn: row.authorisedOn, closedReason: row.closedReason });

/** A save refused to a manager of another team (decider.ts). */
export type NotYourTeam = { ok: false; reason: 'not-your-team' };

export type StatusChange =
  | { outcome: 'done'; label: string }
  | { outcome: 'problems'; problems: Problem[] }
  | { outcome: 'conflict' }
  | { outcome: 'already'; status: string; authorisedOn: string | null; closedReason: string | null }
  | { outcome: 'not-found' }
  /** A manager of another team (decider.ts). */
  | { outcome: 'not-your-team' };

/** What the record says for the manager's checklist (A9): the child, the children and adults around them, and the visits since day 0. */
async function evidenceFor(tx: Db, assessment: { referralDate: string }, header: PersonHeader, family: FamilyMember[], today: string): Promise<EvidenceFacts> {
  const visible = family.filter((m) => m.visible);
  const householdChildren = visible.filter((m) => m.kind === 'child' && m.livesWithChild).map((m) => ({ id: m.id, name: m.name, relationship: m.relationship }));
  const visits = await visitEvidence(tx, [header.id, ...householdChildren.map((c) => c.id)], assessment.referralDate, today);
  return {
    from: assessment.referralDate,
    child: { id: header.id, name: header.name, unborn: !header.dateOfBirth && !!header.expectedDeliveryDate },
    householdChildren,
    parents: adultsToHear(visible),
    visits,
  };
}

/** The family around the child this user may see (one query). */
async function visibleFamily(tx: Db, actor: Actor, personId: string, today: string): Promise<FamilyMember[]> {
  return familyFrom(await sectionsRepository(tx).family(actor, personId, today)).filter((m) => m.visible);
}

export function sectionsService(db: Db) {
  /** Locks the assessment row for a change of status; refuses a stale version. */
  async function lockFor(tx: Db, personId: string, assessmentId: string, expectedVersion: number) {
    // An id from the address that is not a uuid would make the database refuse the query.
    if (!isUuid(assessmentId)) return { outcome: 'not-found' } as const;
    const found = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.id, assessmentId), eq(assessments.childId, personId)))
      .for('update')
      .limit(1);
    const row = found[0];
    if (!row) return { outcome: 'not-found' } as const;
    if (row.version !== expectedVersion) return { outcome: 'conflict' } as const;
    return { outcome: 'ok', row } as const;
  }

  return {
    /** Everything a section page shows, read together with the audit row of the view. */
    async page(ctx: Ctx, personId: string, assessmentId: string, page: AssessmentSectionKey | 'submit', options: { audited: boolean }): Promise<PageContext | null> {
      return db.transaction(async (tx) => {
        const assessment = await loadAssessment(tx, personId, assessmentId);
        if (!assessment) return null;
        const today = todayInLondon();
        const repo = sectionsRepository(tx);
        const header = await loadPersonHeader(tx, personId);
        if (!header) return null;
        // Only the pages that name family members read the family (one query whatever its size).
        const family = FAMILY_PAGES.has(page) ? familyFrom(await repo.family(ctx.actor, personId, today)) : [];
        const child = page === 'identity' ? await repo.childDetails(personId) : null;
        const checkpoints = READINESS_PAGES.has(page) ? await checkpointsOf(tx, assessment.id) : [];
        const lock = await lockOf(tx, assessment, today);
        const evidence = page === 'checklist' ? await evidenceFor(tx, assessment, header, family, today) : null;
        const decides = DECIDER_PAGES.has(page) ? decidesFor(ctx.actor, assessment, await childTeamOf(tx, personId)) : null;
        const workers = page === 'decision' ? await repo.agreeingWorkers(assessment.id) : [];
        // A page refused to a manager of another team is not shown, so its view is not audited (the route audits the refusal).
        if (options.audited && decides !== false) {
          await audit(tx, ctx, { action: 'assessment-section-viewed', subjectType: 'assessment', subjectId: assessment.id, childId: personId, details: { section: page } });
        }
        return {
          actor: ctx.actor,
          today,
          assessment,
          content: readContent(assessment.content),
          header,
          family: family.filter((m) => m.visible),
          otherChildren: childrenAround(family),
          child,
          checkpoints,
          lock,
          evidence,
          decides,
          workers,
        };
      });
    },

    /**
     * Saves a section. A save started from an older version goes through when this section is
     * unchanged since the form was opened (someone saved another section meanwhile); otherwise the
     * conflict is returned with what is saved now.
     */
    async save(ctx: Ctx, input: { assessmentId: string; childId: string; section: AssessmentSectionKey; data: unknown; expectedVersion: number; base: string; calendar?: Calendar }): Promise<SaveSectionResult | NotYourTeam> {
      return db.transaction(async (tx): Promise<SaveSectionResult | NotYourTeam> => {
        // The checklist is saved only by a manager who decides on the assessment, asked in this transaction.
        if (DECIDER_PAGES.has(input.section)) {
          const decides = await lockForDecision(tx, ctx.actor, input);
          if (decides !== 'decides') return { ok: false, reason: decides };
        }
        // A decision that identifies a crime, trafficking or exploitation, or developmental needs that say the
        // child is not in education, raise their safeguarding tasks with it (A13), after the save's audit
        // row: the child it refers to is locked before.
        const actions = actionsFromAssessmentSection(input.section, input.data);
        if (actions.length > 0) await lockChildForTasks(tx, input.assessmentId);
        const first = await saveAssessmentSection(tx, ctx, input);
        const saved = !first.ok && first.reason === 'conflict' && fingerprint(first.saved) === input.base ? await saveAssessmentSection(tx, ctx, { ...input, expectedVersion: first.savedVersion }) : first;
        if (saved.ok) await raiseFromDecision(tx, ctx, input.assessmentId, actions, input.calendar);
        return saved;
      });
    },

    async userName(id: string | null): Promise<string | null> {
      if (!id) return null;
      return (await sectionsRepository(db).userNames([id])).get(id) ?? null;
    },

    /** The worker sends the assessment to their manager: every content section must be complete. */
    async submit(ctx: Ctx, personId: string, assessmentId: string, expectedVersion: number): Promise<StatusChange> {
      return db.transaction(async (tx): Promise<StatusChange> => {
        const locked = await lockFor(tx, personId, assessmentId, expectedVersion);
        if (locked.outcome !== 'ok') return locked;
        const row = locked.row;
        if (row.status !== 'in-progress') return alreadyDone(row);
        const today = todayInLondon();
        const adults = adultsToHear(await visibleFamily(tx, ctx.actor, personId, today));
        const problems = submissionBlockers(readContent(row.content), readinessFacts(row, [], today, { adults }));
        if (problems.length > 0) return { outcome: 'problems', problems };
        await tx
          .update(assessments)
          .set({ status: 'awaiting-authorisation', submittedAt: new Date(), version: sql`${assessments.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.id })
          .where(eq(assessments.id, row.id));
        await audit(tx, ctx, { action: 'assessment-submitted', subjectType: 'assessment', subjectId: row.id, childId: row.childId, details: { revision: row.revision } });
        return { outcome: 'done', label: 'Sent to your manager for authorisation' };
      });
    },

    /**
     * The manager authorises: refused while anything required is missing (the plan, every section,
     * the reasons if it is late, the due checkpoint decisions and the checklist), to the manager who
     * agreed with the decision as the worker (A8), and for a manager of another team (decider.ts).
     * The authorisation date is the completion date for timeliness; the annual review falls due a
     * year later.
     */
    async authorise(ctx: Ctx, personId: string, assessmentId: string, expectedVersion: number): Promise<StatusChange> {
      return db.transaction(async (tx): Promise<StatusChange> => {
        const locked = await lockFor(tx, personId, assessmentId, expectedVersion);
        if (locked.outcome !== 'ok') return locked;
        const row = locked.row;
        // Lock order (docs/architecture.md): the chronology entry written after the audit row refers to
        // the child, so the child's row is locked (as its foreign key does) before the first audit row.
        const childTeamId = await lockChildOf(tx, row.childId);
        if (!decidesFor(ctx.actor, row, childTeamId)) return { outcome: 'not-your-team' };
        if (row.status === 'authorised' || row.status === 'closed') return alreadyDone(row);
        const content = readContent(row.content);
        const today = todayInLondon();
        const header = await loadPersonHeader(tx, personId);
        if (!header) return { outcome: 'not-found' };
        const family = await visibleFamily(tx, ctx.actor, personId, today);
        const evidence = await evidenceFor(tx, row, header, family, today);
        // Two people agree the decision (A8): not the manager who agreed with it as the worker.
        const problems = authorisationBlockers(content, readinessFacts(row, await checkpointsOf(tx, row.id), today, { adults: adultsToHear(family), evidence, authoriserId: ctx.actor.id }));
        if (problems.length > 0) return { outcome: 'problems', problems };
        const now = new Date();
        const outcome = choiceLabel(OUTCOMES, content.decision?.outcome);
        await tx
          .update(assessments)
          .set({
            status: 'authorised',
            authorisedOn: today,
            authorisedBy: ctx.actor.id,
            authorisedAt: now,
            authorisedRevision: row.revision,
            reviewDueOn: reviewDueOn(today),
            version: sql`${assessments.version} + 1`,
            updatedAt: now,
            updatedBy: ctx.actor.id,
          })
          .where(eq(assessments.id, row.id));
        await audit(tx, ctx, { action: 'assessment-authorised', subjectType: 'assessment', subjectId: row.id, childId: row.childId, details: { revision: row.revision, outcome: content.decision?.outcome ?? null } });
        await recordChronologyEntry(tx, ctx, {
          occurredOn: today,
          category: 'assessment',
          summary: `Assessment authorised: ${outcome}`,
          significance: 'significant',
          sourceKind: 'hearth',
          sourceName: ctx.actor.name,
          originType: 'assessment',
          originId: row.id,
          personIds: [row.childId],
        });
        return { outcome: 'done', label: `Assessment authorised: ${outcome}` };
      });
    },
  };
}

export type SectionsService = ReturnType<typeof sectionsService>;
