/**
 * The plain-language word list for administrators (/admin/plain-language), and the check itself
 * (/plain-language/check): JSON for the live check as the worker types, or a page when a form is
 * posted without JavaScript.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { TERM_KINDS } from '../../domain/plainLanguageTerms';
import { parseForm, toErrorList, type FieldErrors } from '../../platform/validation';
import { isUuid } from '../../platform/http';
import { checkSchema, termEditSchema, termSchema } from './schema';
import type { TermRow } from './service';

const manage = { action: 'plain-language:manage' } as const;
const DONE: Record<string, string> = { added: 'The word was added to the list.', changed: 'The word was changed.' };

function kept(body: unknown): Record<string, string> {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const pick = (k: string, max: number) => (typeof source[k] === 'string' ? (source[k] as string).slice(0, max) : '');
  return { term: pick('term', 200), kind: pick('kind', 40), suggestion: pick('suggestion', 1000), active: source.active === 'yes' ? 'yes' : '' };
}

const kindItems = (value: string) => TERM_KINDS.map((k) => ({ value: k.code, text: k.label, hint: { text: k.hint }, checked: k.code === value }));

function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '').includes('application/json') || String(request.headers.accept ?? '').includes('application/json');
}

export async function plainLanguageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { plainLanguage } = services;
  const ctxOf = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id });

  async function showList(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors) {
    const terms = await plainLanguage.list();
    const done = DONE[String((request.query as Record<string, unknown>).done ?? '')];
    const kindLabel = Object.fromEntries(TERM_KINDS.map((k) => [k.code, k.label]));
    return reply.page(
      'plainLanguage/views/terms.njk',
      { title: 'Plain language word list', terms, kindLabel, values, kinds: kindItems(values.kind ?? ''), errors, errorList: errors ? toErrorList(errors) : undefined, flash: errors ? undefined : done },
      errors ? 400 : 200,
    );
  }

  app.get('/admin/plain-language', { config: manage }, async (request, reply) => showList(request, reply, { active: 'yes' }));

  app.post('/admin/plain-language', { config: manage }, async (request, reply) => {
    const parsed = parseForm(termSchema, request.body);
    if (!parsed.ok) return showList(request, reply, kept(request.body), parsed.errors);
    const added = await plainLanguage.add(ctxOf(request), parsed.data);
    if (!added.ok) return showList(request, reply, kept(request.body), added.errors);
    return reply.redirect('/admin/plain-language?done=added', 303);
  });

  function showEdit(reply: FastifyReply, term: TermRow, values: Record<string, string>, opts: { errors?: FieldErrors; conflict?: boolean } = {}) {
    const failed = !!opts.errors || !!opts.conflict;
    return reply.page(
      'plainLanguage/views/term-edit.njk',
      {
        title: `Change “${term.term}”`,
        backLink: '/admin/plain-language',
        term,
        values,
        kinds: kindItems(values.kind ?? ''),
        conflict: opts.conflict,
        errors: opts.errors,
        errorList: opts.errors ? toErrorList(opts.errors) : undefined,
      },
      opts.conflict ? 409 : failed ? 400 : 200,
    );
  }

  const valuesOf = (t: TermRow) => ({ term: t.term, kind: t.kind, suggestion: t.suggestion, active: t.active ? 'yes' : '' });

  app.get('/admin/plain-language/:termId', { config: manage }, async (request, reply) => {
    const { termId } = request.params as { termId: string };
    const term = isUuid(termId) ? await plainLanguage.find(termId) : null;
    if (!term) return reply.callNotFound();
    return showEdit(reply, term, valuesOf(term));
  });

  app.post('/admin/plain-language/:termId', { config: manage }, async (request, reply) => {
    const { termId } = request.params as { termId: string };
    const term = isUuid(termId) ? await plainLanguage.find(termId) : null;
    if (!term) return reply.callNotFound();
    const parsed = parseForm(termEditSchema, request.body);
    if (!parsed.ok) return showEdit(reply, term, kept(request.body), { errors: parsed.errors });
    const { version, ...input } = parsed.data;
    const result = await plainLanguage.update(ctxOf(request), termId, input, version);
    if (result.outcome === 'not-found') return reply.callNotFound();
    if (result.outcome === 'invalid') return showEdit(reply, term, kept(request.body), { errors: result.errors });
    // Someone else changed it first: show what is saved now beside what this person typed.
    if (result.outcome === 'conflict') return showEdit(reply, term, kept(request.body), { conflict: true });
    return reply.redirect('/admin/plain-language?done=changed', 303);
  });

  const check = { action: 'plain-language:check', rateLimit: { max: services.config.env === 'test' ? 10_000 : 240, timeWindow: '1 minute' } } as const;

  app.get('/plain-language/check', { config: { action: 'plain-language:check' } }, async (_request, reply) => {
    return reply.page('plainLanguage/views/check.njk', { title: 'Check your wording', values: { text: '' }, report: null });
  });

  app.post('/plain-language/check', { config: check }, async (request, reply) => {
    const parsed = parseForm(checkSchema, request.body);
    if (wantsJson(request)) {
      if (!parsed.ok) return reply.code(400).send({ errors: parsed.errorList });
      return reply.send(await plainLanguage.check(parsed.data.text, { readingAge: parsed.data.readingAge }));
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { text: typeof body.text === 'string' ? body.text.slice(0, 25_000) : '', readingAge: typeof body.readingAge === 'string' ? body.readingAge.slice(0, 3) : '' };
    if (!parsed.ok) return reply.page('plainLanguage/views/check.njk', { title: 'Check your wording', values, report: null, errors: parsed.errors, errorList: parsed.errorList }, 400);
    const report = await plainLanguage.check(parsed.data.text, { readingAge: parsed.data.readingAge });
    return reply.page('plainLanguage/views/check.njk', { title: 'Check your wording', values, report });
  });
}
