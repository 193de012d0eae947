import { like, inArray } from 'drizzle-orm';
import type { Random } from '../../src/domain/random';
import type { Db } from '../../src/platform/db';
import { teams, users } from '../../src/platform/tables';
import { insertMany } from './bulk';
import type { Staffing, TeamStaff } from './model';
import { NAME_POOLS, type Heritage } from './names';

export const SCALE_EMAIL_DOMAIN = 'scale.hearth.test';

type Kind = keyof Staffing;

/**
 * The teams of the synthetic authority, about one per 1,000 children, sized so that caseloads come
 * out at about 16 children a worker: the share of teams and the open work per 1,000 children of each
 * kind were measured from the family generator.
 */
const KINDS: Record<Kind, { label: string; teamKind: string; share: number; openPer1000: number; role: 'social-worker' | 'early-help' }> = {
  frontDoor: { label: 'Assessment Team', teamKind: 'front-door', share: 0.14, openPer1000: 30, role: 'social-worker' },
  longTerm: { label: 'Child in Need Team', teamKind: 'child-in-need', share: 0.5, openPer1000: 116, role: 'social-worker' },
  earlyHelp: { label: 'Early Help Team', teamKind: 'early-help', share: 0.22, openPer1000: 50, role: 'early-help' },
  inCare: { label: 'Children in Care Team', teamKind: 'children-in-care', share: 0.14, openPer1000: 16, role: 'social-worker' },
};

const STAFF_HERITAGE: readonly (readonly [Heritage, number])[] = [['british', 70], ['irish', 4], ['indian', 6], ['pakistani', 5], ['caribbean', 5], ['african', 7], ['eastern-european', 3]];

/**
 * Creates (or, when adding to a dataset, finds) the teams, managers and workers for `children`
 * children: users without passwords (they cannot sign in until given one), not demo accounts.
 * Former workers are inactive accounts that appear only in past allocations.
 */
export async function ensureScaleStaff(db: Db, r: Random, children: number): Promise<Staffing> {
  const total = Math.max(4, Math.round(children / 1000));
  const teamRows: (typeof teams.$inferInsert & { id: string })[] = [];
  const userRows: (typeof users.$inferInsert & { id: string })[] = [];
  const plan: { kind: Kind; name: string }[] = [];
  const emails = new Set<string>();
  const person = (teamId: string, role: string, active: boolean) => {
    const heritage = r.weighted(STAFF_HERITAGE);
    const pool = NAME_POOLS[heritage];
    const first = r.pick(r.chance(0.8) ? pool.female : pool.male);
    const last = r.pick(pool.surnames);
    const base = `${first}.${last}`.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z.]/g, '');
    let email = `${base}@${SCALE_EMAIL_DOMAIN}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${SCALE_EMAIL_DOMAIN}`;
    emails.add(email);
    userRows.push({ id: r.uuid(), email, name: `${first} ${last}`, role, teamId, active, passwordHash: null, isDemo: false });
  };
  const sizes = new Map<string, { role: string; workers: number }>();
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const k = KINDS[kind];
    const count = Math.max(1, Math.round(total * k.share));
    const workers = Math.min(18, Math.max(2, Math.round(((children / 1000) * k.openPer1000) / count / 16)));
    for (let n = 1; n <= count; n++) {
      const name = `${k.label} ${n}`;
      teamRows.push({ id: r.uuid(), name, kind: k.teamKind });
      plan.push({ kind, name });
      sizes.set(name, { role: k.role, workers });
    }
  }
  await insertMany(db, teams, teamRows, { onConflictDoNothing: true });
  const foundTeams = await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.name, plan.map((p) => p.name)));
  const teamIds = new Map(foundTeams.map((t) => [t.name, t.id]));
  // Staff for the teams made just now; teams from an earlier run keep their own.
  for (const row of teamRows) {
    if (teamIds.get(row.name) !== row.id) continue;
    const size = sizes.get(row.name)!;
    person(row.id, 'team-manager', true);
    for (let w = 0; w < size.workers; w++) person(row.id, size.role, true);
    for (let w = 0; w < 2; w++) person(row.id, size.role, false);
  }
  await insertMany(db, users, userRows, { onConflictDoNothing: true });

  // Read back everyone there now, in a fixed order.
  const staff = await db
    .select({ id: users.id, email: users.email, role: users.role, teamId: users.teamId, active: users.active })
    .from(users)
    .where(like(users.email, `%@${SCALE_EMAIL_DOMAIN}`))
    .orderBy(users.email);
  const staffing: Staffing = { frontDoor: [], longTerm: [], earlyHelp: [], inCare: [] };
  for (const p of plan) {
    const teamId = teamIds.get(p.name);
    if (!teamId) throw new Error(`Team ${p.name} is missing`);
    const members = staff.filter((u) => u.teamId === teamId);
    const team: TeamStaff = {
      teamId,
      managers: members.filter((u) => u.role === 'team-manager' && u.active).map((u) => u.id),
      workers: members.filter((u) => u.role !== 'team-manager' && u.active).map((u) => u.id),
      formerWorkers: members.filter((u) => u.role !== 'team-manager' && !u.active).map((u) => u.id),
    };
    staffing[p.kind].push(team);
  }
  return staffing;
}
