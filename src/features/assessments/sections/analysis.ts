/**
 * Analysis (A7): risk and protective factors; what is going well, what we are worried about and
 * what needs to happen; 0-10 scores from the worker, the family and professionals (each saying who);
 * danger statements and safety goals where harm is suspected; explanations considered; and the
 * family's capacity to change.
 */
import { z } from 'zod';
import { harmSuspected, LIMITS, SCALING_WHO, type AnalysisContent } from '../../../domain/assessmentContent';
import type { FieldErrors } from '../../../platform/validation';
import { dropBlankRows, errorsOf, field, posted, rows, str, type FormValues } from './form';
import type { PageContext, SectionDef } from './page';

export const ANALYSIS_TEXTS = [
  { key: 'riskFactors', label: 'Risk factors', hint: 'What makes harm more likely for this child, and how serious it would be.' },
  { key: 'protectiveFactors', label: 'Protective factors', hint: 'What keeps the child safe and well: people, routines, strengths.' },
  { key: 'goingWell', label: 'What is going well?', hint: 'In plain words the family would recognise.' },
  { key: 'worried', label: 'What are we worried about?', hint: 'Say what happened and what it means for the child: not “three incidents of domestic abuse”, but what each was.' },
  { key: 'needsToHappen', label: 'What needs to happen?', hint: 'What needs to change, and who will do what.' },
  { key: 'hypotheses', label: 'Explanations considered (hypotheses)', hint: 'The different explanations for what is happening that you weighed, and why you favour one.' },
  { key: 'capacityToChange', label: 'The family’s capacity to change', hint: 'What the history and the family’s response to help so far say about whether things can change in the child’s time.' },
] as const;

/**
 * The answers written for the family (A12): the three columns, each score's reason, and each danger
 * statement and safety goal, which the family's version starts from (living/familyDraft.ts). The
 * risk and protective factors, hypotheses and capacity to change are the professional analysis, so
 * are not checked.
 */
export const FAMILY_FACING_TEXTS: readonly string[] = ['goingWell', 'worried', 'needsToHappen'];
export const FAMILY_FACING_LISTS = ['dangerStatements', 'safetyGoals'] as const;

const WHO = SCALING_WHO.map((w) => w.value);
const objectOr = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const listOr = (v: unknown) => (Array.isArray(v) ? v : []);

const line = (empty: string, one: string) =>
  z.preprocess(objectOr, z.object({ text: field.required(LIMITS.reason, empty, `Each ${one} must be 1,000 characters or fewer`) }));

const schema = z.object({
  ...Object.fromEntries(ANALYSIS_TEXTS.map((t) => [t.key, field.optional(LIMITS.long, `${t.label.replace(/\?$/, '')} must be 5,000 characters or fewer`)])),
  scaling: z.preprocess(
    listOr,
    z
      .array(
        z.preprocess(
          objectOr,
          z.object({
            who: field.choice(WHO, 'Say whose score this is'),
            name: field.required(LIMITS.name, 'Say who gave this score', 'The name must be 200 characters or fewer'),
            score: posted(
              z
                .unknown()
                .refine((v) => typeof v === 'string' && /^\s*(10|[0-9])\s*$/.test(v), { message: 'Give a score from 0 to 10' })
                .transform((v) => Number(String(v).trim())),
            ),
            reason: field.optional(LIMITS.reason, 'The reason must be 1,000 characters or fewer'),
          }),
        ),
      )
      .max(LIMITS.rows, `Add at most ${LIMITS.rows} scores`),
  ),
  dangerStatements: z.preprocess(listOr, z.array(line('Write the danger statement', 'danger statement')).max(LIMITS.rows, `Add at most ${LIMITS.rows} danger statements`)),
  safetyGoals: z.preprocess(listOr, z.array(line('Write the safety goal', 'safety goal')).max(LIMITS.rows, `Add at most ${LIMITS.rows} safety goals`)),
  completed: field.checked(),
});

const PLACES: Record<string, string> = { scaling: 'Score', dangerStatements: 'Danger statement', safetyGoals: 'Safety goal' };
function placeOf(path: string[]): string {
  const [list, index] = path;
  return list && PLACES[list] && index !== undefined ? `${PLACES[list]} ${Number(index) + 1}` : '';
}

/** A score row for each of worker, family and professional that has none yet. */
function withMissingScorers(scaling: FormValues[], page: PageContext): FormValues[] {
  const present = new Set(scaling.map((s) => str(s.who)));
  const missing = WHO.filter((w) => !present.has(w)).map((who) => ({ who, name: who === 'worker' ? page.actor.name : '', score: '', reason: '' }));
  return [...scaling, ...missing];
}

export const analysisSection: SectionDef = {
  key: 'analysis',
  template: 'assessments/sections/views/analysis.njk',
  action: 'assessment:edit',
  lists: () => ['scaling', 'dangerStatements', 'safetyGoals'],
  newRow: (list) => (list === 'scaling' ? { who: 'professional' } : {}),
  fromStored(page) {
    const a = page.content.analysis;
    const scaling = (a?.scaling ?? []).map((s) => ({ who: s.who, name: s.name, score: String(s.score), reason: s.reason ?? '' }));
    return {
      ...Object.fromEntries(ANALYSIS_TEXTS.map((t) => [t.key, (a?.[t.key] as string | null | undefined) ?? ''])),
      scaling: withMissingScorers(scaling, page),
      dangerStatements: (a?.dangerStatements ?? []).map((d) => ({ text: d.text })),
      safetyGoals: (a?.safetyGoals ?? []).map((d) => ({ text: d.text })),
      completed: a?.completed ? 'yes' : '',
    };
  },
  clean: (values) =>
    dropBlankRows(values, [
      { path: 'scaling', typed: ['score', 'reason'] },
      { path: 'dangerStatements', typed: ['text'] },
      { path: 'safetyGoals', typed: ['text'] },
    ]),
  parse(values) {
    const result = schema.safeParse(values);
    if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, placeOf) };
    return { ok: true, data: result.data as AnalysisContent };
  },
  view(values, page, errors: FieldErrors) {
    const list = (name: string) =>
      rows(values[name]).map((row, i) => ({
        id: `${name}-${i}`,
        index: i,
        number: i + 1,
        who: str(row.who),
        whoItems: [{ value: '', text: 'Choose' }, ...SCALING_WHO.map((w) => ({ value: w.value, text: w.text, selected: w.value === str(row.who) }))],
        name: str(row.name),
        score: str(row.score, 10),
        reason: str(row.reason),
        text: str(row.text),
        errors: Object.fromEntries(['who', 'name', 'score', 'reason', 'text'].map((f) => [f, errors[`${name}-${i}-${f}`]])),
      }));
    return {
      texts: ANALYSIS_TEXTS.map((t) => ({ ...t, value: str(values[t.key]), familyFacing: FAMILY_FACING_TEXTS.includes(t.key) })),
      scaling: list('scaling'),
      dangerStatements: list('dangerStatements'),
      safetyGoals: list('safetyGoals'),
      harmSuspected: harmSuspected(page.content.decision),
    };
  },
  familyFacing: (values) => [
    ...FAMILY_FACING_TEXTS.map((key) => ({ id: key, text: str(values[key]) })),
    ...rows(values.scaling).map((row, i) => ({ id: `scaling-${i}-reason`, text: str(row.reason) })),
    ...FAMILY_FACING_LISTS.flatMap((list) => rows(values[list]).map((row, i) => ({ id: `${list}-${i}-text`, text: str(row.text) }))),
  ],
  placeOf,
};
