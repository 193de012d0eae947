import type { ErrorItem, FieldErrors } from '../../../platform/validation';
import { DATE_FIELDS } from '../schema';

export { ctxOf, isUuid, keptDraft } from '../../../platform/http';

/** The order fields appear on the forms, so the error summary lists problems top to bottom. */
const FORM_ORDER = [
  'kind', 'firstName', 'middleNames', 'lastName', 'knownAs', 'formerNames', 'dateOfBirth', 'expectedDeliveryDate',
  'sex', 'genderIdentity', 'ethnicity', 'religion', 'firstLanguage', 'interpreterNeeded', 'disabilities',
  'immigrationStatus', 'nhsNumber', 'upn', 'addressLine1', 'addressLine2', 'addressTown', 'addressPostcode',
  'addressFrom', 'addressTo', 'reason', 'emails', 'restricted',
];

/**
 * The GOV.UK error summary for a form: problems in the order of the form, each linking to its field
 * (a date links to its day box). Errors of the parts of a date ("dateOfBirth-day") count as the date's.
 */
export function summaryOf(errors: FieldErrors): { errors: FieldErrors; errorList: ErrorItem[] } {
  const merged: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = field.replace(/-(day|month|year)$/, '');
    if (!merged[key]) merged[key] = message;
  }
  const rank = (field: string) => {
    const i = FORM_ORDER.indexOf(field);
    return i === -1 ? FORM_ORDER.length : i;
  };
  const errorList = Object.keys(merged)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ text: merged[field] ?? '', href: `#${DATE_FIELDS.includes(field) ? `${field}-day` : field}` }));
  return { errors: merged, errorList };
}

/** Messages shown after a change, chosen by a fixed key in the address (never text from the address). */
export const DONE: Record<string, string> = {
  created: 'Person added',
  saved: 'Changes saved',
  'address-added': 'Address added',
  'address-ended': 'Move recorded',
  merged: 'Records merged. The other record now opens this one',
  restriction: 'Who may see this record has been saved',
};

export function doneMessage(query: unknown): string | undefined {
  const done = query && typeof query === 'object' ? (query as Record<string, unknown>).done : undefined;
  return typeof done === 'string' ? DONE[done] : undefined;
}
