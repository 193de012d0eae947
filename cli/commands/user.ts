import { parseArgs } from 'node:util';
import { isRole, ROLES, ROLE_LABELS, type Role } from '../../src/domain/roles';
import { migrate } from '../../src/platform/migrate';
import { InClosedTeam, UserProblem } from '../../src/features/users/service';
import type { AccountSummary } from '../../src/features/admin/repository';
import { TEAM_ROLES } from '../../src/features/admin/schema';
import { CommandProblem, commandActor, configFrom, withDatabase, type Io } from './context';

const USAGE = [
  'Use one of:',
  '  hearth user add --email E --name N --role ROLE [--team TEAM] [--agency AGENCY] [--password-stdin]',
  '  hearth user disable --email E',
  '  hearth user enable --email E',
  '  hearth user reset-password --email E --password-stdin',
  '  hearth user change EMAIL [--role ROLE] [--team TEAM | --no-team] [--agency AGENCY]',
].join('\n');

/** `hearth user add|disable|enable|reset-password|change`: accounts, for the first administrator and for scripts. */
export async function userCommand(args: string[], io: Io): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add':
      return addUser(rest, io);
    case 'disable':
    case 'enable':
      return setActive(rest, io, action === 'enable');
    case 'reset-password':
      return resetPassword(rest, io);
    case 'change':
      return changeUser(rest, io);
    default:
      throw new CommandProblem(USAGE, 2);
  }
}

function options(args: string[], names: string[], flags: string[] = []) {
  const spec: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const n of names) spec[n] = { type: 'string' };
  for (const f of flags) spec[f] = { type: 'boolean' };
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    throw new CommandProblem(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim())
    throw new CommandProblem(`--${name} is needed.\n${USAGE}`, 2);
  return value.trim();
}

async function readPassword(io: Io): Promise<string> {
  const password = await io.readLine();
  if (!password)
    throw new CommandProblem(
      'No password arrived on standard input. For example: printf "%s\\n" "$PASSWORD" | hearth user add ... --password-stdin',
    );
  return password;
}

async function addUser(args: string[], io: Io): Promise<number> {
  const values = options(args, ['email', 'name', 'role', 'team', 'agency'], ['password-stdin']);
  const email = required(values, 'email');
  const name = required(values, 'name');
  const role = required(values, 'role');
  if (!isRole(role)) throw new CommandProblem(`--role must be one of: ${ROLES.join(', ')}`, 2);
  const teamName = typeof values.team === 'string' ? values.team.trim() : '';
  const agency = typeof values.agency === 'string' ? values.agency.trim() : '';
  if (TEAM_ROLES.includes(role) && !teamName)
    throw new CommandProblem(
      `A ${ROLE_LABELS[role].toLowerCase()} must belong to a team: add --team "Team name"`,
      2,
    );
  if (role === 'partner' && !agency)
    throw new CommandProblem('A partner agency professional needs --agency, for example --agency Police', 2);
  if (role === 'partner' && teamName)
    throw new CommandProblem('Partner agency professionals are not in a council team: leave out --team', 2);
  if (name.length > 200 || agency.length > 200)
    throw new CommandProblem('--name and --agency must be 200 characters or fewer', 2);
  const password = values['password-stdin'] ? await readPassword(io) : null;
  const config = configFrom(io);
  const { user, team } = await withDatabase(config, async (database, services) => {
    await migrate(database);
    let teamId: string | null = null;
    let teamLabel: string | null = null;
    if (teamName) {
      const team = await services.users.repo.findTeamByName(teamName);
      if (!team) {
        const known = (await services.teams.openOptions()).map((t) => t.name);
        throw new CommandProblem(
          `There is no team called "${teamName}". ${known.length ? `Teams: ${known.join(', ')}.` : 'There are no teams yet: add one in Hearth first (Teams, Add a team).'}`,
        );
      }
      teamId = team.id;
      teamLabel = team.name;
    }
    try {
      const added = await services.users.add(commandActor('hearth user add'), {
        email,
        name,
        role,
        teamId,
        agency: role === 'partner' ? agency : null,
        password,
      });
      return { user: added, team: teamLabel };
    } catch (error) {
      if (error instanceof UserProblem) throw new CommandProblem(error.message);
      throw error;
    }
  });
  io.out(
    `Added ${user.name} <${user.email}> as ${ROLE_LABELS[role].toLowerCase()}${team ? ` in ${team}` : ''}.`,
  );
  if (!password) io.out('They have no Hearth password, so they can only sign in with their council account.');
  return 0;
}

async function setActive(args: string[], io: Io, active: boolean): Promise<number> {
  const email = required(options(args, ['email']), 'email');
  const config = configFrom(io);
  const message = await withDatabase(config, async (_database, services) => {
    const user = await services.users.repo.findByEmail(email);
    if (!user) throw new CommandProblem(`There is no account with the email address ${email}`);
    if (user.active === active)
      return `${user.name} <${user.email}> is already ${active ? 'able to sign in' : 'switched off'}. Nothing changed.`;
    try {
      await services.users.setActive(
        commandActor(`hearth user ${active ? 'enable' : 'disable'}`),
        user.id,
        active,
      );
    } catch (error) {
      if (error instanceof InClosedTeam)
        throw new CommandProblem(
          `${user.name} <${user.email}> is in ${error.teamName}, which is closed, so their account stays switched off. Move them to an open team first, for example: hearth user change ${user.email} --team "Team name"`,
        );
      throw error;
    }
    if (!active) await services.sessions.endAllFor(user.id);
    return active
      ? `${user.name} <${user.email}> can sign in again.`
      : `Switched off ${user.name} <${user.email}> and signed them out everywhere. Nothing they recorded was removed.`;
  });
  io.out(message);
  return 0;
}

async function resetPassword(args: string[], io: Io): Promise<number> {
  const values = options(args, ['email'], ['password-stdin']);
  const email = required(values, 'email');
  if (!values['password-stdin'])
    throw new CommandProblem(
      'Give the new password on standard input with --password-stdin, so it does not appear in your shell history',
      2,
    );
  const password = await readPassword(io);
  const config = configFrom(io);
  const name = await withDatabase(config, async (_database, services) => {
    const user = await services.users.repo.findByEmail(email);
    if (!user) throw new CommandProblem(`There is no account with the email address ${email}`);
    try {
      await services.users.resetPassword(commandActor('hearth user reset-password'), user.id, password);
    } catch (error) {
      if (error instanceof UserProblem) throw new CommandProblem(error.message);
      throw error;
    }
    await services.sessions.endAllFor(user.id);
    return `${user.name} <${user.email}>`;
  });
  io.out(`Set a new password for ${name}, unlocked their account and signed them out everywhere.`);
  return 0;
}

const label = (role: string) => (isRole(role) ? ROLE_LABELS[role].toLowerCase() : role);

/**
 * `hearth user change EMAIL --role ROLE --team TEAM`: a new role and/or team (or agency), checked as
 * the Users page checks it (practitioners and managers need a team, partners an agency and no team,
 * no closed team), and audited as the command line (user-changed, with what changed from and to).
 */
async function changeUser(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { email: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' }, 'no-team': { type: 'boolean' }, agency: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new CommandProblem(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const email = (positionals[0] ?? values.email ?? '').trim();
  if (!email || positionals.length > 1 || (positionals.length === 1 && values.email))
    throw new CommandProblem(`Give the account's email address once, for example: hearth user change sam@council.gov.uk --role team-manager\n${USAGE}`, 2);
  const role = values.role?.trim();
  const teamName = values.team?.trim();
  const agency = values.agency?.trim();
  if (role === undefined && teamName === undefined && !values['no-team'] && agency === undefined)
    throw new CommandProblem(`Say what to change: --role, --team (or --no-team) or --agency\n${USAGE}`, 2);
  if (role !== undefined && !isRole(role)) throw new CommandProblem(`--role must be one of: ${ROLES.join(', ')}`, 2);
  if (teamName !== undefined && values['no-team']) throw new CommandProblem('Use --team or --no-team, not both', 2);
  if (teamName === '') throw new CommandProblem('--team needs the team\'s name, in quotes if it has spaces', 2);
  if (agency !== undefined && (!agency || agency.length > 200)) throw new CommandProblem('--agency needs the agency\'s name, 200 characters or fewer', 2);

  const config = configFrom(io);
  const lines = await withDatabase(config, async (database, services) => {
    await migrate(database);
    const found = await services.users.repo.findByEmail(email);
    const account = found ? await services.admin.repo.findAccount(found.id) : null;
    if (!account) throw new CommandProblem(`There is no account with the email address ${email}`);
    let teamId = values['no-team'] ? null : account.teamId;
    let newTeamName = values['no-team'] ? null : account.teamName;
    if (teamName !== undefined) {
      const team = await services.teams.repo.findByName(teamName);
      const open = (await services.teams.openOptions()).map((t) => t.name);
      const known = open.length ? ` Open teams: ${open.join(', ')}.` : '';
      if (!team) throw new CommandProblem(`There is no team called "${teamName}".${known}`);
      if (team.closedAt) throw new CommandProblem(`${team.name} is closed: choose an open team.${known}`);
      teamId = team.id;
      newTeamName = team.name;
    }
    const newRole = (role ?? account.role) as Role;
    const newAgency = newRole === 'partner' ? (agency ?? account.agency) : null;
    if (TEAM_ROLES.includes(newRole) && !teamId)
      throw new CommandProblem(`A ${label(newRole)} must belong to a team: add --team "Team name"`, 2);
    if (newRole === 'partner' && teamId)
      throw new CommandProblem('Partner agency professionals are not in a council team: add --no-team', 2);
    if (newRole === 'partner' && !newAgency)
      throw new CommandProblem('A partner agency professional needs --agency, for example --agency Police', 2);
    if (agency !== undefined && newRole !== 'partner')
      throw new CommandProblem('Only partner agency professionals have an agency: leave out --agency', 2);
    const changes = { name: account.name, role: newRole, teamId, agency: newAgency, active: account.active };
    const said = describeChanges(account, changes, newTeamName);
    if (said.length === 0) return [`${account.name} <${account.email}> is already a ${label(account.role)}${account.teamName ? ` in ${account.teamName}` : ''}. Nothing changed.`];
    const result = await services.admin.editAccount(commandActor('hearth user change'), account.id, account.version, changes);
    if (result.outcome === 'refused') throw new CommandProblem(result.message);
    if (result.outcome !== 'saved') throw new CommandProblem('Someone changed this account while the command ran. Nothing changed: run it again.');
    const out = [`Changed ${account.name} <${account.email}>: ${said.join('; ')}.`];
    if (teamId !== account.teamId) {
      const held = (await services.caseload.repo.caseloadCounts(services.db, [account.id])).get(account.id) ?? 0;
      if (held > 0)
        out.push(`They still hold ${held} ${held === 1 ? 'child' : 'children'} allocated to them: a manager should look at those allocations.`);
    }
    return out;
  });
  for (const line of lines) io.out(line);
  return 0;
}

function describeChanges(before: AccountSummary, after: { role: string; teamId: string | null; agency: string | null }, teamName: string | null): string[] {
  const said: string[] = [];
  if (before.role !== after.role) said.push(`role ${label(before.role)} → ${label(after.role)}`);
  if (before.teamId !== after.teamId) said.push(`team ${before.teamName ?? 'none'} → ${teamName ?? 'none'}`);
  if ((before.agency ?? null) !== after.agency) said.push(`agency ${before.agency ?? 'none'} → ${after.agency ?? 'none'}`);
  return said;
}
