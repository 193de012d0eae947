/**
 * The records the authorisation matrix and the hostile-input tests work on. Everything is made the
 * way the app makes it (allocation sets people.current_team_id; addresses, contacts and grants go
 * through their services), so the access checks see what they would see in real use.
 *
 * - target: a child allocated to Front Door and Assessment (team and worker), with a mother, a
 *   household, a relationship, an address, a contact (consent not sought, no decision yet), an open
 *   episode and a partner grant for the demo partner user; and the casework its worker recorded
 *   (see addCasework): a late assessment from a referral with its checkpoints, plan saved, the
 *   family's and the child's versions, an open review prompt, a safeguarding task, a visit, a case
 *   note and a significant police incident typed on the chronology (shared with the partner);
 * - duplicate: a front-door child (no team) the Front Door manager may merge into the target;
 * - spare: a second Front Door child with its own partner grant, for the one route that ends a grant;
 * - throwawayUserId: an account only the state-changing admin routes touch;
 * - throwawayTeamId: a team with nobody in it, for the admin routes that rename and close a team;
 * - otherTeam: a child allocated to Children in Need North, with ids for every parameter of its own;
 * - restricted: a Front Door child whose record is restricted, naming the Front Door manager only;
 * - merged / kept: a record merged into another (visible to everyone in a team);
 * - termId: a word on the council's plain-language list (the starting list the migration adds).
 */
import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/app';
import { EMAILS } from '../helpers/app';
import { createAdult, createAllocation, createChild, createEpisode, createHousehold, createReferral, createRelationship } from '../helpers/factories';
import { rows, type Db } from '../../src/platform/db';
import type { Actor } from '../../src/platform/access';
import { isRole } from '../../src/domain/roles';
import { todayInLondon } from '../../src/domain/dates';
import { saveVersion } from '../../src/features/assessments/living/familyVersions';
import { planFromContent } from '../../src/features/assessments/planValues';
import { saveAssessmentSection } from '../../src/features/assessments/store';
import { createSafeguardingTask } from '../../src/features/tasks/create';

export type SecurityFixture = Awaited<ReturnType<typeof createSecurityFixture>>;

export async function actorFor(t: TestApp, email: string): Promise<Actor> {
  const user = await t.services.users.repo.findByEmail(email);
  if (!user || !isRole(user.role)) throw new Error(`No demo user ${email}`);
  return { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId };
}

/** The day after tomorrow, as an ISO date (a grant's last day must be today or later). */
function soon(): string {
  return new Date(Date.parse(`${todayInLondon()}T12:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
}

/** A child with a family, an address, a contact, an open episode and (optionally) a partner grant. */
export async function childWithEverything(t: TestApp, manager: Actor, opts: { team: string; workerEmail: string; firstName: string; grantTo?: string }) {
  const db = t.database.db;
  const ctx = { actor: manager, requestId: null };
  const teamId = t.teams.get(opts.team)!;
  const child = await createChild(db, { firstName: opts.firstName, lastName: 'Matrix', sex: 'F', dateOfBirth: '2016-04-02', ethnicity: 'WBRI' });
  const mother = await createAdult(db, { firstName: `${opts.firstName}Mum`, lastName: 'Matrix', sex: 'F' });
  await createAllocation(db, child.id, teamId, t.users.get(opts.workerEmail)!);
  const episode = await createEpisode(db, child.id, { type: 'child-in-need', startDate: '2025-01-06' });
  const pairId = await createRelationship(db, child.id, mother.id, 'mother', { fromDate: '2016-04-02' });
  const householdId = await createHousehold(db, `${opts.firstName} household`, [
    { personId: child.id, fromDate: '2020-01-01' },
    { personId: mother.id, fromDate: '2020-01-01' },
  ]);
  const members = await rows<{ id: string; person_id: string }>(db, sql`SELECT id, person_id FROM household_members WHERE household_id = ${householdId}`);
  const memberId = members.find((m) => m.person_id === mother.id)!.id;
  const address = { line1: '1 Matrix Road', line2: null, town: 'Leeds', postcode: 'LS1 4AB', postcodeKey: 'LS14AB', fromDate: '2020-01-01', toDate: null };
  await t.services.people.addAddress(ctx, child.id, address, false);
  const addressId = (await rows<{ id: string }>(db, sql`SELECT id FROM addresses WHERE person_id = ${child.id}`))[0]!.id;
  const contact = await t.services.frontDoor.record(
    { actor: manager, requestId: null },
    {
      receivedOn: '2025-01-06',
      source: '1A',
      referrerName: 'A neighbour',
      referrerAgency: null,
      referrerPhone: null,
      concern: 'Left alone overnight',
      consent: 'not-sought',
      consentNotSoughtReason: 'Asking could put the child at risk',
      children: [child.id],
    },
    {},
  );
  if (contact.outcome !== 'ok') throw new Error(`Could not record the fixture contact: ${contact.outcome}`);
  let grantId: string | null = null;
  if (opts.grantTo) {
    const added = await t.services.grants.add(ctx, child.id, { partner: t.users.get(opts.grantTo)!, purpose: 'Joint investigation', lastDay: soon() });
    if (added.outcome !== 'added') throw new Error('Could not add the fixture grant');
    grantId = added.id;
  }
  await createReferral(db, child.id, { episodeId: episode.id, referralDate: '2025-01-06' });
  const worker = await actorFor(t, opts.workerEmail);
  const casework = await addCasework(t, worker, { childId: child.id, motherId: mother.id, shareWith: opts.grantTo });
  return { child, mother, episodeId: episode.id, pairId, householdId, memberId, addressId, contactId: contact.id, grantId, ...casework };
}

/**
 * The casework a worker records on a child with an open referral, each through the feature's own
 * service: an assessment started from the referral (so it has its checkpoints, and is late: day 0 is
 * 6 January 2025), its plan saved (not using an interpreter, waiting for the manager's approval)
 * and the family's and the child's versions written (version 1 of each); a visit and a case note; a
 * significant police incident typed on the chronology about the child and their mother, which puts
 * a review prompt on the assessment (and is shared with the partner when there is one); and a
 * safeguarding task raised from the assessment.
 */
export async function addCasework(t: TestApp, worker: Actor, opts: { childId: string; motherId: string; shareWith?: string }) {
  const db = t.database.db;
  const ctx = { actor: worker, requestId: null };
  const today = todayInLondon();
  const { assessments } = t.services;

  const options = await assessments.start.options(worker, opts.childId, today);
  const referral = options?.referrals[0];
  if (!options || !referral) throw new Error('The fixture child has no open referral to start an assessment from');
  const settings = await assessments.timescaleSettings();
  const started = await assessments.start.start(ctx, options, { variant: 'standard', referral, earlyHelp: null, siblings: [] }, { checkpoints: settings.checkpoints, calendar: settings.calendar, today });
  if (!started.ok) throw new Error('Could not start the fixture assessment');
  const assessmentId = started.started[0]!.assessmentId;
  // The plan decides not to use an interpreter, so it waits for the manager's approval.
  const planData = planFromContent({ aims: 'Understand what life is like for the child at home', interpreter: 'not-using', interpreterLanguage: 'Polish', interpreterNotUsedReasons: 'Mother asked for her sister to translate', consent: 'given' });
  const plan = await saveAssessmentSection(db, ctx, { assessmentId, section: 'plan', data: planData, expectedVersion: 1 });
  if (!plan.ok) throw new Error(`Could not save the fixture assessment plan: ${plan.reason}`);
  const familyVersion = await saveVersion(db, ctx, { assessmentId, childId: opts.childId, audience: 'family', text: 'We met you at home and talked about what happens at night.', language: 'English', expectedVersion: 0, findings: 0 });
  if (familyVersion.outcome !== 'saved') throw new Error('Could not save the fixture family version');
  const childVersion = await saveVersion(db, ctx, { assessmentId, childId: opts.childId, audience: 'child', text: 'We came to see you at home.', language: 'English', expectedVersion: 0, findings: 0 });
  if (childVersion.outcome !== 'saved') throw new Error('Could not save the fixture child’s version');

  const visit = await t.services.visits.record(
    ctx,
    opts.childId,
    {
      visitDate: '2025-02-03',
      type: 'child-in-need',
      othersSeen: 'Mother',
      observed: 'The home was warm and tidy',
      analysis: 'The child is settled at home for now',
      nextSteps: 'Visit again in four weeks',
      children: [{ personId: opts.childId, seen: true, seenAlone: true, notSeenAloneReason: null, bedroomSeen: 'yes', childWords: 'I like my room' }],
    },
    {},
  );
  if (visit.outcome !== 'saved') throw new Error('Could not record the fixture visit');
  const note = await t.services.caseNotes.record(
    ctx,
    opts.childId,
    { occurredOn: '2025-02-04', type: 'phone-call', participants: 'Class teacher', summary: 'School says attendance is good this term', significant: false, children: [opts.childId] },
    {},
  );
  if (note.outcome !== 'saved') throw new Error('Could not record the fixture case note');

  const entryId = await t.services.chronology.add(ctx, opts.childId, {
    occurredOn: '2025-02-10',
    precision: 'day',
    category: 'police-incident',
    summary: 'Police called to the home after a neighbour heard shouting',
    sourceKind: 'agency',
    sourceName: null,
    sourceAgency: 'Police',
    significance: 'significant',
    impact: 'The child was woken and frightened',
    people: [opts.motherId],
  });
  if (opts.shareWith) {
    const shared = await t.services.chronology.share(ctx, opts.childId, entryId, [t.users.get(opts.shareWith)!]);
    if (shared.outcome !== 'saved') throw new Error('Could not share the fixture chronology entry');
  }
  const prompts = await rows<{ id: string }>(db, sql`SELECT id FROM assessment_review_prompts WHERE assessment_id = ${assessmentId} AND resolved_at IS NULL`);
  if (!prompts[0]) throw new Error('The significant chronology entry raised no review prompt');

  const task = await db.transaction((tx: Db) =>
    createSafeguardingTask(tx, ctx, { personId: opts.childId, kind: 'tell-police', ownerId: worker.id, teamId: worker.teamId, details: 'The child described being hit', originType: 'assessment', originId: assessmentId, today, calendar: settings.calendar }),
  );
  return { assessmentId, day: String(settings.checkpoints[0]!), promptId: prompts[0].id, taskId: task.taskId, visitId: visit.visitId, noteId: note.noteId, entryId };
}

export async function createSecurityFixture(t: TestApp) {
  const db = t.database.db;
  const manager = await actorFor(t, EMAILS.manager);
  const manager2 = await actorFor(t, EMAILS.manager2);
  const target = await childWithEverything(t, manager, { team: 'Front Door and Assessment', workerEmail: EMAILS.worker, firstName: 'Tamsin', grantTo: EMAILS.partner });
  const spare = await childWithEverything(t, manager, { team: 'Front Door and Assessment', workerEmail: EMAILS.worker, firstName: 'Sparrow', grantTo: EMAILS.partner });
  const otherTeam = await childWithEverything(t, manager2, { team: 'Children in Need North', workerEmail: EMAILS.worker2, firstName: 'Otto' });
  const duplicate = await createChild(db, { firstName: 'Tamsin', lastName: 'Matrics', sex: 'F', dateOfBirth: '2016-04-02' });

  const restricted = await createChild(db, { firstName: 'Quinn', lastName: 'Hidden', restricted: true });
  await createAllocation(db, restricted.id, t.teams.get('Front Door and Assessment')!, t.users.get(EMAILS.worker)!);
  await db.execute(sql`INSERT INTO restricted_access (person_id, user_id) VALUES (${restricted.id}, ${t.users.get(EMAILS.manager)!})`);

  const kept = await createChild(db, { firstName: 'Kept', lastName: 'Record' });
  const merged = await createChild(db, { firstName: 'Merged', lastName: 'Record' });
  await db.execute(sql`UPDATE people SET merged_into = ${kept.id} WHERE id = ${merged.id}`);

  const term = await rows<{ id: string }>(db, sql`SELECT id FROM plain_language_terms ORDER BY lower(term) LIMIT 1`);
  const throwaway = await t.services.users.add(
    { actor: null, actorLabel: 'test fixture', requestId: null },
    { email: 'throwaway.account@example.org', name: 'Throwaway Account', role: 'social-worker', teamId: t.teams.get('Front Door and Assessment')!, password: 'a long throwaway passphrase' },
  );
  const throwawayTeamId = await t.services.teams.add({ actor: null, actorLabel: 'test fixture', requestId: null }, { name: 'Throwaway Team', kind: 'social-work' });
  return { target, spare, otherTeam, duplicate, restricted, kept, merged, throwawayUserId: throwaway.id, throwawayTeamId: throwawayTeamId!, termId: term[0]!.id };
}

/** Every route parameter for one child's records (and the fixture's own records: duplicate, account, word). */
export function routeIds(fx: SecurityFixture, child: ChildRecords): RouteIds {
  return {
    personId: child.child.id,
    contactId: child.contactId,
    householdId: child.householdId,
    memberId: child.memberId,
    pairId: child.pairId,
    episodeId: child.episodeId,
    addressId: child.addressId,
    grantId: child.grantId ?? fx.target.grantId!,
    assessmentId: child.assessmentId,
    day: child.day,
    version: '1',
    promptId: child.promptId,
    taskId: child.taskId,
    visitId: child.visitId,
    noteId: child.noteId,
    entryId: child.entryId,
    duplicateId: fx.duplicate.id,
    userId: fx.throwawayUserId,
    teamId: fx.throwawayTeamId,
    termId: fx.termId,
  };
}

export type ChildRecords = Awaited<ReturnType<typeof childWithEverything>>;

/** The parameters of every route, by name. */
export type RouteIds = {
  personId: string;
  contactId: string;
  householdId: string;
  memberId: string;
  pairId: string;
  episodeId: string;
  addressId: string;
  grantId: string;
  assessmentId: string;
  /** A checkpoint of the assessment: its working day. */
  day: string;
  /** A saved version of the family's or the child's version: its number (the fixture saves version 1 of each). */
  version: string;
  promptId: string;
  taskId: string;
  visitId: string;
  noteId: string;
  entryId: string;
  duplicateId: string;
  userId: string;
  teamId: string;
  termId: string;
};

/** Fills a route pattern's parameters with the fixture's ids for one child's set of records. */
export function fillRoute(pattern: string, ids: RouteIds, fallback?: () => string): string {
  return pattern.replace(/:(\w+)/g, (whole, name: string) => {
    const value = (ids as Record<string, string>)[name] ?? fallback?.();
    if (!value) throw new Error(`No fixture id for ${whole} in ${pattern}: add one to test/integration/security.fixture.ts`);
    return value;
  });
}
