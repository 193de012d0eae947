/**
 * Recording how an assessment was shared with the family, the child and the referrer, or why it was
 * not (A11). Each record is audited and added to the child's chronology.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services';
import { todayInLondon } from '../../../domain/dates';
import { audit } from '../../../platform/audit';
import type { FieldErrors } from '../../../platform/validation';
import { orderedErrors } from '../../referrals/form';
import { setFlash, takeFlash } from '../../../platform/http';
import { listSharing, recordSharing } from './familyVersions';
import { ctxOf, loadLivingPage } from './page';
import { AUDIENCES, FIELD_ORDER, FORMATS, keptSharing, NOT_SHARED_REASONS, readSharing, SHARING_METHODS } from './sharingForm';

const share = { action: 'assessment:share', personParam: 'personId' } as const;
const label = (list: { value: string; text: string }[], value: string | null) => list.find((c) => c.value === value)?.text ?? value ?? '';

export async function sharingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  async function show(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors = {}) {
    const data = await services.db.transaction(async (tx) => {
      const page = await loadLivingPage(tx, request);
      if (!page) return null;
      const sharing = await listSharing(tx, page.assessment.id);
      await audit(tx, ctxOf(request), { action: 'assessment-sharing-viewed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id });
      return { page, sharing };
    });
    if (!data) return reply.callNotFound();
    const { page, sharing } = data;
    return reply.page(
      'assessments/living/views/sharing.njk',
      {
        title: `Record sharing the assessment – ${page.person.name}`,
        ...page,
        backLink: page.overview,
        records: sharing.map((s) => ({
          ...s,
          audienceLabel: label(AUDIENCES, s.audience),
          methodLabel: label(SHARING_METHODS, s.method),
          formatLabel: label(FORMATS, s.format),
        })),
        choices: { audiences: AUDIENCES, methods: SHARING_METHODS, formats: FORMATS, reasons: NOT_SHARED_REASONS },
        values,
        flash: await takeFlash(services, request),
        errors,
        errorList: orderedErrors(errors, FIELD_ORDER, ['sharedOn']),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  const path = '/people/:personId/assessments/:assessmentId/sharing';

  app.get(path, { config: share }, async (request, reply) => {
    const audience = String((request.query as Record<string, unknown>).audience ?? '');
    return show(request, reply, { audience: AUDIENCES.some((a) => a.value === audience) ? audience : '', language: 'English', format: 'standard' });
  });

  app.post(path, { config: share }, async (request, reply) => {
    const read = readSharing(request.body, todayInLondon());
    if (!read.ok) return show(request, reply, keptSharing(request.body), read.errors);
    const page = await loadLivingPage(services.db, request);
    if (!page) return reply.callNotFound();
    await recordSharing(services.db, ctxOf(request), { assessmentId: page.assessment.id, childId: page.person.id }, read.value);
    await setFlash(services, request, read.value.sharedOn ? 'Sharing recorded.' : 'The reason it was not shared is recorded.');
    return reply.redirect(`${page.base}/sharing`, 303);
  });
}
