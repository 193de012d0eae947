/**
 * The casework forms the hostile-input test posts to (issues 3 and 4): assessments and their
 * sections, the living assessment, tasks, visits, case notes, the chronology and the plain-language
 * word list. Each posts about a child of its own (see hostile.subjects.ts). The section pages are
 * long forms and slower to answer, so they get fewer runs.
 */
import { EMAILS, type TestApp } from '../helpers/app';
import { createAllocation, createAssessment, createChild, createEpisode, createHousehold, createReferral } from '../helpers/factories';
import { todayInLondon } from '../../src/domain/dates';
import { samePage, subject, type FormSpec } from './hostile.subjects';

const SECTION_RUNS = 8;

/** A child with an open referral and no assessment yet, living with a younger brother (both allocated). */
async function referredChild(t: TestApp) {
  const db = t.database.db;
  const teamId = t.teams.get('Front Door and Assessment')!;
  const workerId = t.users.get(EMAILS.worker)!;
  const child = await createChild(db, { firstName: 'Referred', lastName: 'Hostile', dateOfBirth: '2016-04-02' });
  const brother = await createChild(db, { firstName: 'Brother', lastName: 'Hostile', dateOfBirth: '2019-09-30' });
  await createHousehold(db, 'Hostile referred household', [child.id, brother.id]);
  for (const c of [child, brother]) await createAllocation(db, c.id, teamId, workerId);
  const episode = await createEpisode(db, child.id, { startDate: '2025-01-06' });
  await createReferral(db, child.id, { episodeId: episode.id, referralDate: '2025-01-06' });
  return child;
}

/** A young person aged 16, allocated, with a 16 or 17-year-old homelessness assessment: its own section's page. */
async function homelessnessPage(t: TestApp) {
  const db = t.database.db;
  const teamId = t.teams.get('Front Door and Assessment')!;
  const workerId = t.users.get(EMAILS.worker)!;
  const [y, m] = todayInLondon().split('-');
  const young = await createChild(db, { firstName: 'Young', lastName: 'Hostile', dateOfBirth: `${Number(y) - 16}-${m}-01` });
  await createAllocation(db, young.id, teamId, workerId);
  const a = await createAssessment(db, young.id, { variant: 'homelessness-16-17', workerId, teamId });
  return samePage(`/people/${young.id}/assessments/${a.id}/sections/homelessness`);
}

/** The page of one of the subject's assessment pages (`/people/…/assessments/…/<path>`). */
const assessmentPage = async (t: TestApp, path: string) => {
  const s = await subject(t);
  return samePage(`/people/${s.child.id}/assessments/${s.assessmentId}/${path}`);
};

const section = (key: string, rules: Omit<FormSpec, 'as' | 'setup'> = {}): FormSpec => ({
  as: key === 'checklist' ? 'manager' : 'worker',
  setup: (t) => assessmentPage(t, `sections/${key}`),
  runs: SECTION_RUNS,
  ...rules,
});

/** An entry typed on the chronology: the same rules for a new one and a change. */
const ENTRY: Omit<FormSpec, 'as' | 'setup'> = {
  required: ['occurred', 'precision', 'category', 'summary', 'sourceKind', 'significance', 'sourceAgency', 'sourceName', 'impact'],
  valid: { occurred: '1 3 2025', summary: 'Police were called to the house after a neighbour heard shouting', sourceAgency: 'Police', sourceName: 'Mrs Begum, neighbour', impact: 'The child was frightened and missed school the next day' },
  // A date known only to the month or year leaves the day (and month) empty.
  when: { occurred: ['precision', ['day']], sourceAgency: ['sourceKind', ['agency']], sourceName: ['sourceKind', ['person']], impact: ['significance', ['significant']] },
};

/** A family's or child's version of an assessment (the plain-language check reads each one posted). */
const VERSION: Omit<FormSpec, 'as' | 'setup'> = {
  required: ['text', 'language', 'version'],
  valid: { text: 'We came to see you because the school was worried. Here is what we found.', language: 'English' },
  runs: 10,
};

export const CASEWORK_FORMS: Record<string, FormSpec> = {
  'POST /people/:personId/assessments/new': {
    as: 'worker',
    setup: async (t) => samePage(`/people/${(await referredChild(t)).id}/assessments/new`),
    required: ['variant', 'referral'],
  },
  'POST /people/:personId/assessments/:assessmentId/sections/plan': {
    as: 'worker',
    setup: (t) => assessmentPage(t, 'sections/plan'),
    required: ['completed'],
    valid: { aims: 'Understand what life at home is like for the child', 'seen-0-who': 'Mother', 'seen-0-where': 'At home', 'seen-0-order': '1', interpreterLanguage: 'Polish', 'services-0-offeredOn': '1 3 2025', 'services-0-startedOn': '2 3 2025' },
    runs: SECTION_RUNS,
  },
  'POST /people/:personId/assessments/:assessmentId/sections/plan/interpreter-approval': {
    as: 'manager',
    setup: (t) => assessmentPage(t, 'sections/plan/interpreter-approval'),
    required: ['reasons', 'version'],
    valid: { reasons: 'Her sister is a trained interpreter and mother trusts her' },
  },
  'POST /people/:personId/assessments/:assessmentId/checkpoints/:day': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/assessments/${s.assessmentId}/checkpoints/${s.day}`);
    },
    required: ['decision', 'reasons', 'closeOutcome'],
    valid: { reasons: 'The brief assessment shows the family needs more help' },
    // Closing the assessment needs what happens for the child now.
    when: { closeOutcome: ['decision', ['close']] },
  },
  'POST /people/:personId/assessments/:assessmentId/late-reasons': {
    as: 'worker',
    setup: (t) => assessmentPage(t, 'late-reasons'),
    required: ['reasons'],
    valid: { reasons: 'The family moved and we could not see the children for three weeks' },
  },
  ...Object.fromEntries(
    (['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'identity', 'analysis', 'decision', 'checklist'] as const).map((key) => [
      `POST /people/:personId/assessments/:assessmentId/sections/${key}`,
      section(key, key === 'analysis' ? { valid: { 'scaling-0-score': '4', 'scaling-1-score': '7', 'scaling-2-score': '5' } } : {}),
    ]),
  ),
  // Only a homelessness assessment has this section (a post to another kind is refused, saving nothing).
  'POST /people/:personId/assessments/:assessmentId/sections/homelessness': {
    as: 'worker',
    setup: homelessnessPage,
    runs: SECTION_RUNS,
  },
  'POST /people/:personId/assessments/:assessmentId/submit': { as: 'worker', setup: (t) => assessmentPage(t, 'submit'), runs: SECTION_RUNS },
  // The checklist's "Authorise this assessment" button posts the checklist form to /authorise. A valid
  // checklist is saved (as a revision) before authorisation is tried, so when authorisation is then
  // refused (the assessment is not complete) the manager's answers are kept, not lost.
  'POST /people/:personId/assessments/:assessmentId/authorise': {
    as: 'manager',
    setup: async (t) => {
      const { url: page } = await assessmentPage(t, 'sections/checklist');
      return { url: page.replace(/sections\/checklist$/, 'authorise'), page, form: page };
    },
    runs: SECTION_RUNS,
    keepsOnRefusal: ['assessment_revisions'],
  },
  // The subject's assessment is authorised a year ago (its review due today) for the review form to show.
  'POST /people/:personId/assessments/:assessmentId/annual-review': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      const a = await createAssessment(t.database.db, s.child.id, { status: 'authorised', authorisedOn: '2025-01-06', authorisedBy: t.users.get(EMAILS.manager)!, authorisedRevision: 0, reviewDueOn: todayInLondon() });
      return samePage(`/people/${s.child.id}/assessments/${a.id}/annual-review`);
    },
    required: ['outcome', 'changes', 'version'],
    valid: { changes: 'Mother has moved out; Lily now lives with her grandmother' },
    when: { changes: ['outcome', ['changed']] },
  },
  'POST /people/:personId/assessments/:assessmentId/prompts/:promptId/resolve': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/assessments/${s.assessmentId}/prompts/${s.promptId}/resolve`);
    },
    required: ['resolution', 'note'],
    valid: { note: 'The incident is already covered in the analysis' },
    when: { note: ['resolution', ['no-change']] },
  },
  'POST /people/:personId/assessments/:assessmentId/family-version': { as: 'worker', setup: (t) => assessmentPage(t, 'family-version'), ...VERSION },
  'POST /people/:personId/assessments/:assessmentId/child-version': { as: 'worker', setup: (t) => assessmentPage(t, 'child-version'), ...VERSION },
  'POST /people/:personId/assessments/:assessmentId/sharing': {
    as: 'worker',
    setup: (t) => assessmentPage(t, 'sharing'),
    // The subject's assessment has saved versions, so which one was shared (or none) is asked.
    required: ['audience', 'shared', 'sharedOn', 'method', 'sharedWith', 'sharedVersion', 'format', 'notSharedReason'],
    valid: { sharedOn: '3 3 2025', sharedWith: 'Sarah Jones (mother)', notSharedDetails: 'Mother is in hospital' },
    when: { sharedOn: ['shared', ['yes']], method: ['shared', ['yes']], sharedWith: ['shared', ['yes']], sharedVersion: ['shared', ['yes']], format: ['shared', ['yes']], notSharedReason: ['shared', ['no']] },
  },
  'POST /people/:personId/assessments/:assessmentId/safeguarding': {
    as: 'worker',
    setup: (t) => assessmentPage(t, 'safeguarding'),
    required: ['actions', 'details'],
    valid: { details: 'She told me her uncle hit her with a belt' },
  },

  'POST /people/:personId/tasks/:taskId/complete': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      return { url: `/people/${s.child.id}/tasks/${s.taskId}/complete`, page: `/people/${s.child.id}/tasks/${s.taskId}` };
    },
    required: ['outcome', 'version'],
    valid: { outcome: 'Rang the police child abuse investigation team; reference 1234' },
  },
  'POST /people/:personId/tasks/:taskId/cancel': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      return { url: `/people/${s.child.id}/tasks/${s.taskId}/cancel`, page: `/people/${s.child.id}/tasks/${s.taskId}` };
    },
    required: ['reason', 'version'],
    valid: { reason: 'The police were told by the school the same morning' },
  },

  'POST /people/:personId/visits/new': {
    as: 'worker',
    setup: async (t) => {
      const id = (await subject(t)).child.id;
      // The child's part of the form is named after the child.
      return {
        ...samePage(`/people/${id}/visits/new`),
        rules: { required: [`seen-${id}`, `bedroom-${id}`, `reason-${id}`], valid: { [`reason-${id}`]: 'Mother stayed in the room', [`words-${id}`]: 'I like my new bed' }, when: { [`reason-${id}`]: [`seen-${id}`, ['not-alone', 'not-seen']] } },
      };
    },
    required: ['visitDate', 'type', 'analysis'],
    valid: { othersSeen: 'Mother', observed: 'The home was warm and tidy', analysis: 'The child is safe at home for now', nextSteps: 'Visit again in four weeks' },
  },
  'POST /people/:personId/visits/:visitId/edit': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      const id = s.child.id;
      return {
        ...samePage(`/people/${id}/visits/${s.visitId}/edit`),
        rules: { required: [`seen-${id}`, `bedroom-${id}`, `reason-${id}`], valid: { [`reason-${id}`]: 'Mother stayed in the room', [`words-${id}`]: 'I like my room' }, when: { [`reason-${id}`]: [`seen-${id}`, ['not-alone', 'not-seen']] } },
      };
    },
    required: ['visitDate', 'type', 'analysis', 'version'],
    valid: { othersSeen: 'Mother', observed: 'The home was warm and tidy', analysis: 'The child is settled at home for now', nextSteps: 'Visit again in four weeks' },
  },
  'POST /people/:personId/visits/new/discard': { as: 'worker', setup: async (t) => ({ url: `/people/${(await subject(t)).child.id}/visits/new/discard`, page: null }) },
  'POST /people/:personId/notes/new': {
    as: 'worker',
    setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/notes/new`),
    required: ['occurredOn', 'type', 'summary'],
    valid: { participants: 'Class teacher', summary: 'School says attendance is good this term' },
  },
  'POST /people/:personId/notes/new/discard': { as: 'worker', setup: async (t) => ({ url: `/people/${(await subject(t)).child.id}/notes/new/discard`, page: null }) },
  'POST /people/:personId/notes/:noteId/edit': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/notes/${s.noteId}/edit`);
    },
    required: ['occurredOn', 'type', 'summary', 'version'],
    valid: { participants: 'Class teacher', summary: 'School says attendance has been good all term' },
  },

  'POST /people/:personId/chronology/new': { as: 'worker', setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/chronology/new`), ...ENTRY },
  'POST /people/:personId/chronology/:entryId/edit': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/chronology/${s.entryId}/edit`);
    },
    ...ENTRY,
    required: [...ENTRY.required!, 'version'],
  },
  'POST /people/:personId/chronology/:entryId/sharing': {
    as: 'worker',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/chronology/${s.entryId}/sharing`);
    },
  },

  'POST /admin/plain-language': {
    as: 'admin',
    setup: async () => samePage('/admin/plain-language'),
    // The suggestion is needed only for a word that is pointed out, not for the two kinds that stop a
    // finding: plain-language.test.ts checks both ways.
    required: ['term', 'kind'],
    valid: { term: 'hostile wording', suggestion: 'Say what happened, plainly' },
  },
  'POST /admin/plain-language/:termId': {
    as: 'admin',
    setup: async (t) => {
      const added = await t.services.plainLanguage.add({ actor: null, actorLabel: 'test', requestId: null }, { term: 'hostile edit wording', kind: 'jargon', suggestion: 'Say it plainly', active: true });
      if (!added.ok) throw new Error('Could not add a plain-language term');
      return samePage(`/admin/plain-language/${added.id}`);
    },
    required: ['term', 'kind', 'version'], // the suggestion: as above
    valid: { term: 'hostile edited wording', suggestion: 'Say it more plainly' },
  },
  'POST /plain-language/check': {
    as: 'worker',
    setup: async () => samePage('/plain-language/check'),
    valid: { text: 'We are worried about disguised compliance and the family is uncooperative.', readingAge: '12' },
  },
};
