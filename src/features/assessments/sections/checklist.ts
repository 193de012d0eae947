/**
 * The manager's checklist before authorisation (A9), exactly SPEC's items: each ticked, or not
 * ticked with the manager's recorded reason. Beside each item the page shows what the record says
 * (visits during the assessment, the views recorded: domain/checklistEvidence.ts); a tick the record
 * does not bear out needs the manager's reason. The page also shows what still stops authorisation,
 * each problem linking to the section and field where it can be put right.
 */
import { z } from 'zod';
import { problemHref, problemPage, sectionLabel } from '../../../domain/assessmentChecks';
import { authorisationBlockers, submissionBlockers } from '../../../domain/assessmentReadiness';
import { isAssessmentSection } from '../../../domain/assessmentSections';
import { CHECKLIST_ITEMS, choiceLabel, OUTCOMES, updatedSinceAuthorisation, type ChecklistContent } from '../../../domain/assessmentContent';
import { checklistEvidence, type ChecklistKey } from '../../../domain/checklistEvidence';
import { errorsOf, field, str, type FormValues } from './form';
import { adultsToHear, readinessFacts, type PageContext, type SectionDef } from './page';
import { sectionStatus } from '../sectionStatus';

const objectOr = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

const item = z.preprocess(
  objectOr,
  z.object({
    ticked: field.optionalChoice(['yes', 'no'] as const, 'Answer yes or no'),
    reason: field.optional(1000, 'The reason must be 1,000 characters or fewer'),
    /** Ticked although the record does not show it: why the manager is satisfied. */
    override: field.optional(1000, 'The reason must be 1,000 characters or fewer'),
  }),
);

const schema = z.object({
  items: z.preprocess(objectOr, z.object(Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i.value, item])))),
  comments: field.optional(5000, 'Your comments must be 5,000 characters or fewer'),
});

function placeOf(path: string[]): string {
  const found = path[0] === 'items' ? CHECKLIST_ITEMS.find((i) => i.value === path[1]) : undefined;
  return found ? `‘${found.text}’` : '';
}

export function assessmentBase(page: PageContext): string {
  return `/people/${page.header.id}/assessments/${page.assessment.id}`;
}

/**
 * What still stops authorisation (for the checklist page: everything but the checklist itself) or
 * sending for authorisation (for the worker's page), grouped by section, each problem linking to
 * where it can be put right. A section nobody has started shows as one line, not as every field it lacks.
 */
export function outstanding(page: PageContext, stage: 'authorisation' | 'submission') {
  const facts = readinessFacts(page.assessment, page.checkpoints, page.today, { adults: adultsToHear(page.family), ...(stage === 'authorisation' ? { authoriserId: page.actor.id } : {}) });
  const problems = stage === 'authorisation' ? authorisationBlockers(page.content, facts).filter((p) => p.section !== 'checklist') : submissionBlockers(page.content, facts);
  const raw = page.assessment.content as Record<string, unknown>;
  const groups: { label: string; href: string; notStarted: boolean; items: { text: string; href: string }[] }[] = [];
  for (const p of problems) {
    const sectionHref = isAssessmentSection(p.section) ? `${assessmentBase(page)}/sections/${p.section}` : '';
    let group = groups.find((g) => g.label === sectionLabel(p.section));
    if (!group) {
      group = { label: sectionLabel(p.section), href: sectionHref, notStarted: isAssessmentSection(p.section) && sectionStatus(raw, p.section) === 'not-started', items: [] };
      groups.push(group);
    }
    group.items.push({ text: p.message, href: `${assessmentBase(page)}/${problemPage(p)}#${problemHref(p)}` });
  }
  return groups;
}

export function parseChecklist(values: FormValues): { ok: true; data: ChecklistContent } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, placeOf) };
  const items: ChecklistContent['items'] = {};
  for (const [key, answer] of Object.entries(result.data.items as Record<string, { ticked: 'yes' | 'no' | null; reason: string | null; override: string | null }>)) {
    if (answer.ticked === null) {
      if (answer.reason || answer.override) return { ok: false, errors: { [`items-${key}-ticked`]: `${placeOf(['items', key])}: answer yes or no` } };
      continue;
    }
    // One reason is kept: why it is not ticked, or why the manager ticked it although the record does not show it.
    items[key as keyof ChecklistContent['items']] = { ticked: answer.ticked === 'yes', reason: answer.ticked === 'yes' ? answer.override : answer.reason };
  }
  return { ok: true, data: { items, comments: result.data.comments } };
}

export const checklistSection: SectionDef = {
  key: 'checklist',
  template: 'assessments/sections/views/checklist.njk',
  action: 'assessment:authorise',
  lists: () => [],
  fromStored(page) {
    const c = page.content.checklist;
    const items = Object.fromEntries(
      CHECKLIST_ITEMS.map((i) => {
        const answer = c?.items[i.value as keyof ChecklistContent['items']];
        return [i.value, { ticked: answer ? (answer.ticked ? 'yes' : 'no') : '', reason: answer && !answer.ticked ? (answer.reason ?? '') : '', override: answer?.ticked ? (answer.reason ?? '') : '' }];
      }),
    );
    return { items, comments: c?.comments ?? '' };
  },
  clean: (values) => values,
  parse: (values) => parseChecklist(values),
  view(values, page, errors) {
    const items = objectOr(values.items) as Record<string, unknown>;
    const a = page.assessment;
    const evidence = page.evidence ? checklistEvidence(page.content, page.evidence) : null;
    return {
      items: CHECKLIST_ITEMS.map((i) => {
        const answer = objectOr(items[i.value]) as FormValues;
        const record = evidence?.[i.value as ChecklistKey] ?? null;
        return {
          key: i.value,
          text: i.text,
          ticked: str(answer.ticked),
          reason: str(answer.reason),
          override: str(answer.override),
          says: record?.says ?? [],
          gaps: record?.gaps ?? [],
          tickedError: errors[`items-${i.value}-ticked`],
          reasonError: errors[`items-${i.value}-reason`],
          overrideError: errors[`items-${i.value}-override`],
        };
      }),
      comments: str(values.comments),
      outstanding: outstanding(page, 'authorisation'),
      authorised: a.status === 'authorised',
      authorisedOn: a.authorisedOn,
      reviewDueOn: a.reviewDueOn,
      updatedSince: updatedSinceAuthorisation(a),
      submitted: a.status === 'awaiting-authorisation',
      outcome: choiceLabel(OUTCOMES, page.content.decision?.outcome),
    };
  },
  placeOf,
};
