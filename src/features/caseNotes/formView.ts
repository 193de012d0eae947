/** The case note form as the page shows it, and the page address of a list position. */
import { isValidIsoDate } from '../../domain/dates';
import { list, text, type FieldErrors } from '../../platform/validation';
import { dateValues } from '../../platform/formFields';
import { isUuid } from '../../platform/http';
import type { RecordedChild } from '../visits/children';
import type { NoteCursor } from './repository';
import { NOTE_LIMITS, NOTE_TYPES, noteErrorList } from './schema';

type Values = Record<string, unknown>;

export function noteFormView(children: RecordedChild[], values: Values, errors: FieldErrors = {}) {
  const ticked = new Set(list(values, 'children'));
  return {
    self: children.find((c) => c.self) ?? null,
    others: children.filter((c) => !c.self).map((c) => ({ ...c, checked: ticked.has(c.id) })),
    occurredOn: dateValues(values, 'occurredOn'),
    type: text(values, 'type'),
    participants: text(values, 'participants'),
    summary: text(values, 'summary'),
    significant: text(values, 'significant') === 'yes',
    version: text(values, 'version').slice(0, 12),
    types: NOTE_TYPES,
    limits: NOTE_LIMITS,
    errors,
    errorList: noteErrorList(errors),
  };
}

/** A new note: today's date; everything else empty. */
export function freshNoteValues(today: string): Values {
  const [year, month, day] = today.split('-');
  return { 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year };
}

/** The saved note as form values (to change it). */
export function noteValues(note: { occurredOn: string; type: string; participants: string | null; summary: string; significant: boolean; version: number }): Values {
  const [year, month, day] = note.occurredOn.split('-');
  return {
    'occurredOn-day': String(Number(day)),
    'occurredOn-month': String(Number(month)),
    'occurredOn-year': year,
    type: note.type,
    participants: note.participants ?? '',
    summary: note.summary,
    significant: note.significant ? 'yes' : '',
    version: String(note.version),
  };
}

const TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;

/** `?before=<date>_<created, exact UTC>_<id>`: the last note of the page before. Anything else is ignored. */
export function parseNoteCursor(value: unknown): NoteCursor | null {
  if (typeof value !== 'string' || value.length > 120) return null;
  const [occurredOn, createdAt, id] = value.split('_');
  if (!occurredOn || !createdAt || !id || !isValidIsoDate(occurredOn) || !isUuid(id)) return null;
  const time = TIME.exec(createdAt);
  if (!time || !isValidIsoDate(time[1]!)) return null;
  return { occurredOn, createdAt, id: id.toLowerCase() };
}

export const noteCursor = (note: { occurredOn: string; createdAt: string; id: string }) => `${note.occurredOn}_${note.createdAt}_${note.id}`;
