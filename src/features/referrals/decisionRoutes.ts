import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { parseForm, type FieldErrors, type ErrorItem } from '../../platform/validation';
import { CONTACT_DECISION, labelFor } from '../../domain/codes';
import { isUuid } from '../../platform/http';
import { ctxOf, reasonsOf, sendRefusal, setFlash, keptDraft } from './http';
import { consentAuthorisationSchema, parseDecision } from './schema';
import { contactPage } from './views';

const DECISION_HINTS: Record<string, string> = {
  'early-help': 'Opens an early help episode for each child',
  referral: 'Makes a referral and opens a child in need episode for each child, from the date the contact was received',
};

type Problem = { errors: FieldErrors; errorList: ErrorItem[] };

/** The team manager's part of the front door: the decision on a contact, and authorising that consent was not sought. */
export async function decisionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { frontDoor } = services;

  async function showDecision(request: FastifyRequest, reply: FastifyReply, values: unknown, problem?: Problem) {
    const { contactId } = request.params as { contactId: string };
    if (!isUuid(contactId)) return reply.callNotFound();
    // Already decided: a fresh visit goes to the contact; a refused form is shown with its errors (never a redirect that looks like success).
    const shown = (contact: { decision: string | null }) => !contact.decision || !!problem;
    const loaded = await frontDoor.forForm(ctxOf(request), contactId, reasonsOf(request), 'GET /contacts/:contactId/decision', { action: 'contact-decision-viewed', shown });
    if (loaded.outcome !== 'ok') return sendRefusal(request, reply, loaded);
    if (!shown(loaded.contact)) return reply.redirect(`/contacts/${contactId}`, 303);
    return reply.page(
      'referrals/views/decision.njk',
      {
        ...contactPage(loaded.contact, loaded.children),
        title: 'Record the decision on this contact',
        backLink: `/contacts/${contactId}`,
        decisions: CONTACT_DECISION.map((d) => ({ ...d, hint: DECISION_HINTS[d.code] })),
        values: valuesOf(values, ['decision', 'decisionReason']),
        ...(problem ?? {}),
      },
      problem ? 400 : 200,
    );
  }

  app.get('/contacts/:contactId/decision', { config: { action: 'contact:decide' } }, async (request, reply) => {
    return showDecision(request, reply, (await keptDraft(services, request, request.url.split('?')[0]!)) ?? {});
  });

  app.post('/contacts/:contactId/decision', { config: { action: 'contact:decide' } }, async (request, reply) => {
    const { contactId } = request.params as { contactId: string };
    if (!isUuid(contactId)) return reply.callNotFound();
    const parsed = parseDecision(request.body);
    if (!parsed.ok) return showDecision(request, reply, request.body, parsed);
    const result = await frontDoor.decide(ctxOf(request), contactId, parsed.data, reasonsOf(request));
    if (result.outcome === 'already-decided') {
      // Nothing typed is lost: show their decision beside what this manager wrote.
      const opened = await frontDoor.open(ctxOf(request), contactId, reasonsOf(request));
      if (opened.outcome !== 'ok') return sendRefusal(request, reply, opened);
      return reply.page(
        'referrals/views/contact.njk',
        {
          ...contactPage(opened.contact, opened.children),
          title: 'Contact',
          canDecide: true,
          canAuthorise: true,
          conflict: { decisionLabel: labelFor(CONTACT_DECISION, parsed.data.decision), reasons: parsed.data.decisionReason },
        },
        409,
      );
    }
    if (result.outcome !== 'ok') return sendRefusal(request, reply, result);
    await services.drafts.discard(request.actor!.id, `/contacts/${contactId}/decision`);
    const opened = result.opened.filter((o) => o.episodeOpened).length;
    const episodeWord = parsed.data.decision === 'referral' ? 'child in need' : 'early help';
    const extra = result.opened.length > 0 ? ` ${opened} new ${episodeWord} ${opened === 1 ? 'episode' : 'episodes'} opened.` : '';
    await setFlash(services, request, `Decision recorded: ${labelFor(CONTACT_DECISION, parsed.data.decision).toLowerCase()}.${extra}`);
    return reply.redirect(`/contacts/${contactId}`, 303);
  });

  async function showAuthorisation(request: FastifyRequest, reply: FastifyReply, values: unknown, problem?: Problem) {
    const { contactId } = request.params as { contactId: string };
    if (!isUuid(contactId)) return reply.callNotFound();
    const shown = (contact: { consent: string; consentAuthorisedAt: unknown }) => (contact.consent === 'not-sought' && !contact.consentAuthorisedAt) || !!problem;
    const loaded = await frontDoor.forForm(ctxOf(request), contactId, reasonsOf(request), 'GET /contacts/:contactId/consent-authorisation', { action: 'consent-authorisation-viewed', shown });
    if (loaded.outcome !== 'ok') return sendRefusal(request, reply, loaded);
    if (!shown(loaded.contact)) return reply.redirect(`/contacts/${contactId}`, 303);
    return reply.page(
      'referrals/views/consent-authorisation.njk',
      {
        ...contactPage(loaded.contact, loaded.children),
        title: 'Authorise that consent was not sought',
        backLink: `/contacts/${contactId}`,
        values: valuesOf(values, ['authorisationReason']),
        ...(problem ?? {}),
      },
      problem ? 400 : 200,
    );
  }

  app.get('/contacts/:contactId/consent-authorisation', { config: { action: 'consent:authorise' } }, async (request, reply) => {
    return showAuthorisation(request, reply, (await keptDraft(services, request, request.url.split('?')[0]!)) ?? {});
  });

  app.post('/contacts/:contactId/consent-authorisation', { config: { action: 'consent:authorise' } }, async (request, reply) => {
    const { contactId } = request.params as { contactId: string };
    if (!isUuid(contactId)) return reply.callNotFound();
    const parsed = parseForm(consentAuthorisationSchema, request.body);
    if (!parsed.ok) return showAuthorisation(request, reply, request.body, parsed);
    const result = await frontDoor.authoriseConsent(ctxOf(request), contactId, parsed.data.authorisationReason, reasonsOf(request));
    if (result.outcome === 'not-needed') {
      await setFlash(services, request, 'Nothing to authorise: consent was sought, or a manager has already authorised this.');
      return reply.redirect(`/contacts/${contactId}`, 303);
    }
    if (result.outcome !== 'ok') return sendRefusal(request, reply, result);
    await services.drafts.discard(request.actor!.id, `/contacts/${contactId}/consent-authorisation`);
    await setFlash(services, request, 'You authorised that consent was not sought.');
    return reply.redirect(`/contacts/${contactId}`, 303);
  });
}

/** The submitted text of the named fields, to show again (never anything else the request carried). */
export function valuesOf(values: unknown, fields: string[]): Record<string, string> {
  const source = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f, typeof source[f] === 'string' ? (source[f] as string) : '']));
}
