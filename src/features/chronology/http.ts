import type { FastifyRequest } from 'fastify';
import { decodeCursor } from '../../domain/chronologyOrder';
import { text } from '../../platform/validation';
import { isUuid } from '../../platform/http';
import type { PageRequest } from './conditions';
import { PAGE_SIZE } from './service';

export { ctxOf } from '../../platform/http';

export type PersonParams = { personId: string };
export type EntryParams = { personId: string; entryId: string };

/** The entry id from the address, or null when it is not a uuid (the page is then "not found"). */
export function entryIdOf(request: FastifyRequest): string | null {
  const { entryId } = request.params as EntryParams;
  return isUuid(entryId) ? entryId.toLowerCase() : null;
}

/** Which page of a long chronology: after a cursor (next), before one (previous), or the first. */
export function pageOf(query: unknown): PageRequest {
  const after = decodeCursor(text(query, 'after'));
  const before = after ? null : decodeCursor(text(query, 'before'));
  return { after, before, limit: PAGE_SIZE };
}

/** Messages shown after a change, chosen by a fixed key (never text from the address). */
export const DONE: Record<string, string> = {
  added: 'Event added to the chronology',
  saved: 'Changes saved. The earlier version is kept in the entry’s history',
  shared: 'Who this entry is shared with has been saved',
};

export function doneMessage(query: unknown): string | undefined {
  return DONE[text(query, 'done')];
}

/** What an export is for, as recorded in the audit of the disclosure. */
export const PURPOSES = [
  { value: 'conference', text: 'A child protection conference' },
  { value: 'court', text: 'Court proceedings' },
  { value: 'review', text: 'A review or meeting about the child' },
  { value: 'agency', text: 'Sharing with another agency' },
  { value: 'family', text: 'The child or family' },
  { value: 'supervision', text: 'Supervision or case audit' },
] as const;

export function purposeOf(query: unknown): string {
  const value = text(query, 'purpose');
  return PURPOSES.some((p) => p.value === value) ? value : 'not-given';
}
