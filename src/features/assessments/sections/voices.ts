/**
 * Voices (A5): the child's own words and how they were heard, the views of each parent (including
 * parents who do not live with the child, and significant adults), of wider family and of each
 * professional, each attributed and dated. The people around the child are prefilled from the
 * family's records, and the other children of the household are listed with their own assessments.
 */
import { z } from 'zod';
import { LIMITS, VOICE_TOOLS, type PersonView, type VoicesContent } from '../../../domain/assessmentContent';
import type { FieldErrors } from '../../../platform/validation';
import { at, dateParts, dropBlankRows, errorsOf, field, rows, str, strings, type FormValues } from './form';
import { caringAdults, describeMember, widerFamily, type FamilyMember, type PageContext, type SectionDef } from './page';

const PERSON_TYPED = ['name', 'relationship', 'heard', 'view', 'heardOn', 'notHeardReason'] as const;
const PROFESSIONAL_TYPED = ['name', 'agency', 'role', 'view', 'heardOn'] as const;
const objectOr = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const listOr = (v: unknown) => (Array.isArray(v) ? v : []);

const memberRow = (m: FamilyMember): FormValues => ({ personId: m.id, name: m.name, relationship: m.relationship ?? '', livesWithChild: m.livesWithChild ? 'yes' : 'no' });
const viewToForm = (v: PersonView): FormValues => ({
  personId: v.personId ?? '',
  name: v.name,
  relationship: v.relationship ?? '',
  livesWithChild: v.livesWithChild === null ? '' : v.livesWithChild ? 'yes' : 'no',
  heard: v.heard ?? '',
  view: v.view ?? '',
  heardOn: dateParts(v.heardOn),
  notHeardReason: v.notHeardReason ?? '',
});

function schemaFor(page: PageContext) {
  const family = new Set(page.family.map((m) => m.id));
  const today = page.today;
  const personView = z.preprocess(
    objectOr,
    z.object({
      personId: field.optional(40, 'Choose a person from the family').refine((v) => v === null || family.has(v), { message: 'Choose a person from the family' }),
      name: field.required(LIMITS.name, 'Enter the person’s name', 'The name must be 200 characters or fewer'),
      relationship: field.optional(LIMITS.name, 'Who they are to the child must be 200 characters or fewer'),
      livesWithChild: field.optionalChoice(['yes', 'no'] as const, 'Say whether they live with the child').transform((v) => (v === null ? null : v === 'yes')),
      heard: field.optionalChoice(['yes', 'no'] as const, 'Say whether their views were heard'),
      view: field.optional(LIMITS.long, 'What they said must be 5,000 characters or fewer'),
      heardOn: field.date('date their views were heard', { today }),
      notHeardReason: field.optional(LIMITS.reason, 'The reason must be 1,000 characters or fewer'),
    }),
  );
  const professional = z.preprocess(
    objectOr,
    z.object({
      name: field.required(LIMITS.name, 'Enter the professional’s name', 'The name must be 200 characters or fewer'),
      agency: field.required(LIMITS.name, 'Enter their agency, for example the school or GP practice', 'The agency must be 200 characters or fewer'),
      role: field.optional(LIMITS.name, 'The role must be 200 characters or fewer'),
      view: field.required(LIMITS.long, 'Record what they said', 'What they said must be 5,000 characters or fewer'),
      heardOn: field.date('date their views were given', { required: true, today }).transform((v) => v ?? ''),
    }),
  );
  return z.object({
    child: z.preprocess(
      objectOr,
      z
        .object({
          words: field.optional(LIMITS.long, 'The child’s words must be 5,000 characters or fewer'),
          observations: field.optional(LIMITS.long, 'What you saw must be 5,000 characters or fewer'),
          heardOn: field.date('date the child was heard', { today }),
          heardBy: field.optional(LIMITS.name, 'The name must be 200 characters or fewer'),
          seenAlone: field.optionalChoice(['yes', 'no'] as const, 'Say whether the child was seen alone'),
          notSeenAloneReason: field.optional(LIMITS.reason, 'The reason must be 1,000 characters or fewer'),
          tools: field.choices(VOICE_TOOLS.map((t) => t.value), 'Choose the ways the child was heard from the list'),
          toolsOther: field.optional(LIMITS.name, 'The other way must be 200 characters or fewer'),
        })
        .transform((c) => ({ ...c, notSeenAloneReason: c.seenAlone === 'no' ? c.notSeenAloneReason : null, toolsOther: c.tools.includes('other') ? c.toolsOther : null })),
    ),
    adults: z.preprocess(listOr, z.array(personView).max(LIMITS.rows, `Add at most ${LIMITS.rows} people`)),
    wider: z.preprocess(listOr, z.array(personView).max(LIMITS.rows, `Add at most ${LIMITS.rows} people`)),
    widerNotSoughtReason: field.optional(LIMITS.reason, 'The reason must be 1,000 characters or fewer'),
    professionals: z.preprocess(listOr, z.array(professional).max(LIMITS.rows, `Add at most ${LIMITS.rows} professionals`)),
    completed: field.checked(),
  });
}

const LIST_NAMES: Record<string, string> = { adults: 'Parent or carer', wider: 'Wider family member', professionals: 'Professional' };
function placeOf(path: string[]): string {
  const [list, index] = path;
  if (list && LIST_NAMES[list] && index !== undefined) return `${LIST_NAMES[list]} ${Number(index) + 1}`;
  return '';
}

function rowsView(list: string, values: FormValues, errors: FieldErrors) {
  return rows(values[list]).map((row, i) => {
    const id = `${list}-${i}`;
    const fieldError = (f: string) => errors[`${id}-${f}`];
    return {
      id,
      index: i,
      number: i + 1,
      personId: str(row.personId),
      fromFamily: !!str(row.personId),
      name: str(row.name),
      relationship: str(row.relationship),
      livesWithChild: str(row.livesWithChild),
      heard: str(row.heard),
      view: str(row.view),
      agency: str(row.agency),
      role: str(row.role),
      heardOn: dateParts(row.heardOn),
      notHeardReason: str(row.notHeardReason),
      errors: Object.fromEntries(['personId', 'name', 'relationship', 'heard', 'view', 'agency', 'role', 'heardOn', 'notHeardReason'].map((f) => [f, fieldError(f)])),
    };
  });
}

function notListed(members: FamilyMember[], listed: FormValues[]) {
  const ids = new Set(listed.map((r) => str(r.personId)));
  return members.filter((m) => !ids.has(m.id)).map((m) => ({ id: m.id, name: m.name, description: describeMember(m) }));
}

export const voicesSection: SectionDef = {
  key: 'voices',
  template: 'assessments/sections/views/voices.njk',
  action: 'assessment:edit',
  lists: () => ['adults', 'wider', 'professionals'],
  newRow(list, arg, page) {
    if (!arg) return {};
    const member = page.family.find((m) => m.id === arg);
    return member && list !== 'professionals' ? memberRow(member) : null;
  },
  fromStored(page) {
    const v = page.content.voices;
    if (!v) {
      return {
        child: { heardBy: page.actor.name },
        adults: caringAdults(page.family).map(memberRow),
        wider: widerFamily(page.family).map(memberRow),
        professionals: [{}],
        completed: '',
      };
    }
    return {
      child: {
        words: v.child.words ?? '',
        observations: v.child.observations ?? '',
        heardOn: dateParts(v.child.heardOn),
        heardBy: v.child.heardBy ?? '',
        seenAlone: v.child.seenAlone ?? '',
        notSeenAloneReason: v.child.notSeenAloneReason ?? '',
        tools: v.child.tools,
        toolsOther: v.child.toolsOther ?? '',
      },
      adults: v.adults.map(viewToForm),
      wider: v.wider.map(viewToForm),
      widerNotSoughtReason: v.widerNotSoughtReason ?? '',
      professionals: v.professionals.map((p) => ({ name: p.name, agency: p.agency, role: p.role ?? '', view: p.view, heardOn: dateParts(p.heardOn) })),
      completed: v.completed ? 'yes' : '',
    };
  },
  clean: (values) =>
    dropBlankRows(values, [
      { path: 'adults', typed: PERSON_TYPED },
      { path: 'wider', typed: PERSON_TYPED },
      { path: 'professionals', typed: PROFESSIONAL_TYPED },
    ]),
  parse(values, page) {
    const result = schemaFor(page).safeParse(values);
    if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, placeOf) };
    const data: VoicesContent = result.data;
    for (const list of [data.adults, data.wider]) {
      for (const row of list) {
        const member = row.personId ? page.family.find((m) => m.id === row.personId) : undefined;
        if (member) Object.assign(row, { name: member.name, relationship: member.relationship, livesWithChild: member.livesWithChild });
        if (row.heard === 'yes') row.notHeardReason = null;
        if (row.heard === 'no') Object.assign(row, { view: null, heardOn: null });
      }
    }
    return { ok: true, data };
  },
  view(values, page, errors) {
    const child = (at(values, 'child') ?? {}) as FormValues;
    const adults = rows(values.adults);
    const wider = rows(values.wider);
    return {
      child: {
        words: str(child.words),
        observations: str(child.observations),
        heardOn: dateParts(child.heardOn),
        heardBy: str(child.heardBy),
        seenAlone: str(child.seenAlone),
        notSeenAloneReason: str(child.notSeenAloneReason),
        tools: strings(child.tools),
        toolsOther: str(child.toolsOther),
      },
      tools: VOICE_TOOLS,
      adults: rowsView('adults', values, errors),
      wider: rowsView('wider', values, errors),
      widerNotSoughtReason: str(values.widerNotSoughtReason),
      professionals: rowsView('professionals', values, errors),
      addableAdults: notListed(caringAdults(page.family), adults),
      addableWider: notListed(widerFamily(page.family), wider),
      preBirth: page.assessment.variant === 'pre-birth',
      otherChildren: page.otherChildren.map((c) => ({
        name: c.visible ? c.name : null,
        description: c.visible ? describeMember(c) : null,
        href: c.visible && c.assessment ? `/people/${c.id}/assessments/${c.assessment.id}` : null,
        startHref: c.visible && !c.assessment ? `/people/${c.id}/assessments` : null,
        assessment: c.visible ? c.assessment : null,
      })),
    };
  },
  placeOf,
};
