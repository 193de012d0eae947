/**
 * The homelessness section of a 16 or 17-year-old homelessness assessment (A1; what it records and
 * why is in domain/homelessness.ts): the young person's circumstances, the joint work with the
 * housing authority, what they were told about section 20 and about housing's help and how, with
 * an advocate where they had one, their informed wishes, and the duty owed with the reasons.
 *
 * Another kind of assessment has no such section: its page says so, with no form, and a post to it
 * is refused with the GOV.UK error summary and nothing saved.
 */
import { z } from 'zod';
import { sectionApplies } from '../../../domain/assessmentSections';
import { ADVOCATE_CHOICES, DUTIES, HOUSING_SITUATIONS, homelessnessProblems, WANTS_ACCOMMODATION, type HomelessnessContent } from '../../../domain/homelessness';
import { variantLabel } from '../variants';
import { dateParts, errorsOf, field, str } from './form';
import type { PageContext, SectionDef } from './page';

const LONG = 5000;
const REASON = 1000;
const NAME = 200;
const tooLong = (what: string, max: number) => `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`;

const schemaFor = (today: string) =>
  z.object({
    circumstances: field.optional(LONG, tooLong('The young person’s circumstances', LONG)),
    housingSituation: field.optionalChoice(HOUSING_SITUATIONS.map((c) => c.value), 'Choose whether the young person is homeless from the list'),
    housingInvolved: field.optionalChoice(['yes', 'no'] as const, 'Answer yes or no'),
    housingOfficer: field.optional(NAME, tooLong('The housing officer’s name', NAME)),
    housingTeam: field.optional(NAME, tooLong('The housing authority or team', NAME)),
    housingContactedOn: field.date('date you first worked with the housing authority', { today }),
    jointWork: field.optional(LONG, tooLong('What you did together', LONG)),
    housingNotInvolvedReason: field.optional(REASON, tooLong('Why housing was not involved', REASON)),
    toldAboutAccommodation: field.checked(),
    toldAboutHousingHelp: field.checked(),
    toldOn: field.date('date the young person was told', { today }),
    howExplained: field.optional(LONG, tooLong('How you explained it', LONG)),
    advocate: field.optionalChoice(ADVOCATE_CHOICES.map((c) => c.value), 'Choose whether the young person had an advocate from the list'),
    advocateName: field.optional(NAME, tooLong('The advocate’s name', NAME)),
    advocateNotOfferedReason: field.optional(REASON, tooLong('Why an advocate was not offered', REASON)),
    wishes: field.optional(LONG, tooLong('What the young person wants', LONG)),
    wantsAccommodation: field.optionalChoice(WANTS_ACCOMMODATION.map((c) => c.value), 'Choose what the young person wants from the list'),
    duty: field.optionalChoice(DUTIES.map((c) => c.value), 'Choose the duty owed from the list'),
    dutyReasons: field.optional(LONG, tooLong('The reasons', LONG)),
    completed: field.checked(),
  });

const TEXTS = ['circumstances', 'housingOfficer', 'housingTeam', 'jointWork', 'housingNotInvolvedReason', 'howExplained', 'advocateName', 'advocateNotOfferedReason', 'wishes', 'dutyReasons'] as const;
const CHOICES = ['housingSituation', 'housingInvolved', 'advocate', 'wantsAccommodation', 'duty'] as const;
const TICKS = ['toldAboutAccommodation', 'toldAboutHousingHelp', 'completed'] as const;

const applies = (page: PageContext) => sectionApplies('homelessness', page.assessment.variant);

/** The refusal when the assessment is of another kind. */
const notThisKind = (page: PageContext) => `This is a ${variantLabel(page.assessment.variant).toLowerCase()}. Only a 16 or 17-year-old homelessness assessment has this section`;

const items = (choices: { value: string; text: string; hint?: string }[], chosen: string) =>
  choices.map((c) => ({ value: c.value, text: c.text, ...(c.hint ? { hint: { text: c.hint } } : {}), checked: c.value === chosen }));

export const homelessnessSection: SectionDef = {
  key: 'homelessness',
  template: 'assessments/sections/views/homelessness.njk',
  action: 'assessment:edit',
  lists: () => [],
  fromStored(page) {
    const h = page.content.homelessness;
    return {
      ...Object.fromEntries(TEXTS.map((t) => [t, h?.[t] ?? ''])),
      ...Object.fromEntries(CHOICES.map((c) => [c, h?.[c] ?? ''])),
      ...Object.fromEntries(TICKS.map((t) => [t, h?.[t] ? 'yes' : ''])),
      housingContactedOn: dateParts(h?.housingContactedOn),
      toldOn: dateParts(h?.toldOn),
    };
  },
  clean: (values) => values,
  parse(values, page) {
    if (!applies(page)) return { ok: false, errors: { form: notThisKind(page) } };
    const result = schemaFor(page.today).safeParse(values);
    if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, () => '') };
    const d = result.data;
    // What does not apply to the answer given is not kept (the details of housing's part when it had none, and so on).
    const data: HomelessnessContent = {
      ...d,
      housingOfficer: d.housingInvolved === 'no' ? null : d.housingOfficer,
      housingTeam: d.housingInvolved === 'no' ? null : d.housingTeam,
      housingContactedOn: d.housingInvolved === 'no' ? null : d.housingContactedOn,
      jointWork: d.housingInvolved === 'no' ? null : d.jointWork,
      housingNotInvolvedReason: d.housingInvolved === 'yes' ? null : d.housingNotInvolvedReason,
      advocateName: d.advocate === 'used' ? d.advocateName : null,
      advocateNotOfferedReason: d.advocate === 'not-offered' ? d.advocateNotOfferedReason : null,
    };
    const problems = homelessnessProblems(data, page.content.decision, { complete: false });
    if (problems.length > 0) {
      const errors: Record<string, string> = {};
      for (const p of problems) errors[p.field] ??= p.message;
      return { ok: false, errors };
    }
    return { ok: true, data };
  },
  view(values, page) {
    return {
      applies: applies(page),
      notThisKind: applies(page) ? null : notThisKind(page),
      ...Object.fromEntries(TEXTS.map((t) => [t, str(values[t])])),
      ...Object.fromEntries(TICKS.filter((t) => t !== 'completed').map((t) => [t, str(values[t]) === 'yes'])),
      housingInvolved: str(values.housingInvolved),
      housingContactedOn: dateParts(values.housingContactedOn),
      toldOn: dateParts(values.toldOn),
      situationItems: items(HOUSING_SITUATIONS, str(values.housingSituation)),
      advocate: str(values.advocate),
      advocateItems: items(ADVOCATE_CHOICES, str(values.advocate)),
      wantsItems: items(WANTS_ACCOMMODATION, str(values.wantsAccommodation)),
      dutyItems: items(DUTIES, str(values.duty)),
    };
  },
  placeOf: () => '',
};
