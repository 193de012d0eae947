/**
 * The family's version and the child's version of an assessment (A11): a starting draft made from
 * the assessment, edited by the worker, checked for plain language on every save (never blocking
 * it), and downloaded as a PDF, which is audited as a disclosure. A version is not saved while a
 * placeholder of the draft ("[Write what we are worried about …]") remains, so what is downloaded
 * or shared is always the worker's own words.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Services } from '../../../services';
import { readContent } from '../../../domain/assessmentContent';
import { ageOn, formatDate, todayInLondon } from '../../../domain/dates';
import { audit } from '../../../platform/audit';
import type { Db } from '../../../platform/db';
import { makePdf, writingPdfCannotShow } from '../../../platform/pdf';
import { users } from '../../../platform/tables';
import { parseForm, text as fieldText, type FieldErrors } from '../../../platform/validation';
import { orderedErrors, requiredText } from '../../../platform/formFields';
import { setFlash, keptDraft, takeFlash } from '../../../platform/http';
import { AGE_BAND_LABELS, ageBand, childDraft, familyDraft, familyPlaceholders, placeholderError, READING_AGE, type Audience } from './familyDraft';
import { familyPdf, readFamilyText } from './familyText';
import { listSharing, loadVersion, saveVersion, type FamilyVersionRow } from './familyVersions';
import { ctxOf, loadLivingPage, type LivingPage } from './page';
import { sharingLabels } from './sharingForm';
import { listVersionTexts, sharedVersionOf } from './versionTexts';

const share = { action: 'assessment:share', personParam: 'personId' } as const;

export const MAX_VERSION_LENGTH = 20_000;

const versionSchema = z.object({
  text: requiredText(MAX_VERSION_LENGTH, 'Enter the text you will share', `The text must be ${MAX_VERSION_LENGTH.toLocaleString('en-GB')} characters or fewer`),
  language: requiredText(100, 'Enter the language it is written in, for example English or Polish', 'The language must be 100 characters or fewer'),
  // 0 means "not saved yet"; an empty or missing version is a broken form, never "new".
  version: z
    .string({ error: 'Reload the page and try again' })
    .trim()
    .regex(/^\d{1,7}$/, 'Reload the page and try again')
    .transform(Number),
});

type Child = { firstName: string; age: number | null; unborn: boolean };

function childOf(page: LivingPage): Child {
  const firstName = page.person.knownAs || page.person.name.split(' ')[0] || page.person.name;
  const dob = page.person.dateOfBirth;
  return { firstName, age: dob ? ageOn(dob, todayInLondon()) : null, unborn: !dob && !!page.person.expectedDeliveryDate };
}

async function workerName(db: Db, workerId: string | null): Promise<string | null> {
  if (!workerId) return null;
  const found = await db.select({ name: users.name }).from(users).where(eq(users.id, workerId)).limit(1);
  return found[0]?.name ?? null;
}

/** What the PDF would show besides the saved text: the child's name and the worker's, in its title and subtitle. */
const pdfCannotShow = (page: LivingPage, saved: FamilyVersionRow, worker: string | null) => writingPdfCannotShow([saved.text, page.person.name, worker ?? '']);

const readingAgeFor = (audience: Audience, child: Child) => (audience === 'family' ? READING_AGE.family : READING_AGE[ageBand(child.age)]);

export async function familyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const audience of ['family', 'child'] as const) {
    const path = `/people/:personId/assessments/:assessmentId/${audience}-version`;
    const noun = audience === 'family' ? 'family’s version' : 'child’s version';

    async function show(request: FastifyRequest, reply: FastifyReply, posted?: { values: Record<string, string>; errors?: FieldErrors; conflict?: FamilyVersionRow | null }) {
      const data = await services.db.transaction(async (tx) => {
        const page = await loadLivingPage(tx, request);
        if (!page) return null;
        const saved = await loadVersion(tx, page.assessment.id, audience);
        const sharing = (await listSharing(tx, page.assessment.id)).filter((s) => s.audience === audience);
        const versions = await listVersionTexts(tx, page.assessment.id, audience);
        const worker = await workerName(tx, page.assessment.workerId);
        await audit(tx, ctxOf(request), { action: 'assessment-family-version-viewed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id, details: { audience } });
        return { page, saved, sharing, versions, worker };
      });
      if (!data) return reply.callNotFound();
      const { page, saved, sharing, versions, worker } = data;
      // What the worker typed and did not save (autosaved, or sent after their session timed out) comes back in the box.
      const kept = posted ? null : await keptDraft(services, request, `${page.base}/${audience}-version`);
      const restored = kept ? { text: fieldText(kept, 'text').slice(0, MAX_VERSION_LENGTH), language: fieldText(kept, 'language').slice(0, 100), version: /^\d{1,7}$/.test(fieldText(kept, 'version')) ? fieldText(kept, 'version') : null } : null;
      const child = childOf(page);
      const input = { childName: child.firstName, childAge: child.age, workerName: worker, content: readContent(page.assessment.content) };
      const draft = !saved && !posted && !restored;
      const text = posted?.values.text ?? restored?.text ?? saved?.text ?? (audience === 'family' ? familyDraft(input) : childDraft(input));
      const readingAge = readingAgeFor(audience, child);
      const report = child.unborn && audience === 'child' ? null : await services.plainLanguage.check(text.slice(0, MAX_VERSION_LENGTH), { readingAge });
      const errors = posted?.errors ?? {};
      const status = posted?.conflict !== undefined ? 409 : Object.keys(errors).length ? 400 : 200;
      return reply.page(
        'assessments/living/views/family-version.njk',
        {
          title: `${audience === 'family' ? 'Family’s version' : 'Child’s version'} of the assessment – ${page.person.name}`,
          ...page,
          backLink: page.overview,
          audience,
          noun,
          child,
          ageBand: AGE_BAND_LABELS[ageBand(child.age)],
          draft,
          placeholders: familyPlaceholders(text).length,
          saved,
          preview: saved ? readFamilyText(saved.text) : null,
          pdfCannotShow: saved ? pdfCannotShow(page, saved, worker) : [],
          conflict: posted?.conflict,
          draftRestored: !!restored,
          // A kept draft posts the version it was typed on, so a save since then shows both texts rather than losing either.
          values: { text, language: posted?.values.language ?? (restored?.language || saved?.language) ?? 'English', version: String(posted?.conflict?.version ?? restored?.version ?? saved?.version ?? 0) },
          report,
          readingAge,
          sharing: sharing.map((s) => ({
            ...s,
            ...sharingLabels(s),
            sharedVersion: sharedVersionOf(s, page.base),
          })),
          versions: versions.map((v) => ({ ...v, href: `${page.base}/${audience}-version/versions/${v.version}` })),
          flash: await takeFlash(services, request),
          errors,
          errorList: orderedErrors(errors, ['text', 'language', 'version']),
        },
        status,
      );
    }

    app.get(path, { config: share }, async (request, reply) => show(request, reply));

    app.post(path, { config: share }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = {
        text: typeof body.text === 'string' ? body.text.slice(0, MAX_VERSION_LENGTH + 1000) : '',
        language: typeof body.language === 'string' ? body.language.slice(0, 120) : '',
      };
      const parsed = parseForm(versionSchema, body);
      if (!parsed.ok) return show(request, reply, { values, errors: parsed.errors });
      const page = await loadLivingPage(services.db, request);
      if (!page) return reply.callNotFound();
      const child = childOf(page);
      if (audience === 'child' && child.unborn) return show(request, reply, { values, errors: { text: 'There is no child’s version for an unborn baby' } });
      // The draft's placeholders say what the worker still has to write: never saved, so never shared.
      const unwritten = placeholderError(parsed.data.text);
      if (unwritten) return show(request, reply, { values, errors: { text: unwritten } });
      const report = await services.plainLanguage.check(parsed.data.text, { readingAge: readingAgeFor(audience, child) });
      const result = await saveVersion(services.db, ctxOf(request), {
        assessmentId: page.assessment.id,
        childId: page.person.id,
        audience,
        text: parsed.data.text,
        language: parsed.data.language,
        expectedVersion: parsed.data.version,
        findings: report.findings.length,
      });
      if (result.outcome === 'conflict') return show(request, reply, { values, conflict: result.saved });
      await services.drafts.discard(request.actor!.id, `${page.base}/${audience}-version`);
      const found = report.findings.length;
      await setFlash(services, request, found ? `The ${noun} is saved. Look at the ${found} wording suggestion${found === 1 ? '' : 's'} beside it before you share it.` : `The ${noun} is saved.`);
      return reply.redirect(`${page.base}/${audience}-version`, 303);
    });

    app.get(`${path}.pdf`, { config: share }, async (request, reply) => {
      const data = await services.db.transaction(async (tx) => {
        const page = await loadLivingPage(tx, request);
        if (!page) return null;
        const saved = await loadVersion(tx, page.assessment.id, audience);
        if (!saved) return { page, saved: null, worker: null, cannotShow: null };
        const worker = await workerName(tx, page.assessment.workerId);
        // No PDF (and so no disclosure) when it could not show the writing: the worker is told why instead.
        const cannotShow = pdfCannotShow(page, saved, worker);
        if (cannotShow.length === 0) {
          await audit(tx, ctxOf(request), { action: 'assessment-disclosed', subjectType: 'assessment', subjectId: page.assessment.id, childId: page.person.id, details: { audience, version: saved.version, format: 'pdf', language: saved.language } });
        }
        return { page, saved, worker, cannotShow };
      });
      if (!data) return reply.callNotFound();
      const { page, saved, worker } = data;
      if (!saved) {
        await setFlash(services, request, `Save the ${noun} before you download it.`);
        return reply.redirect(`${page.base}/${audience}-version`, 303);
      }
      if (data.cannotShow && data.cannotShow.length > 0) {
        return reply.page(
          'assessments/living/views/pdf-cannot-show.njk',
          { title: `No PDF of the ${noun} – ${page.person.name}`, ...page, backLink: `${page.base}/${audience}-version`, noun, audience, scripts: data.cannotShow, language: saved.language },
          422,
        );
      }
      const child = childOf(page);
      const from = worker ? `${worker}, ${audience === 'family' ? 'social worker' : 'your social worker'}` : 'Children’s social care';
      const pdf = await makePdf(
        familyPdf({
          title: audience === 'family' ? `What we found: our assessment of ${child.firstName}’s needs` : `For ${child.firstName}`,
          subtitle: `About ${page.person.name}. From ${from}. Last changed ${formatDate(saved.updatedAt)}.`,
          language: saved.language,
          text: saved.text,
          footer: audience === 'family' ? `Private: for ${child.firstName}’s family` : `Private: for ${child.firstName}`,
        }),
      );
      const file = `${audience}-version-${page.person.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'assessment'}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(pdf);
    });
  }
}
