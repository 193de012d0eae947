import { todayInLondon } from '../../src/domain/dates';
import { createRandom } from '../../src/domain/random';
import { audit } from '../../src/platform/audit';
import type { Db } from '../../src/platform/db';
import { users } from '../../src/platform/tables';
import { accessGrants, addresses, householdMembers, households, people, relationships, restrictedAccess } from '../../src/features/people/tables';
import { allocations, contactChildren, contacts, episodes, referrals } from '../../src/features/referrals/tables';
import { insertMany } from './bulk';
import { isoDay, toDay } from './days';
import type { Patch } from './episodes';
import { generateFamily, type Scenario } from './families';
import { nhsNumbers } from './identifiers';
import { appendRows, emptyRows, TABLE_ORDER, type FamilyRows, type TeamStaff } from './model';

/** Staff who have left: their names appear in the demo's allocation history, and they cannot sign in. */
export const DEMO_FORMER_STAFF = [
  { email: 'ash.moreno@demo.hearth.test', name: 'Ash Moreno', role: 'social-worker', team: 'Front Door and Assessment' },
  { email: 'bea.lindqvist@demo.hearth.test', name: 'Bea Lindqvist', role: 'social-worker', team: 'Children in Need North' },
  { email: 'cal.osei@demo.hearth.test', name: 'Cal Osei', role: 'early-help', team: 'Early Help East' },
] as const;

export const DEMO_SEED = 20260101;

const TABLES = { people, addresses, relationships, households, householdMembers, contacts, contactChildren, episodes, referrals, allocations } as const;

type DemoServices = {
  db: Db;
  users: { repo: { list(): Promise<{ id: string; email: string }[]> } };
};

/**
 * About sixty fictional families for the demo authority: every age, some known for years, real
 * caseloads for Sam (assessments, one family with a baby on the way), Priya (child in need, child
 * protection, a child in care) and Jo (early help), children waiting for a worker, contacts waiting
 * for a manager's decision, one restricted record (a staff member's child, open only to Morgan) and
 * two children shared with DC Dee Harper for a year. Seeding is not a user action, so it writes no
 * audit rows of its own except one 'demo-seeded' row that starts the chain.
 */
export async function seedDemoFamilies(services: DemoServices, teamIds: Map<string, string>, opts: { today?: string } = {}): Promise<{ families: number; children: number }> {
  const db = services.db;
  // Families go only into an empty set of records: running the demo seed again adds no duplicates.
  if ((await db.select({ id: people.id }).from(people).limit(1)).length > 0) return { families: 0, children: 0 };
  const team = (name: string): string => {
    const id = teamIds.get(name);
    if (!id) throw new Error(`The demo team ${name} is missing`);
    return id;
  };
  const existing = new Set((await services.users.repo.list()).map((u) => u.email));
  const former = DEMO_FORMER_STAFF.filter((s) => !existing.has(s.email)).map((s) => ({ email: s.email, name: s.name, role: s.role, teamId: team(s.team), active: false, isDemo: true, passwordHash: null }));
  if (former.length > 0) await db.insert(users).values(former);
  const ids = new Map((await services.users.repo.list()).map((u) => [u.email, u.id]));
  const user = (email: string): string => {
    const id = ids.get(email);
    if (!id) throw new Error(`The demo account ${email} is missing`);
    return id;
  };

  const frontDoor: TeamStaff = { teamId: team('Front Door and Assessment'), managers: [user('morgan.manager@demo.hearth.test')], workers: [user('sam.worker@demo.hearth.test')], formerWorkers: [user('ash.moreno@demo.hearth.test')] };
  const longTerm: TeamStaff = { teamId: team('Children in Need North'), managers: [user('alex.manager@demo.hearth.test')], workers: [user('priya.worker@demo.hearth.test')], formerWorkers: [user('bea.lindqvist@demo.hearth.test')] };
  const earlyHelp: TeamStaff = { teamId: team('Early Help East'), managers: [user('kit.manager@demo.hearth.test')], workers: [user('jo.earlyhelp@demo.hearth.test')], formerWorkers: [user('cal.osei@demo.hearth.test')] };
  const patch: Patch = { frontDoor, longTerm, earlyHelp, inCare: longTerm };
  const today = opts.today ?? todayInLondon();
  const ctx = { today: toDay(today), staffing: { frontDoor: [frontDoor], longTerm: [longTerm], earlyHelp: [earlyHelp], inCare: [longTerm] }, nhs: nhsNumbers() };
  const root = createRandom(`hearth-demo-${DEMO_SEED}`);

  const rows = emptyRows();
  let families = 0;
  /** `expecting`: the mother is pregnant, so the family has an unborn baby too (otherwise it is drawn, and rare). */
  const add = (scenario: Scenario, children?: number, expecting = false) => {
    const family = generateFamily(root.fork('family', families), ctx, { scenario, patch, ...(children === undefined ? {} : { children }), ...(expecting ? { unborn: true } : {}) });
    families += 1;
    appendRows(rows, family.rows);
    return family;
  };
  /** Families for one worker until they hold at least ten children; the `expecting`th family also has a baby on the way. */
  const caseload = (worker: string, stages: Scenario[], expecting = -1) => {
    const made: ReturnType<typeof add>[] = [];
    for (let i = 0; held(worker) < 10 && i < 12; i++) made.push(add(stages[i % stages.length]!, 2 + (i % 2), i === expecting));
    return made;
  };
  const held = (worker: string) => new Set(rows.allocations.filter((a) => a.toDate === null && a.workerId === worker).map((a) => a.personId)).size;

  const sam = { team: frontDoor, worker: user('sam.worker@demo.hearth.test') };
  const priya = { team: longTerm, worker: user('priya.worker@demo.hearth.test') };
  const jo = { team: earlyHelp, worker: user('jo.earlyhelp@demo.hearth.test') };
  // Sam's first family is expecting a baby: the referral is about the unborn baby too, so there is a pre-birth assessment.
  const [expecting] = caseload(sam.worker, [{ kind: 'allocated', stage: 'assessment', fixed: sam }], 0);
  if (expecting) dueTwelveWeeksAfterReferral(expecting.rows);
  caseload(priya.worker, [
    { kind: 'allocated', stage: 'child-protection', fixed: priya },
    { kind: 'allocated', stage: 'child-in-need', fixed: priya },
    { kind: 'allocated', stage: 'looked-after', fixed: priya },
    // Referred 15 months ago: its assessment's annual review is due or overdue, whatever day the demo is made.
    { kind: 'allocated', stage: 'child-protection', fixed: priya, referredDaysAgo: 460 },
  ]);
  caseload(jo.worker, [{ kind: 'allocated', stage: 'early-help', fixed: jo }]);
  for (let i = 0; i < 3; i++) add({ kind: 'awaiting-allocation', fixed: { team: frontDoor, worker: null } });
  for (let i = 0; i < 4; i++) add({ kind: 'awaiting-decision' });
  const staffFamily = add({ kind: 'closed' }, 1);
  while (families < 50) add({ kind: 'closed' });
  while (families < 60) add({ kind: 'contact-only' });

  // A staff member's child: open only to Morgan, the front door manager.
  const morgan = user('morgan.manager@demo.hearth.test');
  const restrictedChild = staffFamily.children[0]!;
  for (const person of rows.people) if (person.id === restrictedChild.id) person.restricted = true;
  // Two children in a child protection enquiry, shared with the police for a year.
  const onPlan = new Set(rows.episodes.filter((e) => e.type === 'child-protection' && e.endDate === null).map((e) => e.personId));
  const priyasChildren = [...new Set(rows.allocations.filter((a) => a.toDate === null && a.workerId === priya.worker).map((a) => a.personId))];
  const shared = [...priyasChildren.filter((id) => onPlan.has(id)), ...priyasChildren.filter((id) => !onPlan.has(id))].slice(0, 2);
  const grantUntil = new Date(`${isoYearAhead(today)}T23:59:59Z`);

  await db.transaction(async (tx) => {
    for (const table of TABLE_ORDER) await insertMany(tx, TABLES[table], rows[table] as unknown as Record<string, unknown>[]);
    await tx.insert(restrictedAccess).values({ personId: restrictedChild.id, userId: morgan, grantedBy: morgan });
    if (shared.length > 0) {
      await tx.insert(accessGrants).values(
        shared.map((personId) => ({ userId: user('dee.police@demo.hearth.test'), personId, purpose: 'Joint section 47 enquiry with the police', grantedBy: user('alex.manager@demo.hearth.test'), expiresAt: grantUntil })),
      );
    }
    const children = rows.people.filter((p) => p.kind === 'child').length;
    await audit(tx, { actor: null, actorLabel: 'hearth seed --demo', requestId: null }, { action: 'demo-seeded', subjectType: 'system', details: { families, children } });
  });
  return { families, children: rows.people.filter((p) => p.kind === 'child').length };
}

/**
 * The unborn baby's expected delivery date: 12 weeks after the referral, so the referral came at 28
 * weeks of pregnancy. The pre-birth assessment is then due 4 weeks before the birth, sooner than day 45
 * (domain/timescales.ts), and not yet late. Relative to the referral, which is relative to today.
 */
function dueTwelveWeeksAfterReferral(family: FamilyRows): void {
  for (const person of family.people) {
    if (person.kind !== 'child' || person.dateOfBirth !== null || !person.expectedDeliveryDate) continue;
    const referral = family.referrals.find((r) => r.personId === person.id);
    if (referral) person.expectedDeliveryDate = isoDay(toDay(referral.referralDate) + 84);
  }
}

function isoYearAhead(today: string): string {
  const [y, m, d] = today.split('-');
  return m === '02' && d === '29' ? `${Number(y) + 1}-02-28` : `${Number(y) + 1}-${m}-${d}`;
}
