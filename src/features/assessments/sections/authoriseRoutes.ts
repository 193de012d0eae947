/**
 * Sending an assessment for authorisation (the worker) and authorising it (the team manager, with
 * the checklist). Both are refused with a GOV.UK error summary listing every missing thing, each
 * linking to the section and field where it can be put right.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemHref, problemPage, sectionLabel, type Problem } from '../../../domain/assessmentChecks';
import { formatDate } from '../../../domain/dates';
import { text, type ErrorItem } from '../../../platform/validation';
import type { Services } from '../../../services';
import { personTabs } from '../../people/header';
import { setFlash } from '../../../platform/http';
import { variantLabel } from '../variants';
import { assessmentBase, checklistSection, outstanding, parseChecklist } from './checklist';
import { fingerprint, unflatten } from './form';
import type { PageContext } from './page';
import { differences, renderSection } from './render';
import { ctxOf, postedVersion, refuseReadOnly, sectionPath } from './routes';
import { sectionsService, type Ctx, type StatusChange } from './service';
import { refuseOtherTeam as refuseNotYourTeam } from '../decider';

type Params = { personId: string; assessmentId: string };

function problemLinks(page: PageContext, problems: Problem[]): ErrorItem[] {
  return problems.map((p) => ({
    text: p.section === 'checklist' ? p.message : `${sectionLabel(p.section)}: ${p.message.charAt(0).toLowerCase()}${p.message.slice(1)}`,
    href: p.section === 'checklist' ? `#${problemHref(p)}` : `${assessmentBase(page)}/${problemPage(p)}#${problemHref(p)}`,
  }));
}

const alreadyMessage = (change: Extract<StatusChange, { outcome: 'already' }>) =>
  change.status === 'authorised'
    ? `This assessment was already authorised on ${formatDate(change.authorisedOn)}`
    : change.status === 'closed'
      ? change.closedReason === 'checkpoint'
        ? 'This assessment was closed by the team manager at a checkpoint, so it cannot be sent or authorised'
        : 'This assessment is closed: it was stepped up into a new assessment, where the work goes on'
      : 'This assessment is already with the manager for authorisation';
const STALE = 'Someone saved this assessment while you were looking at this page. Check what is listed here again';

export async function authorisationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const service = sectionsService(services.db);

  /** Refuses a manager of another team (decider.ts), with an audit row of the refusal, as the guard does. */
  const refuseOtherTeam = (ctx: Ctx, reply: FastifyReply, page: PageContext) =>
    refuseNotYourTeam(services.db, ctx, reply, { assessmentId: page.assessment.id, childId: page.header.id }, { method: 'POST', page: 'authorise' });
  const edit = { action: 'assessment:edit', personParam: 'personId' } as const;

  const showSubmit = (reply: FastifyReply, page: PageContext, extra: { errorList?: ErrorItem[]; status?: number } = {}) =>
    reply.page(
      'assessments/sections/views/submit.njk',
      {
        title: `Send for authorisation – ${page.header.name}`,
        person: page.header,
        tabs: personTabs(page.actor, page.header.id, 'assessments'),
        backLink: assessmentBase(page),
        assessment: { base: assessmentBase(page), status: page.assessment.status, variantLabel: variantLabel(page.assessment.variant), authorisedOn: page.assessment.authorisedOn },
        formVersion: page.assessment.version,
        outstanding: outstanding(page, 'submission'),
        errorList: extra.errorList ?? [],
      },
      extra.status ?? 200,
    );

  app.get('/people/:personId/assessments/:assessmentId/submit', { config: edit }, async (request, reply) => {
    const { personId, assessmentId } = request.params as Params;
    const page = await service.page(ctxOf(request), personId, assessmentId, 'submit', { audited: true });
    if (!page) return reply.callNotFound();
    return showSubmit(reply, page);
  });

  app.post('/people/:personId/assessments/:assessmentId/submit', { config: edit }, async (request, reply) => {
    const { personId, assessmentId } = request.params as Params;
    const ctx = ctxOf(request);
    const result = await service.submit(ctx, personId, assessmentId, postedVersion(request.body));
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'done') {
      await setFlash(services, request, result.label);
      return reply.redirect(`/people/${personId}/assessments/${assessmentId}`, 303);
    }
    const page = await service.page(ctx, personId, assessmentId, 'submit', { audited: false });
    if (!page) return reply.callNotFound();
    if (result.outcome === 'problems') return showSubmit(reply, page, { errorList: problemLinks(page, result.problems), status: 400 });
    const message = result.outcome === 'already' ? alreadyMessage(result) : STALE;
    return showSubmit(reply, page, { errorList: [{ text: message, href: '#outstanding' }], status: 409 });
  });

  app.post('/people/:personId/assessments/:assessmentId/authorise', { config: { action: 'assessment:authorise', personParam: 'personId' } }, async (request, reply) => {
    const { personId, assessmentId } = request.params as Params;
    const ctx = ctxOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const formKey = sectionPath(personId, assessmentId, 'checklist');
    let page = await service.page(ctx, personId, assessmentId, 'checklist', { audited: false });
    if (!page) return reply.callNotFound();
    // A manager of another team (who may open a child allocated to no team) saves nothing here.
    if (page.decides === false) return refuseOtherTeam(ctx, reply, page);
    let version = postedVersion(body);
    const base = text(body, 'base').slice(0, 64);
    const values = unflatten(body);

    // The checklist form's "Authorise" button sends the checklist too. When the assessment can no
    // longer change (authorised or closed meanwhile), nothing is saved: the page says why, and the
    // checklist as typed is kept (the manager's draft) and shown beside what is saved.
    if (values.items !== undefined && page.lock.locked) {
      const { status, authorisedOn, closedReason } = page.assessment;
      return refuseReadOnly(reply, checklistSection, page, alreadyMessage({ outcome: 'already', status, authorisedOn, closedReason }), { drafts: services.drafts, userId: ctx.actor.id, formKey, body });
    }
    // Otherwise save it first, as a revision.
    if (values.items !== undefined) {
      const parsed = parseChecklist(values);
      if (!parsed.ok) {
        await services.drafts.save(ctx.actor.id, formKey, body);
        return renderSection(reply, checklistSection, page, values, { version, base, errors: parsed.errors, status: 400 });
      }
      if (fingerprint(parsed.data) !== fingerprint(page.content.checklist)) {
        const saved = await service.save(ctx, { assessmentId, childId: personId, section: 'checklist', data: parsed.data, expectedVersion: version, base });
        if (!saved.ok && saved.reason === 'not-found') return reply.callNotFound();
        if (!saved.ok && saved.reason === 'not-your-team') return refuseOtherTeam(ctx, reply, page);
        if (!saved.ok && saved.reason === 'read-only') return renderSection(reply, checklistSection, page, values, { version, base, errorList: [{ text: saved.message, href: '#read-only' }], status: 409 });
        if (!saved.ok) {
          await services.drafts.save(ctx.actor.id, formKey, body);
          const conflict = { by: await service.userName(saved.savedBy), at: saved.savedAt, rows: differences(checklistSection, page, saved.saved, values) };
          return renderSection(reply, checklistSection, page, values, { version: saved.savedVersion, base: fingerprint(saved.saved), conflict, status: 409 });
        }
        version = saved.version;
      }
    }

    const result = await service.authorise(ctx, personId, assessmentId, version);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'not-your-team') return refuseOtherTeam(ctx, reply, page);
    if (result.outcome === 'done') {
      await services.drafts.discard(ctx.actor.id, formKey);
      await setFlash(services, request, result.label);
      return reply.redirect(`/people/${personId}/assessments/${assessmentId}`, 303);
    }
    page = await service.page(ctx, personId, assessmentId, 'checklist', { audited: false });
    if (!page) return reply.callNotFound();
    const current = { version: page.assessment.version, base: fingerprint((page.assessment.content as Record<string, unknown>).checklist) };
    const shown = checklistSection.fromStored(page);
    if (result.outcome === 'problems') {
      // The checklist's own problems are shown at their questions too, not only in the summary.
      const inline = Object.fromEntries(result.problems.filter((p) => p.section === 'checklist').map((p) => [p.field, p.message]));
      return renderSection(reply, checklistSection, page, shown, { ...current, errors: inline, errorList: problemLinks(page, result.problems), status: 400 });
    }
    const message = result.outcome === 'already' ? alreadyMessage(result) : STALE;
    return renderSection(reply, checklistSection, page, shown, { ...current, errorList: [{ text: message, href: '#outstanding' }], status: 409 });
  });
}
