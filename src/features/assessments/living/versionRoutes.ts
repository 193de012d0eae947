/**
 * One saved version of the family's or the child's version, as it was saved (A10, A11): the text a
 * sharing record says the family or the child was given. The same access as the version page (the
 * guard checks the child, loadLivingPage the assessment), and reading it is audited like that page.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { audit } from '../../../platform/audit';
import { sharingLabels } from './sharingForm';
import { languageTag, readFamilyText } from './familyText';
import { listSharing, loadVersion } from './familyVersions';
import { ctxOf, loadLivingPage } from './page';
import { loadVersionText, versionName } from './versionTexts';

const share = { action: 'assessment:share', personParam: 'personId' } as const;

export async function versionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const audience of ['family', 'child'] as const) {
    const noun = audience === 'family' ? 'family’s version' : 'child’s version';

    app.get(
      `/people/:personId/assessments/:assessmentId/${audience}-version/versions/:version`,
      { config: share },
      async (request, reply) => {
        const asked = String((request.params as { version: string }).version);
        if (!/^\d{1,7}$/.test(asked)) return reply.callNotFound();
        const number = Number(asked);
        const data = await services.db.transaction(async (tx) => {
          const page = await loadLivingPage(tx, request);
          if (!page) return null;
          const version = await loadVersionText(tx, page.assessment.id, audience, number);
          if (!version) return null;
          const latest = (await loadVersion(tx, page.assessment.id, audience))?.version ?? null;
          const sharing = (await listSharing(tx, page.assessment.id)).filter(
            (s) => s.versionAudience === audience && s.versionNumber === number,
          );
          await audit(tx, ctxOf(request), {
            action: 'assessment-family-version-viewed',
            subjectType: 'assessment',
            subjectId: page.assessment.id,
            childId: page.person.id,
            details: { audience, version: number },
          });
          return { page, version, latest, sharing };
        });
        if (!data) return reply.callNotFound();
        const { page, version, latest, sharing } = data;
        const heading = versionName(audience, number).replace(/^v/, 'V');
        return reply.page('assessments/living/views/version-text.njk', {
          title: `${heading} – ${page.person.name}`,
          ...page,
          backLink: `${page.base}/${audience}-version`,
          audience,
          noun,
          heading,
          // Not `version`: the layout's `version` is Hearth's own.
          saved: version,
          latest,
          lang: languageTag(version.language),
          blocks: readFamilyText(version.text),
          sharing: sharing.map((s) => ({
            ...s,
            ...sharingLabels(s),
            onItsPage: true,
          })),
        });
      },
    );
  }
}
