import { DISABILITY, ETHNICITY, SEX } from '../../../domain/codes';
import type { FieldErrors } from '../../../platform/validation';
import { PERSON_FIELDS, type PersonFields } from '../schema';

type Values = Record<string, unknown>;

const str = (values: Values, key: string): string => {
  const v = values[key];
  return typeof v === 'string' ? v : '';
};
const strs = (values: Values, key: string): string[] => {
  const v = values[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function dateItems(values: Values, name: string, errors: FieldErrors | undefined) {
  const error = errors?.[name] ? ' govuk-input--error' : '';
  return [
    { name: 'day', classes: `govuk-input--width-2${error}`, value: str(values, `${name}-day`) },
    { name: 'month', classes: `govuk-input--width-2${error}`, value: str(values, `${name}-month`) },
    { name: 'year', classes: `govuk-input--width-4${error}`, value: str(values, `${name}-year`) },
  ];
}

/** Everything the person form's components need, built from what was typed (or the record). */
export function personFormView(values: Values, errors: FieldErrors | undefined) {
  const kind = str(values, 'kind');
  const sex = str(values, 'sex');
  const ethnicity = str(values, 'ethnicity');
  const disabilities = strs(values, 'disabilities');
  const interpreter = str(values, 'interpreterNeeded');
  return {
    kind,
    dates: {
      dateOfBirth: dateItems(values, 'dateOfBirth', errors),
      expectedDeliveryDate: dateItems(values, 'expectedDeliveryDate', errors),
      addressFrom: dateItems(values, 'addressFrom', errors),
      addressTo: dateItems(values, 'addressTo', errors),
    },
    estimated: str(values, 'dateOfBirthEstimated') === 'yes',
    sexItems: SEX.map((s) => ({ value: s.code, text: s.label, checked: sex === s.code })),
    ethnicityItems: [
      { value: '', text: 'Choose an ethnicity', selected: ethnicity === '' },
      ...ETHNICITY.map((e) => ({ value: e.code, text: e.label, selected: ethnicity === e.code })),
    ],
    disabilityItems: DISABILITY.filter((d) => d.code !== 'NONE').map((d) => ({ value: d.code, text: d.label, checked: disabilities.includes(d.code) })),
    noDisability: disabilities.includes('NONE'),
    interpreterItems: [
      { value: 'yes', text: 'Yes', checked: interpreter === 'yes' },
      { value: 'no', text: 'No', checked: interpreter === 'no' },
    ],
  };
}

/** The form fields of each record field, so a value can be carried in hidden inputs or swapped. */
export const FORM_KEYS: Record<keyof PersonFields, string[]> = Object.fromEntries(
  PERSON_FIELDS.map((f) => [
    f,
    f === 'dateOfBirth' || f === 'expectedDeliveryDate' ? [`${f}-day`, `${f}-month`, `${f}-year`] : [f],
  ]),
) as Record<keyof PersonFields, string[]>;

export const ADDRESS_KEYS = ['addressLine1', 'addressLine2', 'addressTown', 'addressPostcode', 'addressFrom-day', 'addressFrom-month', 'addressFrom-year'];

/** What was typed, as name/value pairs for hidden inputs: only the form's own fields, only text. */
export function hiddenPairs(values: Values, keys: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const key of keys) for (const v of strs(values, key)) pairs.push([key, v.slice(0, 2000)]);
  return pairs;
}

export const PERSON_FORM_KEYS = Object.values(FORM_KEYS).flat();
