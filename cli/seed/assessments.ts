import { sql } from 'drizzle-orm';
import { ageOn, todayInLondon } from '../../src/domain/dates';
import { createRandom, type Random } from '../../src/domain/random';
import { addDays, addWorkingDays } from '../../src/domain/workingDays';
import { rows, type Db } from '../../src/platform/db';
import { assessments } from '../../src/features/assessments/tables';
import type { ContentAbout, Lean } from './assessmentContent';
import { familyOn, loadRelatives } from './assessmentFamily';
import { parentsAndCarers } from '../../src/features/assessments/sections/page';
import { addAssessment, emptyAssessmentRows, insertAssessmentRows } from './assessmentRows';
import { LATE_REASONS, PROMPT_REASONS, seededPlan } from './assessmentTexts';

export { seedScaleAssessments } from './assessmentsScale';

type DemoChild = {
  id: string;
  first_name: string;
  date_of_birth: string | null;
  expected_delivery_date: string | null;
  current_worker_id: string | null;
  current_team_id: string | null;
  referral_id: string | null;
  contact_id: string | null;
  episode_id: string | null;
  day_zero: string;
  first_worker_id: string | null;
  first_team_id: string | null;
  ethnicity: string | null;
  religion: string | null;
  first_language: string | null;
  disabilities: string[] | null;
  referral_need: string | null;
  current_episode: string | null;
};

const LEANS: Record<string, Lean> = { 'child-in-need': 'cin', 'child-protection': 'protection', 'looked-after': 'care' };

/** A baby not born yet: an expected delivery date and no date of birth, as the app records one. */
const unborn = (c: DemoChild) => !!c.expected_delivery_date && !c.date_of_birth;

const group = (children: DemoChild[], key: (c: DemoChild) => string) => {
  const groups = new Map<string, DemoChild[]>();
  for (const c of children) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  return [...groups.values()];
};

/**
 * Assessments for the demo authority, in every state: Sam's in progress (brothers and sisters
 * together, some checkpoint decisions waiting for Morgan, one sent for authorisation, and a pre-birth
 * assessment for the baby on the way in one of the families, due 4 weeks before the expected delivery
 * date when that is sooner than day 45), Priya's authorised ones (some with their annual review near or
 * overdue, some with new information to review) and a few late re-assessments, and Jo's early help
 * assessments. Each has the content a worker would have written by now (assessmentContent.ts):
 * every section for the authorised ones and those sent for authorisation, part of it for the rest.
 * Runs once: it adds nothing when any assessment exists. No audit rows: seeding is not a user action.
 */
export async function seedDemoAssessments(db: Db, opts: { today?: string } = {}): Promise<number> {
  if ((await db.select({ id: assessments.id }).from(assessments).limit(1)).length > 0) return 0;
  const today = opts.today ?? todayInLondon();
  const staff = new Map((await rows<{ email: string; id: string; name: string }>(db, sql`SELECT email, id, name FROM users WHERE email LIKE '%@demo.hearth.test'`)).map((u) => [u.email, u]));
  const sam = staff.get('sam.worker@demo.hearth.test');
  const priya = staff.get('priya.worker@demo.hearth.test');
  const jo = staff.get('jo.earlyhelp@demo.hearth.test');
  const morgan = staff.get('morgan.manager@demo.hearth.test');
  const alex = staff.get('alex.manager@demo.hearth.test');
  const kit = staff.get('kit.manager@demo.hearth.test');
  if (!sam || !priya || !jo || !morgan || !alex || !kit) return 0;
  const r = createRandom('hearth-demo-assessments');
  const made = emptyAssessmentRows();

  const withReferral = await rows<DemoChild>(
    db,
    sql`SELECT p.id, p.first_name, p.date_of_birth::text AS date_of_birth, p.expected_delivery_date::text AS expected_delivery_date,
               p.current_worker_id, p.current_team_id, r.id AS referral_id, r.contact_id, r.episode_id, r.referral_date::text AS day_zero,
               fa.worker_id AS first_worker_id, fa.team_id AS first_team_id,
               p.ethnicity, p.religion, p.first_language, p.disabilities, r.primary_need_code AS referral_need,
               (SELECT e.type FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL ORDER BY e.start_date DESC, e.id LIMIT 1) AS current_episode
        FROM people p
        JOIN LATERAL (SELECT * FROM referrals r WHERE r.person_id = p.id ORDER BY r.referral_date DESC, r.id LIMIT 1) r ON true
        LEFT JOIN LATERAL (SELECT a.worker_id, a.team_id FROM allocations a WHERE a.person_id = p.id AND a.episode_id = r.episode_id ORDER BY a.from_date, a.id LIMIT 1) fa ON true
        WHERE p.kind = 'child' AND p.current_worker_id IN (${sam.id}, ${priya.id})
        ORDER BY p.id`,
  );
  const earlyHelp = await rows<DemoChild>(
    db,
    sql`SELECT p.id, p.first_name, p.date_of_birth::text AS date_of_birth, p.expected_delivery_date::text AS expected_delivery_date,
               p.current_worker_id, p.current_team_id, NULL AS referral_id, NULL AS contact_id, e.id AS episode_id, e.start_date::text AS day_zero,
               p.current_worker_id AS first_worker_id, p.current_team_id AS first_team_id,
               p.ethnicity, p.religion, p.first_language, p.disabilities, NULL AS referral_need, e.type AS current_episode
        FROM people p JOIN episodes e ON e.person_id = p.id AND e.type = 'early-help' AND e.end_date IS NULL
        WHERE p.kind = 'child' AND p.current_worker_id = ${jo.id}
        ORDER BY p.id`,
  );
  const relatives = await loadRelatives(db, [...withReferral, ...earlyHelp].map((c) => c.id));
  const userNames = new Map((await rows<{ id: string; name: string }>(db, sql`SELECT id, name FROM users`)).map((u) => [u.id, u.name]));
  // Who the child is and who is around them, for the sections beyond the plan.
  const about = (c: DemoChild, dayZero: string, workerId: string, lean: Lean | null): ContentAbout => ({
    childId: c.id,
    firstName: c.first_name,
    dateOfBirth: c.date_of_birth,
    family: familyOn(relatives.get(c.id), dayZero),
    ethnicity: c.ethnicity,
    religion: c.religion,
    firstLanguage: c.first_language,
    disabilities: c.disabilities ?? [],
    referralNeed: c.referral_need,
    lean,
    worker: { id: workerId, name: userNames.get(workerId) ?? 'Social worker' },
  });
  // Brothers and sisters to be seen together: a baby not born yet is not one of them.
  const names = (g: DemoChild[], c: DemoChild) => g.filter((o) => o.id !== c.id && !unborn(o)).map((o) => o.first_name);
  const plan = (rr: Random, g: DemoChild[], c: DemoChild, dayZero: string, completed: boolean, approver: { id: string; name: string } | null) =>
    seededPlan(rr, { child: c.first_name, siblings: names(g, c), dayZero, today, completed, approver, unborn: unborn(c) });

  // Sam: assessments in progress, brothers and sisters from one referral together.
  const samGroups = group(withReferral.filter((c) => c.current_worker_id === sam.id), (c) => c.contact_id ?? c.id);
  let homelessness = false;
  // Sent to Morgan for authorisation: a child assessed alone whose plan is agreed, or else the first brothers and sisters.
  // Never the family expecting a baby: its pre-birth assessment is still in progress.
  const bornOnly = (g: DemoChild[]) => !g.some(unborn);
  const alone = samGroups.findIndex((g, gi) => g.length === 1 && gi % 3 === 0 && bornOnly(g));
  const sent = alone >= 0 ? alone : Math.max(0, samGroups.findIndex(bornOnly));
  // Closed by Morgan at the day 10 checkpoint, to early help: a family referred long enough ago.
  const closedAt = samGroups.findLastIndex((g, gi) => gi !== sent && gi !== 1 && g.every((c) => addWorkingDays(c.day_zero, 12) <= today && !c.expected_delivery_date));
  samGroups.forEach((g, gi) => {
    for (const [ci, c] of g.entries()) {
      const rr = r.fork('sam', c.id);
      const aged = c.date_of_birth ? ageOn(c.date_of_birth, today) : null;
      const variant = unborn(c) ? 'pre-birth' : aged !== null && aged >= 16 && aged <= 17 && !homelessness ? 'homelessness-16-17' : 'standard';
      if (variant === 'homelessness-16-17') homelessness = true;
      const planned = gi % 3 !== 2;
      addAssessment(rr, made, {
        childId: c.id, referralId: c.referral_id, episodeId: c.episode_id, variant, dayZero: c.day_zero, startedOn: addWorkingDays(c.day_zero, 1) <= today ? addWorkingDays(c.day_zero, 1) : c.day_zero,
        expectedDeliveryDate: c.expected_delivery_date, workerId: sam.id, teamId: c.current_team_id,
        outcome: gi === closedAt ? { kind: 'closed', day: 10, by: morgan.id, byName: morgan.name, outcome: 'early-help' } : { kind: 'open', submitted: gi === sent },
        managerId: morgan.id, plan: planned ? plan(rr, g, c, c.day_zero, gi % 3 === 0, morgan) : null, about: about(c, c.day_zero, sam.id, null), lateReason: null,
        prompts: gi === 1 && ci === 0 ? [PROMPT_REASONS[0]!] : [], leaveWaiting: gi % 2 === 1, today,
      });
    }
  });

  // Priya: authorised assessments from each child's referral, the annual review near for some.
  const priyaGroups = group(withReferral.filter((c) => c.current_worker_id === priya.id), (c) => c.contact_id ?? c.id);
  // One family's annual review falls due in the coming fortnight, whatever the day the demo is made.
  const yearAgo = addWorkingDays(addDays(today, -362), 1);
  const reviewSoon = priyaGroups.findIndex((g, gi) => gi !== 1 && g.every((c) => addWorkingDays(c.day_zero, 18) <= yearAgo));
  // Another family, whose assessment was authorised well before, has a new one started eleven weeks ago (below).
  const restarted = addWorkingDays(today, -52);
  const changedAt = Math.max(0, priyaGroups.findIndex((g, gi) => gi !== 1 && gi !== reviewSoon && g.every((c) => addWorkingDays(c.day_zero, 45) < restarted)));
  // A specialist assessment, parenting capacity recorded for each parent: the first child after the late family with a parent on record.
  const specialist = priyaGroups.flat().find((c) => !priyaGroups[1]?.includes(c) && parentsAndCarers(familyOn(relatives.get(c.id), c.day_zero)).length > 0)?.id;
  priyaGroups.forEach((g, gi) => {
    const late = gi === 1;
    for (const [ci, c] of g.entries()) {
      const rr = r.fork('priya', c.id);
      const on = gi === reviewSoon ? yearAgo : addWorkingDays(c.day_zero, late ? 52 : rr.int(18, 44));
      if (on > today) continue;
      addAssessment(rr, made, {
        childId: c.id, referralId: c.referral_id, episodeId: c.episode_id, variant: c.id === specialist ? 'specialist' : 'standard', dayZero: c.day_zero, startedOn: c.day_zero,
        expectedDeliveryDate: null, workerId: c.first_worker_id ?? sam.id, teamId: c.first_team_id, outcome: { kind: 'authorised', on, by: morgan.id },
        managerId: morgan.id, plan: plan(rr, g, c, c.day_zero, true, morgan), about: about(c, c.day_zero, c.first_worker_id ?? sam.id, LEANS[c.current_episode ?? ''] ?? null),
        lateReason: late ? LATE_REASONS[0]! : null,
        prompts: gi === 2 && ci === 0 ? [PROMPT_REASONS[1]!, PROMPT_REASONS[2]!] : gi === 3 ? [PROMPT_REASONS[3]!] : [], leaveWaiting: false, today,
      });
    }
  });
  // A significant change for one family: a new assessment started eleven weeks ago, now late.
  const changed = priyaGroups[changedAt] ?? [];
  for (const [ci, c] of changed.entries()) {
    const rr = r.fork('priya-again', c.id);
    const startedOn = restarted;
    addAssessment(rr, made, {
      childId: c.id, referralId: c.referral_id, episodeId: c.episode_id, variant: 'standard', dayZero: startedOn, startedOn,
      expectedDeliveryDate: null, workerId: priya.id, teamId: c.current_team_id, outcome: { kind: 'open', submitted: false },
      managerId: alex.id, plan: plan(rr, changed, c, startedOn, false, alex), about: about(c, startedOn, priya.id, null), lateReason: ci === 0 ? LATE_REASONS[2]! : null,
      prompts: [], leaveWaiting: true, today,
    });
  }

  // Jo: early help assessments from the day early help started, signed off by Kit, the early help team's manager.
  group(earlyHelp, (c) => c.day_zero).forEach((g, gi) => {
    for (const c of g) {
      const rr = r.fork('jo', c.id);
      const old = addWorkingDays(c.day_zero, 55) < today;
      const done = old && gi % 3 !== 1;
      const on = addWorkingDays(c.day_zero, rr.int(25, 48));
      addAssessment(rr, made, {
        childId: c.id, referralId: null, episodeId: c.episode_id, variant: 'early-help', dayZero: c.day_zero, startedOn: c.day_zero,
        expectedDeliveryDate: null, workerId: jo.id, teamId: c.current_team_id,
        outcome: done && on <= today ? { kind: 'authorised', on, by: kit.id } : { kind: 'open', submitted: false },
        managerId: kit.id, plan: plan(rr, g, c, c.day_zero, done, kit), about: about(c, c.day_zero, jo.id, null), lateReason: old && !done && gi % 2 === 0 ? LATE_REASONS[3]! : null,
        prompts: [], leaveWaiting: false, today,
      });
    }
  });

  await insertAssessmentRows(db, made);
  return made.assessments.length;
}
