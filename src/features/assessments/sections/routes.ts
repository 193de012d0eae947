/**
 * GET and POST for every section page under /people/:personId/assessments/:assessmentId/sections/<key>.
 * Posting "add another" or "remove" shows the page again with the list changed (no JavaScript needed)
 * and keeps a draft; "save" checks the form, and when "completed" is ticked, what the section still
 * needs; a save from an older version that clashes with someone else's save shows both.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sectionLabel, sectionProblems, type CheckedSection } from '../../../domain/assessmentChecks';
import type { AssessmentContent } from '../../../domain/assessmentContent';
import { text } from '../../../platform/validation';
import type { Services } from '../../../services';
import type { DraftStore } from '../../../platform/drafts';
import { ctxOf, setFlash, keptDraft, takeFlash } from '../../../platform/http';
import { applyListAction, fingerprint, listAction, unflatten, type FormValues } from './form';
import type { PageContext, SectionDef } from './page';
import { differences, renderSection, type RenderOptions } from './render';
import type { ShownReport } from '../../plainLanguage/service';
import { refuseOtherTeam } from '../decider';
import { sectionsService } from './service';

type Params = { personId: string; assessmentId: string };

export const sectionPath = (personId: string, assessmentId: string, key: string) => `/people/${personId}/assessments/${assessmentId}/sections/${key}`;

export { ctxOf };

/** The version a form was opened at (a missing or odd value can only clash, never overwrite). */
export function postedVersion(body: unknown): number {
  const raw = text(body, 'version').trim();
  return /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
}

export function registerSection(app: FastifyInstance, services: Services, def: SectionDef): void {
  const service = sectionsService(services.db);

  /** The plain-language check of the family-facing fields as they are shown (A12): none on a read-only page. */
  async function wordingOf(page: PageContext, values: FormValues): Promise<Record<string, ShownReport | null> | undefined> {
    if (!def.familyFacing || page.lock.locked) return undefined;
    const fields = def.familyFacing(values);
    const reports = await services.plainLanguage.checkAll(fields.map((f) => f.text));
    return Object.fromEntries(fields.map((f, i) => [f.id, reports[i] ?? null]));
  }

  /** Shows the editable page with the wording check of what is in its family-facing fields. */
  async function show(reply: FastifyReply, page: PageContext, values: FormValues, options: RenderOptions): Promise<FastifyReply> {
    return renderSection(reply, def, page, values, { ...options, wording: await wordingOf(page, values) });
  }
  const url = `/people/:personId/assessments/:assessmentId/sections/${def.key}`;
  const config = { action: def.action, personParam: 'personId' } as const;

  app.get(url, { config }, async (request, reply) => {
    const { personId, assessmentId } = request.params as Params;
    const page = await service.page(ctxOf(request), personId, assessmentId, def.key, { audited: true });
    if (!page) return reply.callNotFound();
    if (page.decides === false) return refuseOtherTeam(services.db, ctxOf(request), reply, { assessmentId: page.assessment.id, childId: personId }, { method: 'GET', section: def.key });
    const flash = await takeFlash(services, request);
    const formKey = sectionPath(personId, assessmentId, def.key);
    const stored = (page.assessment.content as Record<string, unknown>)[def.key];
    // A closed or authorised assessment is shown as it is saved, to read, without a form. What the
    // person typed before it became so is kept (their draft) and shown beside it, until they remove it.
    if (page.lock.locked) {
      const draft = await services.drafts.get(request.actor!.id, formKey);
      const unsaved = draft ? differences(def, page, stored, unflatten(draft), true) : [];
      if (draft && unsaved.length === 0) await services.drafts.discard(request.actor!.id, formKey);
      return renderSection(reply, def, page, def.fromStored(page), { version: page.assessment.version, base: fingerprint(stored), flash, unsaved });
    }
    const draft = await keptDraft(services, request, formKey);
    if (draft) {
      const version = postedVersion(draft) || page.assessment.version;
      const base = text(draft, 'base').slice(0, 64) || fingerprint(stored);
      return show(reply, page, unflatten(draft), { version, base, draftRestored: true, flash });
    }
    return show(reply, page, def.fromStored(page), { version: page.assessment.version, base: fingerprint(stored), flash });
  });

  app.post(url, { config }, async (request, reply) => {
    const { personId, assessmentId } = request.params as Params;
    const ctx = ctxOf(request);
    const page = await service.page(ctx, personId, assessmentId, def.key, { audited: false });
    if (!page) return reply.callNotFound();
    // The checklist of a manager of another team (who may open a child allocated to no team): nothing is read out or kept.
    const refuse = () => refuseOtherTeam(services.db, ctx, reply, { assessmentId: page.assessment.id, childId: personId }, { method: 'POST', section: def.key });
    if (page.decides === false) return refuse();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const formKey = sectionPath(personId, assessmentId, def.key);
    const version = postedVersion(body);
    const base = text(body, 'base').slice(0, 64);
    const values = unflatten(body);
    const pressed = text(body, 'action');

    // Discarding touches only the draft, so it works on a read-only page too ("remove what I typed").
    if (pressed === 'discard') {
      await services.drafts.discard(ctx.actor.id, formKey);
      await setFlash(services, request, page.lock.locked ? 'What you typed was removed. This is what is saved' : 'Your changes were discarded. This is what is saved now');
      return reply.redirect(formKey, 303);
    }

    if (page.lock.locked) return refuseReadOnly(reply, def, page, page.lock.message, { drafts: services.drafts, userId: ctx.actor.id, formKey, body });

    const listChange = listAction(body, def.lists(values, page));
    if (listChange) {
      const row = listChange.kind === 'add' && def.newRow ? def.newRow(listChange.list, listChange.arg, page) : {};
      if (row !== null) applyListAction(values, listChange.kind === 'add' ? { ...listChange, row } : listChange);
      await services.drafts.save(ctx.actor.id, formKey, body);
      return show(reply, page, values, { version, base });
    }

    const cleaned = def.clean(values);
    const parsed = def.parse(cleaned, page);
    if (!parsed.ok) {
      await services.drafts.save(ctx.actor.id, formKey, body);
      return show(reply, page, cleaned, { version, base, errors: parsed.errors, status: 400 });
    }
    const incomplete = completenessErrors(def, page, parsed.data);
    if (incomplete) {
      await services.drafts.save(ctx.actor.id, formKey, body);
      return show(reply, page, cleaned, { version, base, errors: incomplete, status: 400 });
    }

    // The decision may raise safeguarding tasks, due in working days (settings are read outside the transaction).
    const calendar = def.key === 'decision' ? await services.settings.calendar() : undefined;
    const result = await service.save(ctx, { assessmentId: page.assessment.id, childId: personId, section: def.key, data: parsed.data, expectedVersion: version, base, calendar });
    if (!result.ok && result.reason === 'not-found') return reply.callNotFound();
    if (!result.ok && result.reason === 'not-your-team') return refuse();
    if (!result.ok && result.reason === 'read-only') return refuseReadOnly(reply, def, page, result.message, { drafts: services.drafts, userId: ctx.actor.id, formKey, body });
    if (!result.ok) {
      // Someone else saved this section since the form was opened: keep what was typed, show both.
      await services.drafts.save(ctx.actor.id, formKey, body);
      const conflict = { by: await service.userName(result.savedBy), at: result.savedAt, rows: differences(def, page, result.saved, cleaned) };
      return show(reply, page, cleaned, { version: result.savedVersion, base: fingerprint(result.saved), conflict, status: 409 });
    }
    await services.drafts.discard(ctx.actor.id, formKey);
    // Saved whatever the wording: the page it goes back to shows the suggestions beside each field.
    const wording = await wordingOf(page, cleaned);
    const suggestions = Object.values(wording ?? {}).reduce((n, r) => n + (r?.findings.length ?? 0), 0);
    const back = pressed === 'save-return';
    const found = `${suggestions} wording suggestion${suggestions === 1 ? '' : 's'}`;
    // Going back to the assessment, the suggestions are not beside the answers: say where they are.
    const told = !suggestions ? '' : back ? `. ${sectionLabel(def.key)} has ${found} for the answers written for the family: open it to see ${suggestions === 1 ? 'it' : 'them'} beside the answers` : `. Look at the ${found} beside the answers written for the family`;
    await setFlash(services, request, savedMessage(result.changed.length, result.resolvedPrompts) + told);
    return reply.redirect(back ? `/people/${personId}/assessments/${assessmentId}` : formKey, 303);
  });
}

/** What was posted to a read-only page, to keep as the person's draft. */
export type Posted = { drafts: DraftStore; userId: string; formKey: string; body: Record<string, unknown> };

/**
 * A change to an assessment that cannot be changed now: nothing is saved to the assessment, the page
 * says why and shows what is saved, and what was typed is kept (as the person's draft) and shown
 * beside it, in full, to copy.
 */
export async function refuseReadOnly(reply: FastifyReply, def: SectionDef, page: PageContext, message: string, posted?: Posted): Promise<FastifyReply> {
  const stored = (page.assessment.content as Record<string, unknown>)[def.key];
  const shown = { ...page, lock: page.lock.locked ? page.lock : ({ locked: true, reason: 'authorised', message } as const) };
  const unsaved = posted ? differences(def, page, stored, unflatten(posted.body), true) : [];
  if (posted && unsaved.length > 0) await posted.drafts.save(posted.userId, posted.formKey, posted.body);
  return renderSection(reply, def, shown, def.fromStored(page), { version: page.assessment.version, base: fingerprint(stored), errorList: [{ text: message, href: '#read-only' }], status: 409, unsaved });
}

function savedMessage(changed: number, resolvedPrompts: number): string {
  if (changed === 0) return 'Saved. Nothing had changed';
  const prompts = resolvedPrompts === 0 ? '' : resolvedPrompts === 1 ? '. The prompt to review it is closed as updated' : `. The ${resolvedPrompts} prompts to review it are closed as updated`;
  return `Saved. This change is kept as a new revision of the assessment${prompts}`;
}

/** When "completed" is ticked: what the section still needs, with the rest of the assessment as saved. */
function completenessErrors(def: SectionDef, page: PageContext, data: unknown): Record<string, string> | null {
  if (def.key === 'checklist' || !(data as { completed?: boolean }).completed) return null;
  const content: AssessmentContent = { ...page.content, [def.key]: data };
  const problems = sectionProblems(def.key as Exclude<CheckedSection, 'checklist'>, content, { variant: page.assessment.variant });
  if (problems.length === 0) return null;
  const errors: Record<string, string> = {};
  for (const p of problems) errors[p.field] ??= p.message;
  errors.completed ??= 'This section cannot be marked as completed yet. Put right what is listed, or untick ‘completed’ to save your progress';
  return errors;
}
