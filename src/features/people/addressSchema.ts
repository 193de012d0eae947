import { z } from 'zod';
import { todayInLondon } from '../../domain/dates';
import { normalisePostcode } from './identifiers';
import { always, choice, datePart, line, readDate, report, str, type Problem } from './formParts';

export type AddressInput = { line1: string; line2: string | null; town: string | null; postcode: string; postcodeKey: string; fromDate: string | null; toDate: string | null };

export const addressShape = {
  addressLine1: line('Address line 1', 200),
  addressLine2: line('Address line 2', 200),
  addressTown: line('Town or city', 100),
  addressPostcode: line('Postcode', 20),
  'addressFrom-day': datePart,
  'addressFrom-month': datePart,
  'addressFrom-year': datePart,
  'addressTo-day': datePart,
  'addressTo-month': datePart,
  'addressTo-year': datePart,
};
/** An address typed into the form, or null when none was given (and it was optional). */
export function interpretAddress(raw: unknown, required: boolean): { address: AddressInput | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const issue = (path: string, message: string) => problems.push([path, message]);
  const from = readDate(str(raw, 'addressFrom-day'), str(raw, 'addressFrom-month'), str(raw, 'addressFrom-year'));
  const to = readDate(str(raw, 'addressTo-day'), str(raw, 'addressTo-month'), str(raw, 'addressTo-year'));
  const line1 = str(raw, 'addressLine1');
  const postcodeValue = str(raw, 'addressPostcode');
  const anything = line1 || str(raw, 'addressLine2') || str(raw, 'addressTown') || postcodeValue || from !== 'blank' || to !== 'blank';
  if (!anything && !required) return { address: null, problems };
  if (!line1) issue('addressLine1', 'Enter the first line of the address');
  const postcode = postcodeValue ? normalisePostcode(postcodeValue) : null;
  if (!postcodeValue) issue('addressPostcode', 'Enter the postcode');
  else if (!postcode) issue('addressPostcode', 'Enter a real postcode, like LS1 4AB');
  const today = todayInLondon();
  if (from === 'invalid') issue('addressFrom', 'The date they moved in must be a real date, like 27 3 2021');
  else if (from !== 'blank' && from > today) issue('addressFrom', 'The date they moved in must be today or in the past');
  if (to === 'invalid') issue('addressTo', 'The date they moved out must be a real date, like 27 3 2023');
  else if (to !== 'blank' && to > today) issue('addressTo', 'The date they moved out must be today or in the past');
  else if (to !== 'blank' && from !== 'blank' && from !== 'invalid' && to < from) issue('addressTo', 'The date they moved out must be on or after the date they moved in');
  const address: AddressInput = {
    line1,
    line2: str(raw, 'addressLine2') || null,
    town: str(raw, 'addressTown') || null,
    postcode: postcode?.display ?? '',
    postcodeKey: postcode?.key ?? '',
    fromDate: from === 'blank' || from === 'invalid' ? null : from,
    toDate: to === 'blank' || to === 'invalid' ? null : to,
  };
  return { address, problems };
}

/** The form to add an address; it may end the address they lived at before. */
export const addressSchema = z
  .object({ ...addressShape, endPrevious: choice })
  .superRefine((raw, ctx) => {
    report(interpretAddress(raw, true).problems, ctx);
    // A ticked box sends "yes" and an unticked one nothing: anything else did not come from the form.
    if (str(raw, 'endPrevious') !== '' && str(raw, 'endPrevious') !== 'yes') ctx.addIssue({ code: 'custom', path: ['endPrevious'], message: 'Tick the box only if they have moved here from the address they lived at before' });
  }, always)
  .transform((raw) => ({ address: interpretAddress(raw, true).address as AddressInput, endPrevious: raw.endPrevious === 'yes' }));

export const endAddressSchema = z
  .object({ 'addressTo-day': datePart, 'addressTo-month': datePart, 'addressTo-year': datePart })
  .superRefine((raw, ctx) => {
    const to = readDate(str(raw, 'addressTo-day'), str(raw, 'addressTo-month'), str(raw, 'addressTo-year'));
    if (to === 'blank') ctx.addIssue({ code: 'custom', path: ['addressTo'], message: 'Enter the date they moved out' });
    else if (to === 'invalid') ctx.addIssue({ code: 'custom', path: ['addressTo'], message: 'The date they moved out must be a real date, like 27 3 2023' });
    else if (to > todayInLondon()) ctx.addIssue({ code: 'custom', path: ['addressTo'], message: 'The date they moved out must be today or in the past' });
  }, always)
  .transform((raw) => ({ toDate: readDate(raw['addressTo-day'], raw['addressTo-month'], raw['addressTo-year']) }));
