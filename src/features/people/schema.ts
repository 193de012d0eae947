import { z } from 'zod';
import { DISABILITY, ETHNICITY, isCode } from '../../domain/codes';
import { todayInLondon } from '../../domain/dates';
import { isValidNhsNumber, normaliseNhsNumber } from '../../domain/nhsNumber';
import { normaliseUpn } from './identifiers';
import { addressShape, interpretAddress } from './addressSchema';
import { addYears, always, choice, codeList, CONTROL, datePart, line, readDate, report, requiredLine, str, strList, type Problem } from './formParts';

export { hasControlCharacters } from './formParts';
export type { AddressInput } from './addressSchema';
export { addressSchema, endAddressSchema } from './addressSchema';

/** Every field a person's record holds (SPEC P1), as the service reads and writes them. */
export type PersonFields = {
  kind: 'child' | 'adult';
  firstName: string;
  middleNames: string | null;
  lastName: string;
  knownAs: string | null;
  formerNames: string[];
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  expectedDeliveryDate: string | null;
  sex: 'M' | 'F' | 'U';
  genderIdentity: string | null;
  ethnicity: string | null;
  religion: string | null;
  firstLanguage: string | null;
  interpreterNeeded: boolean;
  disabilities: string[];
  immigrationStatus: string | null;
  nhsNumber: string | null;
  upn: string | null;
};

export const FIELD_LABELS: Record<keyof PersonFields, string> = {
  kind: 'Child or adult',
  firstName: 'First name',
  middleNames: 'Middle names',
  lastName: 'Last name',
  knownAs: 'Known as',
  formerNames: 'Former names',
  dateOfBirth: 'Date of birth',
  dateOfBirthEstimated: 'Date of birth is estimated',
  expectedDeliveryDate: 'Expected delivery date',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  ethnicity: 'Ethnicity',
  religion: 'Religion',
  firstLanguage: 'First language',
  interpreterNeeded: 'Needs an interpreter',
  disabilities: 'Disabilities',
  immigrationStatus: 'Immigration status',
  nhsNumber: 'NHS number',
  upn: 'Unique pupil number',
};

export const PERSON_FIELDS = Object.keys(FIELD_LABELS) as (keyof PersonFields)[];

/** A field's label inside a sentence: "Which last name", "Which NHS number". */
export function labelInSentence(field: keyof PersonFields): string {
  const label = FIELD_LABELS[field];
  return label.startsWith('NHS') ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

const personShape = {
  kind: choice,
  firstName: requiredLine('First name', 100, 'Enter the first name'),
  middleNames: line('Middle names', 200),
  lastName: requiredLine('Last name', 100, 'Enter the last name'),
  knownAs: line('Known as', 100),
  formerNames: z
    .string({ error: 'Enter former names as text' })
    .max(1100, 'Former names must be 1,000 characters or fewer')
    .optional()
    .default(''),
  'dateOfBirth-day': datePart,
  'dateOfBirth-month': datePart,
  'dateOfBirth-year': datePart,
  dateOfBirthEstimated: choice,
  'expectedDeliveryDate-day': datePart,
  'expectedDeliveryDate-month': datePart,
  'expectedDeliveryDate-year': datePart,
  sex: choice,
  genderIdentity: line('Gender identity', 100),
  ethnicity: choice,
  religion: line('Religion', 100),
  firstLanguage: line('First language', 100),
  interpreterNeeded: choice,
  disabilities: codeList,
  immigrationStatus: line('Immigration status', 200),
  nhsNumber: z.string({ error: 'Enter the NHS number as 10 digits' }).max(30, 'Enter the NHS number as 10 digits, like 943 476 5919').optional().default(''),
  upn: z.string({ error: 'Enter the unique pupil number as text' }).max(30, 'Enter the unique pupil number as 13 characters').optional().default(''),
};

/**
 * The checks across fields, and what the record's fields become. Reads the raw form leniently, so it
 * can run even when some fields failed their own checks: every problem is shown at once.
 */
function interpretPerson(raw: unknown): { fields: PersonFields; problems: Problem[] } {
  const problems: Problem[] = [];
  const issue = (path: string, message: string) => problems.push([path, message]);
  const today = todayInLondon();
  const kindValue = str(raw, 'kind');
  if (!['child', 'unborn', 'adult'].includes(kindValue)) issue('kind', 'Select whether this is a child, an unborn child or an adult');
  const unborn = kindValue === 'unborn';
  const kind = kindValue === 'adult' ? 'adult' : 'child';

  let dateOfBirth: string | null = null;
  let expectedDeliveryDate: string | null = null;
  if (unborn) {
    const edd = readDate(str(raw, 'expectedDeliveryDate-day'), str(raw, 'expectedDeliveryDate-month'), str(raw, 'expectedDeliveryDate-year'));
    if (edd === 'blank') issue('expectedDeliveryDate', 'Enter the expected delivery date');
    else if (edd === 'invalid') issue('expectedDeliveryDate', 'Expected delivery date must be a real date, like 27 3 2026');
    else if (edd > addYears(today, 1) || edd < addYears(today, -1)) issue('expectedDeliveryDate', 'Expected delivery date must be within a year of today');
    else expectedDeliveryDate = edd;
  } else {
    const dob = readDate(str(raw, 'dateOfBirth-day'), str(raw, 'dateOfBirth-month'), str(raw, 'dateOfBirth-year'));
    if (dob === 'blank' && kindValue === 'child') issue('dateOfBirth', 'Enter the child’s date of birth, or your best estimate and tick “estimated”');
    else if (dob === 'invalid') issue('dateOfBirth', 'Date of birth must be a real date, like 27 3 2015');
    else if (dob !== 'blank' && dob > today) issue('dateOfBirth', 'Date of birth must be today or in the past');
    else if (dob !== 'blank') dateOfBirth = dob;
  }
  const estimated = str(raw, 'dateOfBirthEstimated');
  if (estimated && estimated !== 'yes') issue('dateOfBirth', 'Tick the box only if the date of birth is estimated');

  const sexValue = unborn ? 'U' : str(raw, 'sex');
  if (sexValue !== 'M' && sexValue !== 'F' && sexValue !== 'U') issue('sex', 'Select the person’s sex');

  let ethnicity: string | null = null;
  const ethnicityValue = str(raw, 'ethnicity');
  if (ethnicityValue) {
    if (isCode(ETHNICITY, ethnicityValue)) ethnicity = ethnicityValue;
    else issue('ethnicity', 'Select an ethnicity from the list');
  } else if (kind === 'child') issue('ethnicity', 'Select the child’s ethnicity, or “Information not yet obtained”');

  const disabilities = [...new Set(strList(raw, 'disabilities'))];
  if (disabilities.some((d) => !isCode(DISABILITY, d))) issue('disabilities', 'Select disabilities from the list');
  else if (disabilities.includes('NONE') && disabilities.length > 1) issue('disabilities', 'Select “No disability” or the disabilities the person has, not both');

  const formerNames = str(raw, 'formerNames')
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);
  if (formerNames.length > 10) issue('formerNames', 'Enter no more than 10 former names, one on each line');
  else if (formerNames.some((n) => n.length > 100)) issue('formerNames', 'Each former name must be 100 characters or fewer');
  else if (formerNames.some((n) => CONTROL.test(n) || /\t/.test(n))) issue('formerNames', 'Former names must not contain special characters');

  let nhsNumber: string | null = null;
  const nhsValue = str(raw, 'nhsNumber');
  if (nhsValue) {
    nhsNumber = normaliseNhsNumber(nhsValue);
    if (!nhsNumber) issue('nhsNumber', 'Enter the NHS number as 10 digits, like 943 476 5919');
    else if (!isValidNhsNumber(nhsNumber)) issue('nhsNumber', 'Enter a real NHS number: one of the digits is wrong');
  }
  let upn: string | null = null;
  const upnValue = str(raw, 'upn');
  if (upnValue) {
    upn = normaliseUpn(upnValue);
    if (!upn) issue('upn', 'Enter the unique pupil number as 13 characters: a letter and 12 digits, or a letter, 11 digits and a letter');
  }
  const interpreter = str(raw, 'interpreterNeeded');
  if (interpreter && interpreter !== 'yes' && interpreter !== 'no') issue('interpreterNeeded', 'Select yes or no');

  const optional = (key: string) => str(raw, key) || null;
  const fields: PersonFields = {
    kind,
    firstName: str(raw, 'firstName'),
    middleNames: optional('middleNames'),
    lastName: str(raw, 'lastName'),
    knownAs: optional('knownAs'),
    formerNames,
    dateOfBirth,
    dateOfBirthEstimated: dateOfBirth !== null && estimated === 'yes',
    expectedDeliveryDate,
    sex: sexValue === 'M' || sexValue === 'F' ? sexValue : 'U',
    genderIdentity: optional('genderIdentity'),
    ethnicity,
    religion: optional('religion'),
    firstLanguage: optional('firstLanguage'),
    interpreterNeeded: interpreter === 'yes',
    disabilities,
    immigrationStatus: optional('immigrationStatus'),
    nhsNumber,
    upn,
  };
  return { fields, problems };
}

/** The form to add a person: every P1 field and, optionally, their address now. */
export const newPersonSchema = z
  .object({ ...personShape, ...addressShape, confirmedNew: choice })
  .superRefine((raw, ctx) => report([...interpretPerson(raw).problems, ...interpretAddress(raw, false).problems], ctx), always)
  .transform((raw) => ({ person: interpretPerson(raw).fields, address: interpretAddress(raw, false).address, confirmedNew: raw.confirmedNew === 'yes' }));

/** The form to change a person's details; `version` is the one the form was opened at. */
export const editPersonSchema = z
  .object({
    ...personShape,
    version: z.string({ error: 'This form is out of date. Open it again' }).regex(/^\d{1,9}$/, 'This form is out of date. Open it again'),
  })
  .superRefine((raw, ctx) => report(interpretPerson(raw).problems, ctx), always)
  .transform((raw) => ({ person: interpretPerson(raw).fields, version: Number(raw.version) }));

/** Fields shown as GOV.UK date inputs: the error summary links to their day box. */
export const DATE_FIELDS = ['dateOfBirth', 'expectedDeliveryDate', 'addressFrom', 'addressTo'];

/** The form values (as typed) that show a person's record in the edit form. */
export function fieldsToForm(p: PersonFields, version: number): Record<string, string | string[]> {
  const parts = (iso: string | null, name: string) => {
    const [y, m, d] = iso ? iso.split('-') : ['', '', ''];
    return { [`${name}-day`]: d ? String(Number(d)) : '', [`${name}-month`]: m ? String(Number(m)) : '', [`${name}-year`]: y ?? '' };
  };
  return {
    kind: p.expectedDeliveryDate && !p.dateOfBirth ? 'unborn' : p.kind,
    firstName: p.firstName,
    middleNames: p.middleNames ?? '',
    lastName: p.lastName,
    knownAs: p.knownAs ?? '',
    formerNames: p.formerNames.join('\n'),
    ...parts(p.dateOfBirth, 'dateOfBirth'),
    dateOfBirthEstimated: p.dateOfBirthEstimated ? 'yes' : '',
    ...parts(p.expectedDeliveryDate, 'expectedDeliveryDate'),
    sex: p.sex,
    genderIdentity: p.genderIdentity ?? '',
    ethnicity: p.ethnicity ?? '',
    religion: p.religion ?? '',
    firstLanguage: p.firstLanguage ?? '',
    interpreterNeeded: p.interpreterNeeded ? 'yes' : 'no',
    disabilities: p.disabilities,
    immigrationStatus: p.immigrationStatus ?? '',
    nhsNumber: p.nhsNumber ?? '',
    upn: p.upn ?? '',
    version: String(version),
  };
}
