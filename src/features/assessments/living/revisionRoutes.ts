/**
 * Every revision of an assessment (who, when, which section and fields), and any two compared side
 * by side, field by field (A10). Reading them is a view of the child's record: audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../services';
import { diffContent } from '../../../domain/revisionDiff';
import { audit } from '../../../platform/audit';
import { parseForm, type FieldErrors } from '../../../platform/validation';
import { orderedErrors } from '../../../platform/formFields';
import { changedFieldsLabel, fieldLabel, leafText, SECTION_ORDER, sectionLabel } from './labels';
import { ctxOf, loadLivingPage } from './page';
import { listRevisions, revisionPair } from './revisions';

const view = { action: 'assessment:view', personParam: 'personId' } as const;

const revisionNumber = (which: string, latest: number) => {
  const message = `Enter the number of the ${which} version, from 0 to ${latest}`;
  return z.coerce.number({ error: message }).int(message).min(0, message).max(latest, message);
};

const pageNumber = z.object({ before: z.coerce.number().int().min(1).max(10_000_000).optional() });

export async function revisionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/people/:personId/assessments/:assessmentId/revisions', { config: view }, async (request, reply) => {
    const query = pageNumber.safeParse(request.query);
    const before = query.success ? (query.data.before ?? null) : null;
    const result = await services.db.transaction(async (tx) => {
      const page = await loadLivingPage(tx, request);
      if (!page) return null;
      const list = await listRevisions(tx, page.assessment.id, before);
      await audit(tx, ctxOf(request), { action: 'assessment-revisions-viewed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id });
      return { page, list };
    });
    if (!result) return reply.callNotFound();
    const { page, list } = result;
    const revisions = list.revisions.map((r) => ({ ...r, sectionLabel: sectionLabel(r.section), fields: changedFieldsLabel(r.changedFields) }));
    const last = revisions[revisions.length - 1];
    return reply.page('assessments/living/views/revisions.njk', {
      title: `Changes to the assessment – ${page.person.name}`,
      ...page,
      backLink: page.overview,
      revisions,
      next: list.more && last ? `${page.base}/revisions?before=${last.revision}` : null,
    });
  });

  async function showCompare(request: FastifyRequest, reply: FastifyReply) {
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const result = await services.db.transaction(async (tx) => {
      const page = await loadLivingPage(tx, request);
      if (!page) return null;
      const latest = page.assessment.revision;
      const asked = raw.from !== undefined || raw.to !== undefined;
      const values = { from: asked ? String(raw.from ?? '').slice(0, 12) : String(Math.max(0, latest - 1)), to: asked ? String(raw.to ?? '').slice(0, 12) : String(latest) };
      if (latest < 1) return { page, values, errors: {} as FieldErrors, tooFew: true as const };
      const parsed = parseForm(z.object({ from: revisionNumber('earlier', latest), to: revisionNumber('later', latest) }), values);
      const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
      if (parsed.ok && parsed.data.from === parsed.data.to) errors.to = 'Choose two different versions to compare';
      if (!parsed.ok || Object.keys(errors).length > 0) return { page, values, errors, tooFew: false as const };
      const { from, to } = parsed.data;
      const pair = await revisionPair(tx, page.assessment.id, from, to);
      // Version 0 is the assessment as it was started: what was carried in when that was kept, otherwise empty.
      const started = { content: {}, changedByName: null, changedAt: page.assessment.createdAt };
      const before = pair.get(from) ?? (from === 0 ? started : undefined);
      const after = pair.get(to) ?? (to === 0 ? started : undefined);
      if (!before || !after) return { page, values, errors: { from: 'That version could not be found. Choose another' } as FieldErrors, tooFew: false as const };
      await audit(tx, ctxOf(request), { action: 'assessment-revisions-compared', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id, details: { from, to } });
      const sections = diffContent(before.content, after.content, SECTION_ORDER).map((s) => ({
        section: sectionLabel(s.section),
        changes: s.changes.map((c) => ({ field: fieldLabel(c.path), kind: c.kind, before: leafText(c.before, c.path), after: leafText(c.after, c.path) })),
      }));
      return { page, values, errors, tooFew: false as const, comparison: { from, to, before, after, sections } };
    });
    if (!result) return reply.callNotFound();
    const { page, values, errors, tooFew } = result;
    const failed = Object.keys(errors).length > 0;
    return reply.page(
      'assessments/living/views/compare.njk',
      {
        title: `Compare two versions of the assessment – ${page.person.name}`,
        ...page,
        backLink: `${page.base}/revisions`,
        values,
        tooFew,
        comparison: 'comparison' in result ? result.comparison : null,
        errors,
        errorList: orderedErrors(errors, ['from', 'to']),
      },
      failed ? 400 : 200,
    );
  }

  app.get('/people/:personId/assessments/:assessmentId/revisions/compare', { config: view }, showCompare);
}
