/**
 * A team manager's approval of a decision not to use an interpreter (A3), saved into the plan section
 * (so it is part of the assessment's history) by a manager who decides on the assessment (decider.ts).
 */
import type { Actor } from '../../platform/access';
import type { AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { lockForDecision } from './decider';
import { withApproval } from './planSchema';
import type { InterpreterApproval, PlanSection } from './planValues';
import { saveAssessmentSection, type SaveSectionResult } from './store';

/**
 * Saves the approval into the plan. Who decides is asked again in the transaction of the save, before
 * anything is audited: a manager of another team is refused and nothing is written.
 */
export async function saveApproval(
  db: Db,
  ctx: AuditContext & { actor: Actor },
  ids: { assessmentId: string; childId: string },
  plan: PlanSection,
  approval: InterpreterApproval,
  expectedVersion: number,
): Promise<SaveSectionResult | { ok: false; reason: 'not-your-team' }> {
  return db.transaction(async (tx) => {
    const decides = await lockForDecision(tx, ctx.actor, ids);
    if (decides !== 'decides') return { ok: false, reason: decides } as const;
    return saveAssessmentSection(tx, ctx, { assessmentId: ids.assessmentId, section: 'plan', data: withApproval(plan, approval), expectedVersion });
  });
}
