import type { Services } from '../../src/services';
import type { Role } from '../../src/domain/roles';
import { seedDemoFamilies as seedDemoFamiliesInto } from './demoFamilies';
import { seedDemoChronology } from './chronology';
import { seedVisitsAndNotes } from './visits';
import { seedDemoAssessments } from './assessments';
import { seedDemoLiving } from './living';
import { todayInLondon } from '../../src/domain/dates';

export const DEMO_PASSWORD = 'hearth-demo-only';

export const DEMO_TEAMS = [
  { name: 'Front Door and Assessment', kind: 'front-door' },
  { name: 'Children in Need North', kind: 'child-in-need' },
  { name: 'Early Help East', kind: 'early-help' },
] as const;

export const DEMO_USERS: { email: string; name: string; role: Role; team: string | null; agency?: string }[] = [
  { email: 'sam.worker@demo.hearth.test', name: 'Sam Okafor', role: 'social-worker', team: 'Front Door and Assessment' },
  { email: 'priya.worker@demo.hearth.test', name: 'Priya Shah', role: 'social-worker', team: 'Children in Need North' },
  { email: 'jo.earlyhelp@demo.hearth.test', name: 'Jo Fletcher', role: 'early-help', team: 'Early Help East' },
  { email: 'morgan.manager@demo.hearth.test', name: 'Morgan Ellis', role: 'team-manager', team: 'Front Door and Assessment' },
  { email: 'alex.manager@demo.hearth.test', name: 'Alex Byrne', role: 'team-manager', team: 'Children in Need North' },
  { email: 'kit.manager@demo.hearth.test', name: 'Kit Marsh', role: 'team-manager', team: 'Early Help East' },
  { email: 'dee.police@demo.hearth.test', name: 'DC Dee Harper', role: 'partner', team: null, agency: 'Police' },
  { email: 'chris.chair@demo.hearth.test', name: 'Chris Adeyemi', role: 'cp-chair', team: null },
  { email: 'lee.qa@demo.hearth.test', name: 'Lee Nakamura', role: 'qa', team: null },
  { email: 'robin.admin@demo.hearth.test', name: 'Robin Clarke', role: 'admin', team: null },
];

/**
 * The small fictional demo authority. Only for the embedded database or `hearth seed --demo`:
 * every account it makes is marked as a demo account, and production refuses to start with any.
 */
export async function seedDemo(services: Services, opts: { onlyIfEmpty: boolean; accountsOnly?: boolean }): Promise<boolean> {
  if (opts.onlyIfEmpty && (await services.users.repo.list()).length > 0) return false;
  const ctx = { actor: null, actorLabel: 'hearth seed --demo', requestId: null };
  const teamIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const existing = await services.users.repo.findTeamByName(team.name);
    teamIds.set(team.name, (existing ?? (await services.users.repo.insertTeam({ name: team.name, kind: team.kind }))).id);
  }
  for (const user of DEMO_USERS) {
    if (await services.users.repo.findByEmail(user.email)) continue;
    await services.users.add(ctx, {
      email: user.email,
      name: user.name,
      role: user.role,
      teamId: user.team ? (teamIds.get(user.team) ?? null) : null,
      agency: user.agency ?? null,
      password: DEMO_PASSWORD,
      isDemo: true,
    });
  }
  if (opts.accountsOnly) return true;
  await seedDemoFamilies(services, teamIds);
  return true;
}

/** About sixty fictional families with ten years of history (cli/seed/demoFamilies.ts). */
async function seedDemoFamilies(services: Services, teamIds: Map<string, string>): Promise<void> {
  await seedDemoFamiliesInto(services, teamIds);
  await seedDemoChronology(services.db);
  await seedVisitsAndNotes(services.db, { today: todayInLondon(), seed: 'demo', overdue: 'every-third' });
  await seedDemoAssessments(services.db, { today: todayInLondon() });
  await seedDemoLiving(services.db, { today: todayInLondon() });
}
