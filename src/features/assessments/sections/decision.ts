/**
 * The decision (A8): child in need (s17), reasonable cause to suspect significant harm (s47),
 * accommodation (s20, s31A), the outcome, the DfE factors identified (grouped by theme, with the
 * census rules in domain/factorCodes.ts), the main need, and the worker's agreement, given only by the
 * worker (domain/decisionAgreement.ts). The manager's agreement is the authorisation.
 */
import { z } from 'zod';
import { ACCOMMODATION, LIMITS, OUTCOMES, type DecisionContent } from '../../../domain/assessmentContent';
import { decisionProblems } from '../../../domain/assessmentChecks';
import { PRIMARY_NEED } from '../../../domain/codes';
import { mayAgreeAsWorker, workerAgreement, workersNamed } from '../../../domain/decisionAgreement';
import { factorsByTheme, MAX_FACTORS, OTHER_FACTOR } from '../../../domain/factorCodes';
import { errorsOf, field, fingerprint, posted, str, strings } from './form';
import type { SectionDef } from './page';

const YES_NO = ['yes', 'no'] as const;

const schema = z.object({
  childInNeed: field.optionalChoice(YES_NO, 'Say whether the child is a child in need'),
  s47: field.optionalChoice(YES_NO, 'Say whether there is reasonable cause to suspect significant harm'),
  accommodation: field.optionalChoice(ACCOMMODATION.map((a) => a.value), 'Choose whether the child needs to be accommodated from the list'),
  outcome: field.optionalChoice(OUTCOMES.map((o) => o.value), 'Choose the outcome from the list'),
  reasons: field.optional(LIMITS.long, 'The reasons must be 5,000 characters or fewer'),
  factors: posted(
    z
      .unknown()
      .transform((v) => (v === '' ? [] : typeof v === 'string' ? [v] : v))
      .refine((v): v is string[] => Array.isArray(v) && v.length <= MAX_FACTORS && v.every((c) => typeof c === 'string' && c.length <= 4), {
        message: 'Choose factors from the list',
      }),
  ),
  otherFactor: field.optional(LIMITS.name, 'The other factor must be 200 characters or fewer'),
  primaryNeed: field.optionalChoice(PRIMARY_NEED.map((p) => p.code), 'Choose the main need from the list'),
  workerAgrees: field.checked(),
  completed: field.checked(),
});

export const decisionSection: SectionDef = {
  key: 'decision',
  template: 'assessments/sections/views/decision.njk',
  action: 'assessment:edit',
  lists: () => [],
  fromStored(page) {
    const d = page.content.decision;
    return {
      childInNeed: d?.childInNeed ?? '',
      s47: d?.s47 ?? '',
      accommodation: d?.accommodation ?? '',
      outcome: d?.outcome ?? '',
      reasons: d?.reasons ?? '',
      factors: d?.factors ?? [],
      otherFactor: d?.otherFactor ?? '',
      primaryNeed: d?.primaryNeed ?? '',
      // The box is the worker's: shown ticked to them, and not among anyone else's answers.
      workerAgrees: d?.workerAgreed && mayAgreeAsWorker(page.actor.id, page.workers) ? 'yes' : '',
      completed: d?.completed ? 'yes' : '',
    };
  },
  clean: (values) => values,
  parse(values, page) {
    const result = schema.safeParse(values);
    if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, () => '') };
    const { workerAgrees, ...posted } = result.data;
    const answers = { ...posted, otherFactor: posted.factors.includes(OTHER_FACTOR) ? posted.otherFactor : null };
    const saved = page.content.decision;
    const unchanged = !!saved && fingerprint({ ...saved, workerAgreed: null, completed: false }) === fingerprint({ ...answers, workerAgreed: null, completed: false });
    // Only the worker agrees as the worker; a changed decision is agreed afresh (domain/decisionAgreement.ts).
    const agreement = workerAgreement({ actor: page.actor, workers: page.workers, ticked: workerAgrees, completed: posted.completed, unchanged, saved: saved?.workerAgreed ?? null, today: page.today });
    if (!agreement.ok) return { ok: false, errors: { [agreement.field]: agreement.message } };
    const data = { ...answers, workerAgreed: agreement.agreed } as DecisionContent;
    const problems = decisionProblems(data, { complete: false });
    if (problems.length > 0) {
      const errors: Record<string, string> = {};
      for (const p of problems) errors[p.field] ??= p.message;
      return { ok: false, errors };
    }
    return { ok: true, data };
  },
  view(values, page) {
    const chosen = strings(values.factors);
    const agreed = page.content.decision?.workerAgreed ?? null;
    return {
      childInNeed: str(values.childInNeed),
      s47: str(values.s47),
      accommodation: str(values.accommodation),
      outcome: str(values.outcome),
      reasons: str(values.reasons),
      otherFactor: str(values.otherFactor),
      primaryNeed: str(values.primaryNeed),
      workerAgrees: str(values.workerAgrees) === 'yes',
      agreed,
      // Someone who is not the worker (a manager) sees the worker's agreement, with no box to tick.
      isWorker: mayAgreeAsWorker(page.actor.id, page.workers),
      workersNamed: workersNamed(page.workers),
      // At 16 or 17 the young person's own agreement is enough (section 20(11)), whatever their parents say.
      accommodationItems:
        page.assessment.variant === 'homelessness-16-17'
          ? ACCOMMODATION.map((a) => (a.value === 's20' ? { ...a, text: 'Yes, with the young person’s agreement (section 20)' } : a))
          : ACCOMMODATION,
      outcomeItems: OUTCOMES,
      primaryNeedItems: PRIMARY_NEED.map((p) => ({ value: p.code, text: `${p.label} (${p.code})` })),
      factorGroups: factorsByTheme().map((g, i) => ({
        key: g.theme.key,
        label: g.theme.label,
        hint: g.theme.hint,
        idPrefix: i === 0 ? 'factors' : `factors-${g.theme.key}`,
        items: g.codes.map((c) => ({ value: c.code, text: `${c.label} (${c.code})`, checked: chosen.includes(c.code) })),
      })),
      retiredChosen: chosen.filter((c) => c === '18A' || c === '19A'),
    };
  },
  placeOf: () => '',
};
