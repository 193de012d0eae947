import { DISABILITY, ETHNICITY, SEX, labelFor } from '../../../domain/codes';
import { ageFrom, formatDate } from '../../../domain/dates';
import { formatNhsNumber } from '../../../domain/nhsNumber';
import type { PersonDetails } from '../repository';
import type { PersonFields } from '../schema';

/** One field of a record in plain words, as the details, conflict and merge pages show it. */
export function showValue(field: keyof PersonFields, p: PersonFields): string {
  switch (field) {
    case 'kind':
      return p.kind === 'child' ? (p.expectedDeliveryDate && !p.dateOfBirth ? 'Unborn child' : 'Child') : 'Adult';
    case 'formerNames':
      return p.formerNames.join(', ');
    case 'dateOfBirth':
      return p.dateOfBirth ? `${formatDate(p.dateOfBirth)}${p.dateOfBirthEstimated ? ' (estimated)' : ''}` : '';
    case 'dateOfBirthEstimated':
      return p.dateOfBirthEstimated ? 'Yes' : 'No';
    case 'expectedDeliveryDate':
      return formatDate(p.expectedDeliveryDate);
    case 'sex':
      return labelFor(SEX, p.sex);
    case 'ethnicity':
      return labelFor(ETHNICITY, p.ethnicity);
    case 'interpreterNeeded':
      return p.interpreterNeeded ? 'Yes' : 'No';
    case 'disabilities':
      return p.disabilities.map((d) => labelFor(DISABILITY, d)).join(', ');
    case 'nhsNumber':
      return formatNhsNumber(p.nhsNumber);
    default:
      return p[field] ?? '';
  }
}

/** The details page's summary lists and address table. */
export function detailsView(d: PersonDetails) {
  const f = d.fields;
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || 'Not recorded' } });
  const born = f.dateOfBirth
    ? [row('Date of birth', showValue('dateOfBirth', f)), row('Age', ageFrom(f.dateOfBirth))]
    : f.expectedDeliveryDate
      ? [row('Expected delivery date', showValue('expectedDeliveryDate', f))]
      : [row('Date of birth', '')];
  return {
    names: [
      row('Full name', [f.firstName, f.middleNames, f.lastName].filter(Boolean).join(' ')),
      row('Known as', f.knownAs ?? ''),
      row('Former names', showValue('formerNames', f)),
    ],
    identity: [
      row('Child or adult', showValue('kind', f)),
      ...born,
      row('Sex', showValue('sex', f)),
      row('Gender identity', f.genderIdentity ?? ''),
      row('Ethnicity', showValue('ethnicity', f)),
      row('Religion', f.religion ?? ''),
      row('First language', f.firstLanguage ?? ''),
      row('Needs an interpreter', showValue('interpreterNeeded', f)),
      row('Disabilities', showValue('disabilities', f)),
      row('Immigration status', f.immigrationStatus ?? ''),
    ],
    identifiers: [row('Hearth ID', d.id), row('NHS number', showValue('nhsNumber', f)), row('Unique pupil number', f.upn ?? '')],
    addresses: d.addresses.map((a) => ({
      id: a.id,
      text: [a.line1, a.line2, a.town].filter(Boolean).join(', '),
      postcode: a.postcode,
      from: a.fromDate ? formatDate(a.fromDate) : 'Not known',
      to: a.toDate ? formatDate(a.toDate) : 'Lives here now',
      open: !a.toDate,
    })),
    merged: d.merged.map((m) => ({ id: m.id, name: m.name, mergedAt: m.mergedAt ? new Date(m.mergedAt) : null })),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
