import { z } from 'zod';
import { VISIT_TYPES, type VisitType } from '../../domain/visitSchedule';
import { list, text, type ErrorItem, type FieldErrors, type Parsed } from '../../platform/validation';
import { orderedErrors, readDate } from '../../platform/formFields';
import { limitedOptional, limitedRequired } from './text';
import { pickedChildren, type RecordedChild } from './children';

export type SeenAnswer = 'alone' | 'not-alone' | 'not-seen';
export type BedroomAnswer = 'yes' | 'no' | 'not-applicable';

export const SEEN_OPTIONS: { value: SeenAnswer; text: string }[] = [
  { value: 'alone', text: 'Yes, seen alone' },
  { value: 'not-alone', text: 'Yes, but not alone' },
  { value: 'not-seen', text: 'No, not seen' },
];
export const BEDROOM_OPTIONS: { value: BedroomAnswer; text: string }[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'not-applicable', text: 'Not applicable' },
];

export const LIMITS = { reason: 2000, words: 5000, othersSeen: 2000, observed: 10_000, analysis: 10_000, nextSteps: 5000 };

export type VisitChildInput = { personId: string; seen: boolean; seenAlone: boolean | null; notSeenAloneReason: string | null; bedroomSeen: BedroomAnswer; childWords: string | null };

export type VisitInput = {
  visitDate: string;
  type: VisitType;
  othersSeen: string | null;
  observed: string | null;
  analysis: string;
  nextSteps: string | null;
  children: VisitChildInput[];
};

const visitFields = z.object({
  type: z
    .unknown()
    .refine((v) => VISIT_TYPES.some((t) => t.code === v), { message: 'Select the type of visit' })
    .transform((v) => v as VisitType),
  othersSeen: limitedOptional(LIMITS.othersSeen, 'Who else was seen must be 2,000 characters or fewer'),
  observed: limitedOptional(LIMITS.observed, 'What was observed must be 10,000 characters or fewer'),
  analysis: limitedRequired(LIMITS.analysis, 'Write what the visit means for the child', 'What the visit means for the child must be 10,000 characters or fewer'),
  nextSteps: limitedOptional(LIMITS.nextSteps, 'What happens next must be 5,000 characters or fewer'),
});

/** Field names of a child's part: the child's id keeps them apart (and the error summary links to them). */
export const partField = (field: 'seen' | 'reason' | 'bedroom' | 'words', childId: string) => `${field}-${childId}`;

/** A child a visit's form has a part for: the id names the fields, the first name is in the questions. */
export type PartChild = Pick<RecordedChild, 'id' | 'firstName'>;

function parseChild(body: unknown, child: PartChild, errors: FieldErrors): VisitChildInput | null {
  const name = child.firstName;
  const seen = text(body, partField('seen', child.id));
  const bedroom = text(body, partField('bedroom', child.id));
  // Read as posted (not through text(), which reads a repeated field as empty): the schema refuses anything but text.
  const posted = (field: 'reason' | 'words') => (body && typeof body === 'object' ? (body as Record<string, unknown>)[partField(field, child.id)] : undefined);
  const reason = limitedOptional(LIMITS.reason, `Why ${name} was not seen alone must be 2,000 characters or fewer`).safeParse(posted('reason'));
  const words = limitedOptional(LIMITS.words, `What ${name} said must be 5,000 characters or fewer`).safeParse(posted('words'));
  const before = Object.keys(errors).length;
  if (!SEEN_OPTIONS.some((o) => o.value === seen)) errors[partField('seen', child.id)] = `Select whether ${name} was seen`;
  if (!reason.success) errors[partField('reason', child.id)] = reason.error.issues[0]?.message ?? 'Check the reason';
  else if ((seen === 'not-alone' || seen === 'not-seen') && !reason.data) {
    errors[partField('reason', child.id)] = seen === 'not-seen' ? `Explain why ${name} was not seen` : `Explain why ${name} was not seen alone`;
  }
  if (!BEDROOM_OPTIONS.some((o) => o.value === bedroom)) errors[partField('bedroom', child.id)] = `Select whether ${name}’s bedroom was seen`;
  if (!words.success) errors[partField('words', child.id)] = words.error.issues[0]?.message ?? 'Check what the child said';
  if (Object.keys(errors).length > before || !reason.success || !words.success) return null;
  return {
    personId: child.id,
    seen: seen !== 'not-seen',
    seenAlone: seen === 'not-seen' ? null : seen === 'alone',
    notSeenAloneReason: seen === 'alone' ? null : reason.data,
    bedroomSeen: bedroom as BedroomAnswer,
    childWords: words.data,
  };
}

/** The order of the questions on the page, so the error summary lists problems top to bottom. */
export function visitFieldOrder(children: Pick<RecordedChild, 'id'>[]): string[] {
  const parts = children.flatMap((c) => [partField('seen', c.id), partField('reason', c.id), partField('bedroom', c.id), partField('words', c.id)]);
  return ['visitDate', 'type', 'children', ...parts, 'othersSeen', 'observed', 'analysis', 'nextSteps', 'version'];
}

export function visitErrorList(errors: FieldErrors, offered: Pick<RecordedChild, 'id'>[]): ErrorItem[] {
  return orderedErrors(errors, visitFieldOrder(offered), ['visitDate']);
}

/** The date, type and the visit's own text, the same on a new visit and on a change. */
function parseShared(body: unknown, today: string, errors: FieldErrors): (Omit<VisitInput, 'children'>) | null {
  const date = readDate(body, 'visitDate', { label: 'date of the visit', today });
  if (date.error) errors.visitDate = date.error;
  const fields = visitFields.safeParse(body ?? {});
  if (!fields.success) {
    for (const issue of fields.error.issues) {
      const key = issue.path.map(String).join('-') || 'form';
      if (!errors[key]) errors[key] = issue.message;
    }
  }
  return fields.success && date.value ? { visitDate: date.value, ...fields.data } : null;
}

/**
 * Validates the whole visit form against the children offered on it: this child, and any other child
 * of the household who was ticked. Each child included must have their own part filled in.
 */
export function parseVisit(body: unknown, offered: RecordedChild[], today: string): Parsed<VisitInput> {
  const errors: FieldErrors = {};
  const shared = parseShared(body, today, errors);
  const picked = pickedChildren(offered, list(body, 'children'));
  if (picked.unknown) errors.children = 'One of the children ticked no longer lives with this child. Check the children and try again';
  const children = picked.children.map((child) => parseChild(body, child, errors));
  if (Object.keys(errors).length > 0 || !shared || children.some((c) => c === null)) {
    return { ok: false, errors, errorList: visitErrorList(errors, offered) };
  }
  return { ok: true, data: { ...shared, children: children as VisitChildInput[] } };
}

export type VisitChange = VisitInput & { version: number };

/**
 * Validates a change to a visit: the same questions, a part for each child shown on the form (the
 * visit's children this user may open; the others' parts are kept as they are), and the version
 * the change started from.
 */
export function parseVisitChange(body: unknown, shown: PartChild[], today: string): Parsed<VisitChange> {
  const errors: FieldErrors = {};
  const shared = parseShared(body, today, errors);
  const children = shown.map((child) => parseChild(body, child, errors));
  const version = Number(text(body, 'version'));
  if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647) errors.version = 'Reload the page and try again';
  if (Object.keys(errors).length > 0 || !shared || children.some((c) => c === null)) {
    return { ok: false, errors, errorList: visitErrorList(errors, shown) };
  }
  return { ok: true, data: { ...shared, children: children as VisitChildInput[], version } };
}
