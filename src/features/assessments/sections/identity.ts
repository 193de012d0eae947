/**
 * Identity and history (A6): ethnicity, culture, religion, language and disability (prefilled from
 * the child's record the first time), the child's history, and how these were considered in the
 * analysis and the plan (Ofsted found them recorded but not analysed).
 */
import { z } from 'zod';
import { LIMITS, type IdentityContent } from '../../../domain/assessmentContent';
import { DISABILITY, ETHNICITY } from '../../../domain/codes';
import { errorsOf, field, str, strings } from './form';
import type { SectionDef } from './page';

const TEXTS = ['culture', 'religion', 'language', 'disabilityNotes', 'history', 'considered'] as const;

const schema = z.object({
  ethnicity: field.optionalChoice(ETHNICITY.map((e) => e.code), 'Select the child’s ethnicity from the list'),
  culture: field.optional(LIMITS.long, 'Culture must be 5,000 characters or fewer'),
  religion: field.optional(LIMITS.long, 'Religion must be 5,000 characters or fewer'),
  language: field.optional(LIMITS.long, 'Language and communication must be 5,000 characters or fewer'),
  disabilities: field.choices(DISABILITY.map((d) => d.code), 'Choose disabilities from the list'),
  disabilityNotes: field.optional(LIMITS.long, 'What the disability means for the child must be 5,000 characters or fewer'),
  history: field.optional(LIMITS.long, 'The child’s history must be 5,000 characters or fewer'),
  considered: field.optional(LIMITS.long, 'How these were considered must be 5,000 characters or fewer'),
  completed: field.checked(),
});

export const identitySection: SectionDef = {
  key: 'identity',
  template: 'assessments/sections/views/identity.njk',
  action: 'assessment:edit',
  lists: () => [],
  fromStored(page) {
    const stored = page.content.identity;
    if (stored) {
      return { ...Object.fromEntries(TEXTS.map((t) => [t, stored[t] ?? ''])), ethnicity: stored.ethnicity ?? '', disabilities: stored.disabilities, completed: stored.completed ? 'yes' : '' };
    }
    const child = page.child;
    const language = child?.first_language ? `${child.first_language}${child.interpreter_needed ? '. An interpreter is needed' : ''}` : '';
    return { ethnicity: child?.ethnicity ?? '', religion: child?.religion ?? '', language, disabilities: child?.disabilities ?? [], completed: '' };
  },
  clean: (values) => values,
  parse(values) {
    const result = schema.safeParse(values);
    if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, () => '') };
    const data: IdentityContent = result.data;
    if (data.disabilities.includes('NONE') && data.disabilities.length > 1) {
      return { ok: false, errors: { disabilities: '‘No disability’ cannot be chosen with a disability. Untick one of them' } };
    }
    return { ok: true, data };
  },
  view(values, page) {
    const chosen = strings(values.disabilities);
    const ethnicity = str(values.ethnicity);
    return {
      ...Object.fromEntries(TEXTS.map((t) => [t, str(values[t])])),
      ethnicityItems: [{ value: '', text: 'Select ethnicity' }, ...ETHNICITY.map((e) => ({ value: e.code, text: e.label, selected: e.code === ethnicity }))],
      disabilityItems: DISABILITY.map((d) => ({ value: d.code, text: d.label, checked: chosen.includes(d.code) })),
      fromRecord: !page.content.identity,
    };
  },
  placeOf: () => '',
};
