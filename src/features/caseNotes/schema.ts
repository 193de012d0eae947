import { z } from 'zod';
import { list, text, type ErrorItem, type FieldErrors, type Parsed } from '../../platform/validation';
import { orderedErrors, readDate } from '../../platform/formFields';
import { limitedOptional, limitedRequired } from '../visits/text';
import { pickedChildren, type RecordedChild } from '../visits/children';
import type { CaseNoteType } from './tables';

export const NOTE_TYPES: { code: CaseNoteType; label: string }[] = [
  { code: 'phone-call', label: 'Phone call' },
  { code: 'message', label: 'Message (text, email or letter)' },
  { code: 'meeting', label: 'Meeting' },
  { code: 'professional-discussion', label: 'Discussion with another professional' },
  { code: 'home-visit', label: 'Home visit note' },
  { code: 'other', label: 'Other' },
];

export const noteTypeLabel = (code: string) => NOTE_TYPES.find((t) => t.code === code)?.label ?? 'Other';

export const NOTE_LIMITS = { participants: 1000, summary: 10_000 };

/** What a note says (the same on a new note and on a change). */
export type NoteFields = { occurredOn: string; type: CaseNoteType; participants: string | null; summary: string; significant: boolean };
export type NoteInput = NoteFields & { children: string[] };

const noteFields = z.object({
  type: z
    .unknown()
    .refine((v) => NOTE_TYPES.some((t) => t.code === v), { message: 'Select what kind of note this is' })
    .transform((v) => v as CaseNoteType),
  participants: limitedOptional(NOTE_LIMITS.participants, 'Who took part must be 1,000 characters or fewer'),
  summary: limitedRequired(NOTE_LIMITS.summary, 'Write what happened', 'What happened must be 10,000 characters or fewer'),
});

const ORDER = ['occurredOn', 'type', 'participants', 'summary', 'significant', 'children', 'version'];

export function noteErrorList(errors: FieldErrors): ErrorItem[] {
  return orderedErrors(errors, ORDER, ['occurredOn']);
}

/** The note's own fields: date it happened (today or before), type, who took part, summary, significance. */
export function parseNoteFields(body: unknown, today: string, errors: FieldErrors): NoteFields | null {
  const date = readDate(body, 'occurredOn', { label: 'date it happened', today });
  if (date.error) errors.occurredOn = date.error;
  const fields = noteFields.safeParse(body ?? {});
  if (!fields.success) {
    for (const issue of fields.error.issues) {
      const key = issue.path.map(String).join('-') || 'form';
      if (!errors[key]) errors[key] = issue.message;
    }
  }
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).significant : undefined;
  const flag = text(body, 'significant');
  if ((raw !== undefined && typeof raw !== 'string') || (flag !== '' && flag !== 'yes')) errors.significant = 'Tick the box if this is significant, or leave it empty';
  if (!fields.success || !date.value || errors.significant) return null;
  return { occurredOn: date.value, ...fields.data, significant: flag === 'yes' };
}

/** A new note: its fields and the children it concerns (this child, and any other child of the household ticked). */
export function parseNote(body: unknown, offered: RecordedChild[], today: string): Parsed<NoteInput> {
  const errors: FieldErrors = {};
  const fields = parseNoteFields(body, today, errors);
  const picked = pickedChildren(offered, list(body, 'children'));
  if (picked.unknown) errors.children = 'One of the children ticked no longer lives with this child. Check the children and try again';
  if (!fields || Object.keys(errors).length > 0) return { ok: false, errors, errorList: noteErrorList(errors) };
  return { ok: true, data: { ...fields, children: picked.children.map((c) => c.id) } };
}

/** A change to a note: its fields and the version it started from. */
export function parseNoteChange(body: unknown, today: string): Parsed<NoteFields & { version: number }> {
  const errors: FieldErrors = {};
  const fields = parseNoteFields(body, today, errors);
  const version = Number(text(body, 'version'));
  if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647) errors.version = 'Reload the page and try again';
  if (!fields || Object.keys(errors).length > 0) return { ok: false, errors, errorList: noteErrorList(errors) };
  return { ok: true, data: { ...fields, version } };
}

/** What the note says in the chronology. */
export function noteChronologySummary(fields: NoteFields): string {
  const who = fields.participants ? ` with ${fields.participants}` : '';
  return `${noteTypeLabel(fields.type)}${who}: ${fields.summary}`;
}
