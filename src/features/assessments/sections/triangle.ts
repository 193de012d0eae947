/**
 * The three domains of the assessment triangle (A4): for each dimension, strengths and worries, each
 * statement saying whether it is a fact or an opinion, where it came from, and who it is about. In a
 * specialist assessment, parenting capacity is recorded separately for each parent or carer, with
 * which of the four parental issues affect their parenting (none may: it is not required). The
 * child's developmental needs also ask "Is the child in education?", with education: "no" raises the
 * task to contact the education service (A13, domain/safeguardingTriggers.ts).
 */
import { z } from 'zod';
import { DIMENSIONS, LIMITS, PARENTAL_ISSUES, type Statement, type TriangleContent, type TriangleKey } from '../../../domain/assessmentContent';
import type { FieldErrors } from '../../../platform/validation';
import { at, dropBlankRows, errorsOf, field, posted, rows, str, strings, type FormValues } from './form';
import { allowedPeople, describeMember, parentsAndCarers, personChoices, type PageContext, type SectionDef } from './page';

const STATEMENT_FIELDS = ['text', 'kind', 'source', 'person'] as const;
const KINDS = [
  { key: 'strengths', label: 'Strengths', one: 'strength' },
  { key: 'worries', label: 'Worries', one: 'worry' },
] as const;

const isSpecialistParenting = (key: TriangleKey, page: PageContext) => key === 'parenting-capacity' && page.assessment.variant === 'specialist';
/** The section that asks whether the child is in education (not asked before birth). */
const asksEducation = (key: TriangleKey) => key === 'developmental-needs';
const unborn = (page: PageContext) => !page.header.dateOfBirth && !!page.header.expectedDeliveryDate;
/** Whether this page asks it: never for an unborn child, so an answer posted for one is ignored (a crafted "no" raises no task). */
const asksEducationHere = (key: TriangleKey, page: PageContext) => asksEducation(key) && !unborn(page);
const IN_EDUCATION = ['yes', 'no'] as const;
const IN_EDUCATION_ERROR = 'Select yes if the child is in education, or no if they are not';
const AFFECTED_BY = PARENTAL_ISSUES.map((c) => c.value);
const objectOr = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const listOr = (v: unknown) => (Array.isArray(v) ? v : []);

function statementsToForm(list: Statement[] | undefined): FormValues[] {
  return (list ?? []).map((s) => ({ text: s.text, kind: s.kind, source: s.source, person: s.personId ?? '' }));
}

const blankStatement = (): FormValues => ({ text: '', kind: '', source: '', person: '' });

/**
 * The form's values for each dimension (A4). A dimension with nothing recorded yet (no statement and
 * no reason it was not assessed) opens with an empty strength and an empty worry, ready to fill, so
 * the worker meets every dimension; rows left empty are dropped when the form is saved.
 */
function dimensionsToForm(key: TriangleKey, dimensions: TriangleContent['dimensions'] | undefined): FormValues {
  return Object.fromEntries(
    DIMENSIONS[key].map((d) => {
      const c = dimensions?.[d.key];
      const untouched = !c || (c.strengths.length + c.worries.length === 0 && !c.notAssessedReason);
      return [
        d.key,
        {
          strengths: untouched ? [blankStatement()] : statementsToForm(c.strengths),
          worries: untouched ? [blankStatement()] : statementsToForm(c.worries),
          notAssessedReason: c?.notAssessedReason ?? '',
        },
      ];
    }),
  );
}

function schemaFor(key: TriangleKey, page: PageContext) {
  const allowed = allowedPeople(page);
  const adults = new Set(page.family.filter((m) => m.kind === 'adult').map((m) => m.id));
  const statement = z
    .object({
      text: field.required(LIMITS.statement, 'Write what was found', 'The statement must be 2,000 characters or fewer'),
      kind: field.choice(['fact', 'opinion'] as const, 'Say whether this is a fact or an opinion'),
      source: field.required(LIMITS.source, 'Say who said this or where it came from', 'Who said it or where it came from must be 200 characters or fewer'),
      person: field.optional(40, 'Choose a person from the list').refine((v) => v === null || allowed.has(v), { message: 'Choose a person from the list' }),
    })
    .transform((s) => ({ text: s.text, kind: s.kind, source: s.source, personId: s.person }));
  const list = (one: string) => z.preprocess(listOr, z.array(statement).max(LIMITS.rows, `Add at most ${LIMITS.rows} ${one} statements`));
  const dimension = z.preprocess(
    objectOr,
    z.object({
      strengths: list('strength'),
      worries: list('worry'),
      notAssessedReason: field.optional(LIMITS.reason, 'The reason must be 1,000 characters or fewer'),
    }),
  );
  const dimensions = z.preprocess(objectOr, z.object(Object.fromEntries(DIMENSIONS[key].map((d) => [d.key, dimension]))));
  const adult = z.preprocess(
    objectOr,
    z.object({
      personId: posted(z.unknown().refine((v): v is string => typeof v === 'string' && adults.has(v), { message: 'Choose a parent or carer from the family' })),
      name: field.required(LIMITS.name, 'Enter the name of the parent or carer', 'The name must be 200 characters or fewer'),
      relationship: field.optional(LIMITS.name, 'The relationship must be 200 characters or fewer'),
      affectedBy: field.choices(AFFECTED_BY, 'Choose what affects their parenting from the list', AFFECTED_BY.length),
      dimensions,
    }),
  );
  return z.object({
    dimensions,
    adults: z.preprocess(listOr, z.array(adult).max(LIMITS.adults, `Add at most ${LIMITS.adults} parents or carers`)),
    ...(asksEducationHere(key, page) ? { inEducation: field.optionalChoice(IN_EDUCATION, IN_EDUCATION_ERROR) } : {}),
    completed: field.checked(),
  });
}

function placeOf(key: TriangleKey) {
  return (path: string[]): string => {
    const words: string[] = [];
    let i = 0;
    if (path[0] === 'adults' && path[1] !== undefined) {
      words.push(`Parent or carer ${Number(path[1]) + 1}`);
      i = 2;
    }
    if (path[i] === 'dimensions') {
      const dimension = DIMENSIONS[key].find((d) => d.key === path[i + 1]);
      if (dimension) words.push(dimension.label);
      const kind = KINDS.find((k) => k.key === path[i + 2]);
      if (kind && path[i + 3] !== undefined) words.push(`${kind.one} ${Number(path[i + 3]) + 1}`);
      const leaf = path[i + 4] ?? path[i + 2];
      if (leaf === 'notAssessedReason') words.push('why it was not assessed');
    }
    return words.join(', ');
  };
}

function listPaths(key: TriangleKey, values: FormValues, page: PageContext): string[] {
  const prefixes = isSpecialistParenting(key, page) ? rows(values.adults).map((_, i) => `adults-${i}-dimensions`) : ['dimensions'];
  const lists = prefixes.flatMap((p) => DIMENSIONS[key].flatMap((d) => KINDS.map((k) => `${p}-${d.key}-${k.key}`)));
  return isSpecialistParenting(key, page) ? [...lists, 'adults'] : lists;
}

/** "What affects Jo's parenting?": the four reasons for a specialist assessment, as checkboxes. */
function affectedByView(id: string, name: string, chosen: string[], errors: FieldErrors) {
  return {
    id,
    legend: `What affects ${name || 'this parent or carer'}’s parenting?`,
    error: errors[id],
    items: PARENTAL_ISSUES.map((c) => ({ value: c.value, text: c.text, hint: c.hint ? { text: c.hint } : undefined, checked: chosen.includes(c.value) })),
  };
}

function viewOf(key: TriangleKey, values: FormValues, page: PageContext, errors: FieldErrors) {
  const dimensionsView = (prefix: string) =>
    DIMENSIONS[key].map((d) => {
      const base = `${prefix}-${d.key}`;
      return {
        ...d,
        id: base,
        error: errors[base],
        notAssessedReason: { id: `${base}-notAssessedReason`, value: str(at(values, `${base}-notAssessedReason`)), error: errors[`${base}-notAssessedReason`] },
        lists: KINDS.map((k) => {
          const path = `${base}-${k.key}`;
          return {
            ...k,
            path,
            rows: rows(at(values, path)).map((row, i) => ({
              index: i,
              number: i + 1,
              id: `${path}-${i}`,
              text: str(row.text),
              kind: str(row.kind),
              source: str(row.source),
              people: personChoices(page, str(row.person)),
              errors: Object.fromEntries(STATEMENT_FIELDS.map((f) => [f, errors[`${path}-${i}-${f}`]])),
            })),
          };
        }),
      };
    });
  if (!isSpecialistParenting(key, page)) {
    const dimensions = dimensionsView('dimensions');
    if (asksEducationHere(key, page)) {
      const answer = str(values.inEducation);
      const education = dimensions.find((d) => d.key === 'education');
      if (education) Object.assign(education, { question: { id: 'inEducation', error: errors.inEducation, items: IN_EDUCATION.map((v) => ({ value: v, text: v === 'yes' ? 'Yes' : 'No', checked: answer === v })) } });
    }
    return { sets: [{ prefix: 'dimensions', title: null, dimensions }], specialist: false };
  }
  const adults = rows(values.adults);
  const chosen = new Set(adults.map((a) => str(a.personId)));
  return {
    specialist: true,
    adultsError: errors.adults,
    sets: adults.map((a, i) => ({
      prefix: `adults-${i}-dimensions`,
      index: i,
      title: `${str(a.name)}${str(a.relationship) ? ` (${str(a.relationship)})` : ''}`,
      affectedBy: affectedByView(`adults-${i}-affectedBy`, str(a.name), strings(a.affectedBy), errors),
      hidden: [
        [`adults-${i}-personId`, str(a.personId)],
        [`adults-${i}-name`, str(a.name)],
        [`adults-${i}-relationship`, str(a.relationship)],
      ],
      dimensions: dimensionsView(`adults-${i}-dimensions`),
    })),
    addable: page.family.filter((m) => m.kind === 'adult' && !chosen.has(m.id)).map((m) => ({ id: m.id, name: m.name, description: describeMember(m) })),
  };
}

export function triangleSection(key: TriangleKey): SectionDef {
  return {
    key,
    template: 'assessments/sections/views/triangle.njk',
    action: 'assessment:edit',
    lists: (values, page) => listPaths(key, values, page),
    newRow(list, arg, page) {
      if (list !== 'adults') return {};
      const person = page.family.find((m) => m.id === arg && m.kind === 'adult');
      return person ? { personId: person.id, name: person.name, relationship: person.relationship ?? '', affectedBy: [], dimensions: {} } : null;
    },
    fromStored(page) {
      const stored = page.content[key];
      const adults = stored?.adults?.length
        ? stored.adults.map((a) => ({ personId: a.personId, name: a.name, relationship: a.relationship ?? '', affectedBy: a.affectedBy ?? [], dimensions: dimensionsToForm(key, a.dimensions) }))
        : isSpecialistParenting(key, page)
          ? parentsAndCarers(page.family).map((m) => ({ personId: m.id, name: m.name, relationship: m.relationship ?? '', affectedBy: [], dimensions: dimensionsToForm(key, undefined) }))
          : [];
      return { dimensions: dimensionsToForm(key, stored?.dimensions), adults, ...(asksEducation(key) ? { inEducation: stored?.inEducation ?? '' } : {}), completed: stored?.completed ? 'yes' : '' };
    },
    clean: (values) =>
      dropBlankRows(values, [
        { path: 'dimensions-*-strengths', typed: STATEMENT_FIELDS },
        { path: 'dimensions-*-worries', typed: STATEMENT_FIELDS },
        { path: 'adults-*-dimensions-*-strengths', typed: STATEMENT_FIELDS },
        { path: 'adults-*-dimensions-*-worries', typed: STATEMENT_FIELDS },
      ]),
    parse(values, page) {
      const result = schemaFor(key, page).safeParse(values);
      if (!result.success) return { ok: false, errors: errorsOf(result.error.issues, placeOf(key)) };
      const data = result.data as TriangleContent & { adults: NonNullable<TriangleContent['adults']> };
      const ids = data.adults.map((a) => a.personId);
      if (new Set(ids).size !== ids.length) return { ok: false, errors: { adults: 'List each parent or carer once' } };
      for (const adult of data.adults) {
        const member = page.family.find((m) => m.id === adult.personId);
        if (member) Object.assign(adult, { name: member.name, relationship: member.relationship });
      }
      const content: TriangleContent =
        key === 'parenting-capacity'
          ? { dimensions: data.dimensions, adults: data.adults, completed: data.completed }
          : asksEducation(key)
            ? { dimensions: data.dimensions, inEducation: data.inEducation ?? null, completed: data.completed }
            : { dimensions: data.dimensions, completed: data.completed };
      return { ok: true, data: content };
    },
    view: (values, page, errors) => viewOf(key, values, page, errors),
    placeOf: placeOf(key),
  };
}
