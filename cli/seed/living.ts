/**
 * The living assessment in the demo and at scale (A11, A13): safeguarding tasks on some children being
 * assessed (a few overdue, some done) and, in the demo, the family's version of authorised assessments
 * with the record of sharing it and of telling the referrer. Tasks come with their chronology line.
 * Runs once: it adds nothing when any task exists. No audit rows: seeding is not a user action.
 */
import { randomUUID } from 'node:crypto';
import { ne, sql } from 'drizzle-orm';
import { readContent } from '../../src/domain/assessmentContent';
import { ageOn } from '../../src/domain/dates';
import { createRandom, type Random } from '../../src/domain/random';
import { addDays } from '../../src/domain/workingDays';
import { rows, type Db } from '../../src/platform/db';
import { assessmentFamilyVersions, assessmentFamilyVersionTexts, assessmentSharing } from '../../src/features/assessments/tables';
import { tasks } from '../../src/features/tasks/tables';
import { childDraft, familyDraft, fillPlaceholders } from '../../src/features/assessments/living/familyDraft';
import { dueOn, SAFEGUARDING_ACTIONS, STRATEGY_DISCUSSION } from '../../src/features/tasks/kinds';
import { insertMany } from './bulk';
import { addTaskRows, emptyTaskRows, insertTaskRows, type TaskRows } from './tasks';

type Row = Record<string, unknown>;

const DETAILS: Record<string, string[]> = {
  'tell-police': ['Ellie said her mum’s boyfriend hit her with a belt last night.', 'A neighbour saw an adult push the child down the stairs.', 'The child showed messages from an adult asking for photos.'],
  'education-service': ['Not on a school roll since the family moved in September.', 'Mum says she teaches him at home, but there are no books or lessons.', 'Off roll after an exclusion; no place offered yet.'],
  'nrm-referral': ['Found in a flat in another town carrying drugs for older boys.', 'Arrived from abroad with an adult who is not a relative and holds her passport.', 'Says he owes money to a man who makes him sell drugs.'],
};

const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);

/** One safeguarding task with its chronology line (and that line's first revision). */
function addTask(r: Random, made: TaskRows, t: { personId: string; ownerId: string; teamId: string | null; assessmentId: string; today: string }) {
  const action = r.pick(SAFEGUARDING_ACTIONS);
  const raised = addDays(t.today, -r.int(0, 12));
  const due = dueOn(action.kind, raised);
  const done = due < t.today && r.chance(0.6);
  const details = r.pick(DETAILS[action.kind]!);
  addTaskRows(made, {
    id: randomUUID(),
    entryId: randomUUID(),
    personId: t.personId,
    kind: action.kind,
    details,
    ownerId: t.ownerId,
    teamId: t.teamId,
    raisedOn: raised,
    createdAt: at(raised, 600 + r.int(0, 300)),
    originType: 'assessment',
    originId: t.assessmentId,
    outcome: done ? 'Done: spoken to the right person, reference recorded on the case note.' : null,
    completedAt: done ? at(due, 900) : null,
  });
}

async function insertTasks(db: Db, made: TaskRows): Promise<void> {
  await db.transaction((tx) => insertTaskRows(tx, made));
}

/**
 * Seeded already: any safeguarding task. (The strategy discussions that checkpoint escalations raise
 * are written with the assessments, before this runs: assessmentRows.ts.)
 */
const anyTask = async (db: Db) => (await db.select({ id: tasks.id }).from(tasks).where(ne(tasks.kind, STRATEGY_DISCUSSION.kind)).limit(1)).length > 0;

type DemoAssessment = { id: string; child_id: string; status: string; content: unknown; worker_id: string | null; team_id: string | null; authorised_on: string | null; first_name: string; known_as: string | null; date_of_birth: string | null; expected_delivery_date: string | null; worker_name: string | null };

export async function seedDemoLiving(db: Db, opts: { today: string }): Promise<void> {
  if (await anyTask(db)) return;
  const found = await rows<DemoAssessment>(
    db,
    sql`SELECT a.id, a.child_id, a.status, a.content, a.worker_id, a.team_id, a.authorised_on::text AS authorised_on,
               p.first_name, p.known_as, p.date_of_birth::text AS date_of_birth, p.expected_delivery_date::text AS expected_delivery_date, u.name AS worker_name
        FROM assessments a JOIN people p ON p.id = a.child_id LEFT JOIN users u ON u.id = a.worker_id
        ORDER BY a.id`,
  );
  const r = createRandom('hearth-demo-living');
  const made = emptyTaskRows();
  const versions: Row[] = [];
  const sharing: Row[] = [];
  for (const a of found) {
    const ar = r.fork(a.id);
    // No safeguarding task for a baby not born yet: the seeded ones are about a child already born (harm seen, school, exploitation).
    const unborn = !a.date_of_birth && !!a.expected_delivery_date;
    if (!unborn && a.status !== 'authorised' && a.worker_id && ar.chance(0.2)) addTask(ar, made, { personId: a.child_id, ownerId: a.worker_id, teamId: a.team_id, assessmentId: a.id, today: opts.today });
    if (a.status !== 'authorised' || !a.authorised_on || !ar.chance(0.7)) continue;
    const name = a.known_as || a.first_name;
    const age = a.date_of_birth ? ageOn(a.date_of_birth, opts.today) : null;
    const input = { childName: name, childAge: age, workerName: a.worker_name, content: readContent(a.content) };
    const later = addDays(a.authorised_on, ar.int(1, 10));
    const sharedOn = later <= opts.today ? later : a.authorised_on;
    const by = a.worker_id;
    // The worker's own words where the draft leaves them to write (the seeded analysis writes the rest).
    const written = (what: string, reader: string) =>
      what === 'why we decided this'
        ? reader === 'the family'
          ? `We decided this because of what we are worried about, and because you told us you want things to be better for ${name}.`
          : 'We decided this because we want you to be safe and happy.'
        : 'We will talk this through with you when we meet.';
    versions.push({ assessmentId: a.id, audience: 'family', text: fillPlaceholders(familyDraft(input), written), language: 'English', updatedAt: at(a.authorised_on, 700), updatedBy: by });
    sharing.push({ assessmentId: a.id, audience: 'family', sharedOn, method: ar.pick(['in-person', 'in-person', 'post', 'secure-portal']), sharedWith: 'The parents', language: ar.chance(0.15) ? 'Polish' : 'English', format: ar.pick(['standard', 'standard', 'easy-read', 'talked-through']), versionAudience: 'family', versionNumber: 1, recordedBy: by, recordedAt: at(sharedOn, 800) });
    sharing.push({ assessmentId: a.id, audience: 'referrer', sharedOn, method: 'email', sharedWith: 'The referrer', language: 'English', format: 'standard', versionAudience: null, versionNumber: null, recordedBy: by, recordedAt: at(sharedOn, 820) });
    if (age !== null && age >= 5) {
      versions.push({ assessmentId: a.id, audience: 'child', text: fillPlaceholders(childDraft(input), written), language: 'English', updatedAt: at(a.authorised_on, 720), updatedBy: by });
      sharing.push(
        ar.chance(0.85)
          ? { assessmentId: a.id, audience: 'child', sharedOn, method: 'in-person', sharedWith: name, language: 'English', format: 'talked-through', versionAudience: 'child', versionNumber: 1, recordedBy: by, recordedAt: at(sharedOn, 840) }
          : { assessmentId: a.id, audience: 'child', notSharedReason: 'It would harm a police investigation: police asked us to wait until the interviews are done.', recordedBy: by, recordedAt: at(sharedOn, 840) },
      );
    }
  }
  await insertTasks(db, made);
  await insertMany(db, assessmentFamilyVersions, versions);
  // Each is its first saved version, kept as every save is (the sharing records name it).
  await insertMany(db, assessmentFamilyVersionTexts, versions.map((v) => ({ assessmentId: v.assessmentId, audience: v.audience, version: 1, text: v.text, language: v.language, savedBy: v.updatedBy, savedAt: v.updatedAt })));
  // Rows of two shapes (shared, or not shared with its reason): insert each shape on its own.
  await insertMany(db, assessmentSharing, sharing.filter((s) => s.sharedOn));
  await insertMany(db, assessmentSharing, sharing.filter((s) => !s.sharedOn));
}

const PAGE = 10_000;

/** Tasks for the benchmark's "My tasks": on about one in eight children being assessed. */
export async function seedScaleLiving(db: Db, opts: { today: string; seed: number; log?: (msg: string) => void }): Promise<number> {
  if (await anyTask(db)) return 0;
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const page = await rows<{ id: string; child_id: string; worker_id: string; team_id: string | null }>(
      db,
      sql`SELECT a.id, a.child_id, a.worker_id, a.team_id FROM assessments a
          WHERE a.id > ${after} AND a.status <> 'authorised' AND a.worker_id IS NOT NULL ORDER BY a.id LIMIT ${PAGE}`,
    );
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const made = emptyTaskRows();
    for (const a of page) {
      const r = createRandom(`hearth-scale-living-${opts.seed}`).fork(a.id);
      if (r.chance(0.125)) addTask(r, made, { personId: a.child_id, ownerId: a.worker_id, teamId: a.team_id, assessmentId: a.id, today: opts.today });
    }
    await insertTasks(db, made);
    total += made.tasks.length;
    opts.log?.(`${total.toLocaleString('en-GB')} safeguarding tasks loaded`);
  }
  return total;
}
