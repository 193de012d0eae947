import { sql } from 'drizzle-orm';
import { ageOn } from '../../src/domain/dates';
import { createRandom } from '../../src/domain/random';
import { assessmentSchedule, type AssessmentSchedule } from '../../src/domain/timescales';
import { addWorkingDays } from '../../src/domain/workingDays';
import { rows, type Db } from '../../src/platform/db';
import type { AssessmentVariant } from '../../src/features/assessments/tables';
import { parentsAndCarers } from '../../src/features/assessments/sections/page';
import type { Lean } from './assessmentContent';
import { familyOn, loadRelatives } from './assessmentFamily';
import { addAssessment, emptyAssessmentRows, insertAssessmentRows } from './assessmentRows';
import { LATE_REASONS, PROMPT_REASONS, seededPlan } from './assessmentTexts';

type ReferralRow = {
  id: string;
  person_id: string;
  first_name: string;
  date_of_birth: string | null;
  expected_delivery_date: string | null;
  episode_id: string | null;
  referral_date: string;
  episode_end: string | null;
  current_worker_id: string | null;
  current_team_id: string | null;
  first_worker_id: string | null;
  first_team_id: string | null;
  ethnicity: string | null;
  religion: string | null;
  first_language: string | null;
  disabilities: string[] | null;
  primary_need_code: string | null;
  closure_reason: string | null;
};

/** Work closed straight after the assessment says what it decided. */
const LEANS: Record<string, Lean> = { RC8: 'nfa', RC9: 'early-help' };

const PAGE = 10_000;

/**
 * One assessment per referral in the synthetic authority (the front door decided each of them as a
 * referral), for the benchmark: most authorised within the timescale, some late with reasons, the
 * recent ones of children still open in progress (some late, some with a checkpoint decision
 * waiting, a few with new information to review), each with its content as the app saves it (every
 * section once authorised). Day 0 is the referral date. Deterministic for the same data and day;
 * referrals that already have an assessment are skipped, so `--add` adds only for the new families.
 */
export async function seedScaleAssessments(db: Db, opts: { today: string; seed: number; log?: (msg: string) => void }): Promise<number> {
  const managers = new Map(
    (await rows<{ team_id: string; id: string; name: string }>(db, sql`SELECT DISTINCT ON (team_id) team_id, id, name FROM users WHERE role = 'team-manager' AND active AND team_id IS NOT NULL ORDER BY team_id, email`)).map((m) => [m.team_id, m]),
  );
  // Working-day sums repeat across thousands of referrals on the same day: work each out once.
  const sums = new Map<string, string>();
  const wd = (date: string, n: number): string => {
    const key = `${date}|${n}`;
    let found = sums.get(key);
    if (!found) sums.set(key, (found = addWorkingDays(date, n)));
    return found;
  };
  const schedules = new Map<string, AssessmentSchedule>();
  const standard = (dayZero: string): AssessmentSchedule => {
    let found = schedules.get(dayZero);
    if (!found) schedules.set(dayZero, (found = assessmentSchedule({ referralDate: dayZero, checkpoints: [10, 30, 45], variant: 'standard', expectedDeliveryDate: null })));
    return found;
  };
  const userNames = new Map((await rows<{ id: string; name: string }>(db, sql`SELECT id, name FROM users`)).map((u) => [u.id, u.name]));
  const person = (id: string | null | undefined) => (id ? { id, name: userNames.get(id) ?? 'Social worker' } : null);
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const page = await rows<ReferralRow>(
      db,
      sql`SELECT r.id, r.person_id, p.first_name, p.date_of_birth::text AS date_of_birth, p.expected_delivery_date::text AS expected_delivery_date,
                 r.episode_id, r.referral_date::text AS referral_date, e.end_date::text AS episode_end, p.current_worker_id, p.current_team_id,
                 fa.worker_id AS first_worker_id, fa.team_id AS first_team_id,
                 p.ethnicity, p.religion, p.first_language, p.disabilities, r.primary_need_code, e.closure_reason
          FROM referrals r
          JOIN people p ON p.id = r.person_id
          LEFT JOIN episodes e ON e.id = r.episode_id
          LEFT JOIN LATERAL (SELECT a.worker_id, a.team_id FROM allocations a WHERE a.person_id = r.person_id AND a.episode_id = r.episode_id ORDER BY a.from_date, a.id LIMIT 1) fa ON true
          WHERE r.id > ${after} AND NOT EXISTS (SELECT 1 FROM assessments x WHERE x.referral_id = r.id)
          ORDER BY r.id LIMIT ${PAGE}`,
    );
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const relatives = await loadRelatives(db, page.map((ref) => ref.person_id));
    const made = emptyAssessmentRows();
    for (const ref of page) {
      const r = createRandom(`hearth-scale-assessment-${opts.seed}`).fork(ref.id);
      const dayZero = ref.referral_date;
      if (dayZero > opts.today) continue;
      const took = r.weighted([[r.int(12, 45), 82], [r.int(46, 70), 13], [r.int(5, 11), 5]] as const);
      let on: string | null = wd(dayZero, took);
      // Work that ended sooner was authorised when it ended; work still going today is still being assessed.
      if (ref.episode_end && ref.episode_end < on) on = ref.episode_end > dayZero ? ref.episode_end : wd(dayZero, 1);
      // A few still being assessed after day 45 (one in five of the children referred 45 to 90 working days
      // ago whose work goes on): late, and the worker has to record why. Their own stream, so the rest are as before.
      const overran = !ref.episode_end && on <= opts.today && dayZero < wd(opts.today, -45) && dayZero >= wd(opts.today, -90) && r.fork('overran').chance(0.2);
      const stillOpen = (on > opts.today && !ref.episode_end) || overran;
      if (on > opts.today && !stillOpen) on = opts.today;
      const teamId = stillOpen ? (ref.current_team_id ?? ref.first_team_id) : ref.first_team_id;
      const manager = teamId ? (managers.get(teamId) ?? null) : null;
      const age = ref.date_of_birth ? ageOn(ref.date_of_birth, dayZero) : null;
      const family = familyOn(relatives.get(ref.person_id), dayZero);
      // A specialist assessment looks at each parent's parenting: only where a parent or carer is on record.
      const variant: AssessmentVariant =
        ref.expected_delivery_date && (!ref.date_of_birth || ref.date_of_birth > dayZero)
          ? 'pre-birth'
          : age !== null && age >= 16 && r.chance(0.2)
            ? 'homelessness-16-17'
            : r.chance(0.04) && parentsAndCarers(family).length > 0
              ? 'specialist'
              : 'standard';
      const authoriser = manager?.id ?? ref.first_worker_id;
      // An authorised assessment needs its authoriser: without a manager or worker on record, leave it out.
      if (!stillOpen && !authoriser) continue;
      const dueOn45 = wd(dayZero, 45);
      const late = stillOpen ? opts.today > dueOn45 : on! > dueOn45;
      const workerId = stillOpen ? (ref.current_worker_id ?? ref.first_worker_id) : ref.first_worker_id;
      // Whoever did the work agrees the decision; with no worker on record, the manager who authorised it did.
      const worker = person(workerId) ?? person(authoriser);
      const startedOn = wd(dayZero, 1) <= opts.today ? wd(dayZero, r.int(0, 2)) : dayZero;
      // Sent to the manager: by a worker on record, with the plan agreed.
      const submitted = stillOpen && r.chance(0.1) && worker !== null;
      // Some work that ended with no further action or early help was closed by the manager at the day 10 checkpoint.
      const lean = LEANS[ref.closure_reason ?? ''] ?? null;
      const closeAs = lean === 'nfa' || lean === 'early-help' ? lean : null;
      const closedEarly = !stillOpen && manager !== null && closeAs !== null && variant === 'standard' && took >= 12 && r.chance(0.1);
      addAssessment(r, made, {
        childId: ref.person_id,
        referralId: ref.id,
        episodeId: ref.episode_id,
        variant,
        dayZero,
        startedOn,
        expectedDeliveryDate: ref.expected_delivery_date,
        workerId,
        teamId,
        outcome: stillOpen
          ? { kind: 'open', submitted }
          : closedEarly
            ? { kind: 'closed', day: 10, by: manager.id, byName: manager.name, outcome: closeAs }
            : { kind: 'authorised', on: on!, by: authoriser! },
        schedule: variant === 'pre-birth' ? undefined : standard(dayZero),
        managerId: manager?.id ?? null,
        plan: seededPlan(r, { child: ref.first_name, siblings: [], dayZero, today: opts.today, completed: !stillOpen || submitted || r.chance(0.4), approver: manager, unborn: variant === 'pre-birth' }),
        about: {
          childId: ref.person_id,
          firstName: ref.first_name,
          dateOfBirth: ref.date_of_birth,
          family,
          ethnicity: ref.ethnicity,
          religion: ref.religion,
          firstLanguage: ref.first_language,
          disabilities: ref.disabilities ?? [],
          referralNeed: ref.primary_need_code,
          lean,
          worker,
        },
        lateReason: late && r.chance(0.7) ? r.pick(LATE_REASONS) : null,
        prompts: r.chance(stillOpen ? 0.08 : 0.01) ? [r.pick(PROMPT_REASONS)] : [],
        leaveWaiting: stillOpen && r.chance(0.4),
        today: opts.today,
      });
    }
    await insertAssessmentRows(db, made);
    total += made.assessments.length;
    opts.log?.(`${total.toLocaleString('en-GB')} assessments loaded`);
  }
  return total;
}
