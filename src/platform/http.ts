import type { FastifyRequest } from 'fastify';
import type { Actor } from './access';
import type { DraftStore } from './drafts';
import type { SessionStore } from './session';

/** Small helpers every feature's routes share. Routes that use them run after the guard, so a person is signed in. */

/** The audit context of a signed-in request: who, which request, and the reasons given for restricted records. */
export function ctxOf(request: FastifyRequest): { actor: Actor; requestId: string; restrictedReasons: Readonly<Record<string, string>> } {
  return { actor: request.actor!, requestId: request.id, restrictedReasons: reasonsOf(request) };
}

/** Reasons this session gave for opening restricted records. */
export function reasonsOf(request: FastifyRequest): Record<string, string> {
  return request.session?.data.restrictedReasons ?? {};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from an address or a form is a well-formed uuid (anything else is "not found", never an error). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A one-line message for the next page (kept in the session, so it survives the redirect). */
export async function setFlash(services: { sessions: SessionStore }, request: FastifyRequest, text: string): Promise<void> {
  if (!request.session) return;
  request.session.data.flash = text;
  await services.sessions.save(request.session);
}

/** Takes the message left by the last action, once. */
export async function takeFlash(services: { sessions: SessionStore }, request: FastifyRequest): Promise<string | undefined> {
  const flash = request.session?.data.flash;
  if (!flash || !request.session) return undefined;
  delete request.session.data.flash;
  await services.sessions.save(request.session);
  return flash;
}

/**
 * Typed text kept for this form (by autosave, or when the session timed out on posting it), to show
 * again. It stays kept until the form is saved (each route discards it then) or the person removes it
 * ("Remove what I typed", POST /drafts/discard): showing it never loses it, with or without JavaScript.
 */
export async function keptDraft(services: { drafts: DraftStore }, request: FastifyRequest, formKey: string): Promise<Record<string, unknown> | null> {
  const draft = await services.drafts.get(request.actor!.id, formKey);
  if (draft) shown.set(request, [...(shown.get(request) ?? []), formKey]);
  return draft;
}

const shown = new WeakMap<FastifyRequest, string[]>();

/** The drafts keptDraft found for this page: the layout says they were kept, with "Remove what I typed". */
export function draftsShownOn(request: FastifyRequest): string[] {
  return shown.get(request) ?? [];
}
