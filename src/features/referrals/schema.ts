import { z } from 'zod';
import { CONSENT, CONTACT_DECISION, REFERRAL_SOURCE, isCode, type Code } from '../../domain/codes';
import { list, parseForm, text, type FieldErrors, type Parsed } from '../../platform/validation';
import { cleanText, optionalText, orderedErrors, readDate, requiredText } from '../../platform/formFields';
import { isUuid } from '../../platform/http';

export const MAX_CHILDREN_PER_CONTACT = 20;

const code = (codes: Code[], message: string) =>
  z.unknown().refine((v): v is string => isCode(codes, v), { message }).transform((v) => v as string);

const contactFields = z.object({
  source: code(REFERRAL_SOURCE, 'Select who the contact came from'),
  referrerName: optionalText(200, 'The name of the person who got in touch must be 200 characters or fewer'),
  referrerAgency: optionalText(200, 'The agency or organisation must be 200 characters or fewer'),
  referrerPhone: optionalText(40, 'Enter a phone number, like 01632 960 001 or 07700 900 982').refine((v) => v === null || /^[0-9+() -]{3,40}$/.test(v), {
    message: 'Enter a phone number, like 01632 960 001 or 07700 900 982',
  }),
  concern: requiredText(5000, 'Describe the concern in plain words', 'The concern must be 5,000 characters or fewer'),
  consent: code(CONSENT, 'Select whether consent to share with other agencies was given'),
  consentNotSoughtReason: optionalText(2000, 'The reason must be 2,000 characters or fewer'),
});

export type ContactInput = z.output<typeof contactFields> & { receivedOn: string; children: string[] };

export const CONTACT_FIELD_ORDER = ['children', 'receivedOn', 'source', 'referrerName', 'referrerAgency', 'referrerPhone', 'concern', 'consent', 'consentNotSoughtReason'];

/** The children a contact form names (hidden `child` fields or `?child=` in the address): unique, well formed. */
export function childIds(values: unknown): { ids: string[]; error?: string } {
  const raw = list(values, 'child');
  const ids = [...new Set(raw.filter(isUuid).map((id) => id.toLowerCase()))];
  if (raw.some((id) => !isUuid(id))) return { ids, error: 'One of the children chosen could not be found. Remove it and choose again' };
  if (ids.length > MAX_CHILDREN_PER_CONTACT) return { ids, error: `A contact can be about at most ${MAX_CHILDREN_PER_CONTACT} children. Record another contact for the others` };
  if (ids.length === 0) return { ids, error: 'Choose at least one child the contact is about' };
  return { ids };
}

/** Validates the whole contact form at once, so every problem is shown together. */
export function parseContact(body: unknown, today?: string): Parsed<ContactInput> {
  const errors: FieldErrors = {};
  const children = childIds(body);
  if (children.error) errors.children = children.error;
  const received = readDate(body, 'receivedOn', { label: 'date the contact was received', today });
  if (received.error) errors.receivedOn = received.error;
  const fields = parseForm(contactFields, body);
  if (!fields.ok) Object.assign(errors, fields.errors);
  if (text(body, 'consent') === 'not-sought' && !cleanText(text(body, 'consentNotSoughtReason')) && !errors.consentNotSoughtReason) {
    errors.consentNotSoughtReason = 'Explain why asking for consent could put the child at risk';
  }
  if (Object.keys(errors).length > 0 || !fields.ok || !received.value) {
    return { ok: false, errors, errorList: orderedErrors(errors, CONTACT_FIELD_ORDER, ['receivedOn']) };
  }
  const data = fields.data;
  return {
    ok: true,
    data: { ...data, consentNotSoughtReason: data.consent === 'not-sought' ? data.consentNotSoughtReason : null, receivedOn: received.value, children: children.ids },
  };
}

const decisionFields = z.object({
  decision: code(CONTACT_DECISION, 'Select the decision'),
  decisionReason: requiredText(5000, 'Give the reasons for the decision', 'The reasons must be 5,000 characters or fewer'),
});
export type DecisionInput = { decision: 'nfa' | 'information-advice' | 'early-help' | 'referral'; decisionReason: string };

export function parseDecision(body: unknown): Parsed<DecisionInput> {
  const parsed = parseForm(decisionFields, body);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, errorList: orderedErrors(parsed.errors, ['decision', 'decisionReason']) };
  return { ok: true, data: { decision: parsed.data.decision as DecisionInput['decision'], decisionReason: parsed.data.decisionReason } };
}

export const consentAuthorisationSchema = z.object({
  authorisationReason: requiredText(2000, 'Give your reasons for authorising that consent was not sought', 'The reasons must be 2,000 characters or fewer'),
});
