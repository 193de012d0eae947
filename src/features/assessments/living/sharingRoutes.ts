/**
 * Recording how an assessment was shared with the family, the child and the referrer, or why it was
 * not (A11). Each record is audited and added to the child's chronology.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services';
import { todayInLondon } from '../../../domain/dates';
import { audit } from '../../../platform/audit';
import type { FieldErrors } from '../../../platform/validation';
import { orderedErrors } from '../../../platform/formFields';
import { setFlash, keptDraft, takeFlash } from '../../../platform/http';
import { listSharing, recordSharing } from './familyVersions';
import { ctxOf, loadLivingPage } from './page';
import { AUDIENCES, FIELD_ORDER, FORMATS, keptSharing, NO_VERSION, NOT_SHARED_REASONS, readSharing, SHARING_METHODS, sharingLabels, versionValue } from './sharingForm';
import { sharedVersionOf, versionChoices, versionName, type VersionSummary } from './versionTexts';

const share = { action: 'assessment:share', personParam: 'personId' } as const;

const capitalise = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

const versionItems = (versions: VersionSummary[]) => {
  const newest = new Map<string, number>();
  for (const v of versions) newest.set(v.audience, Math.max(newest.get(v.audience) ?? 0, v.version));
  return versions.map((v) => ({ ...v, value: versionValue(v), title: capitalise(versionName(v.audience, v.version)), latest: newest.get(v.audience) === v.version }));
};

export async function sharingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  async function show(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors = {}, draftRestored = false) {
    const data = await services.db.transaction(async (tx) => {
      const page = await loadLivingPage(tx, request);
      if (!page) return null;
      const sharing = await listSharing(tx, page.assessment.id);
      const versions = await versionChoices(tx, page.assessment.id);
      await audit(tx, ctxOf(request), { action: 'assessment-sharing-viewed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id });
      return { page, sharing, versions };
    });
    if (!data) return reply.callNotFound();
    const { page, sharing, versions } = data;
    // Coming from a version's page, that version is the one being shared (when it is still offered).
    const picked = typeof values.sharedVersion === 'string' && (values.sharedVersion === NO_VERSION || versions.some((v) => versionValue(v) === values.sharedVersion)) ? values.sharedVersion : '';
    return reply.page(
      'assessments/living/views/sharing.njk',
      {
        title: `Record sharing the assessment – ${page.person.name}`,
        ...page,
        backLink: page.overview,
        records: sharing.map((s) => ({
          ...s,
          ...sharingLabels(s),
          sharedVersion: sharedVersionOf(s, page.base),
        })),
        choices: { audiences: AUDIENCES, methods: SHARING_METHODS, formats: FORMATS, reasons: NOT_SHARED_REASONS, versions: versionItems(versions), noVersion: NO_VERSION },
        values: { ...values, sharedVersion: picked },
        draftRestored,
        flash: await takeFlash(services, request),
        errors,
        errorList: orderedErrors(errors, FIELD_ORDER, ['sharedOn']),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  }

  const path = '/people/:personId/assessments/:assessmentId/sharing';

  app.get(path, { config: share }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const audience = String(query.audience ?? '');
    const version = String(query.version ?? '');
    const known = AUDIENCES.some((a) => a.value === audience);
    // What the worker typed and did not record yet (autosaved, or sent after their session timed out).
    // Coming from a version's page, that version is the one being shared, even over a kept draft.
    const chosen = known ? { audience, sharedVersion: /^\d{1,7}$/.test(version) ? `${audience}:${version}` : '' } : {};
    const kept = await keptDraft(services, request, request.url.split('?')[0]!);
    if (kept) return show(request, reply, { ...keptSharing(kept), ...chosen }, {}, true);
    // The language is left blank: it is then the language of the version shared.
    return show(request, reply, { audience: '', sharedVersion: '', ...chosen, language: '', format: 'standard' });
  });

  app.post(path, { config: share }, async (request, reply) => {
    const page = await loadLivingPage(services.db, request);
    if (!page) return reply.callNotFound();
    const read = readSharing(request.body, todayInLondon(), await versionChoices(services.db, page.assessment.id));
    if (!read.ok) return show(request, reply, keptSharing(request.body), read.errors);
    await recordSharing(services.db, ctxOf(request), { assessmentId: page.assessment.id, childId: page.person.id }, read.value);
    await services.drafts.discard(request.actor!.id, `${page.base}/sharing`);
    await setFlash(services, request, read.value.sharedOn ? 'Sharing recorded.' : 'The reason it was not shared is recorded.');
    return reply.redirect(`${page.base}/sharing`, 303);
  });
}
