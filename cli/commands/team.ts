import { parseArgs } from 'node:util';
import { migrate } from '../../src/platform/migrate';
import { newTeamSchema, TEAM_KINDS, type TeamKind } from '../../src/features/admin/schema';
import type { TeamsService } from '../../src/features/admin/teams';
import { CommandProblem, commandActor, configFrom, withDatabase, type Io } from './context';

const USAGE = [
  'Use one of:',
  '  hearth team list',
  '  hearth team add NAME [--kind KIND]',
  '  hearth team rename OLD-NAME NEW-NAME',
  '  hearth team close NAME',
  '  hearth team reopen NAME',
  'Put a name with spaces in quotes, for example: hearth team add "Children in Need South" --kind child-in-need',
].join('\n');

const KINDS = Object.keys(TEAM_KINDS) as TeamKind[];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `hearth team list|add|rename|close|reopen`: the council's teams, as on the Teams page, audited as the command line. */
export async function teamCommand(args: string[], io: Io): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'list':
      return list(rest, io);
    case 'add':
      return add(rest, io);
    case 'rename':
      return rename(rest, io);
    case 'close':
      return close(rest, io);
    case 'reopen':
      return reopen(rest, io);
    default:
      throw new CommandProblem(USAGE, 2);
  }
}

function parse(args: string[], positionals: number, options: Record<string, { type: 'string' }> = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CommandProblem(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  const names = parsed.positionals.map((p) => p.trim());
  if (names.length !== positionals || names.some((n) => !n)) throw new CommandProblem(USAGE, 2);
  return { names, values: parsed.values as Record<string, string | undefined> };
}

/** A team name as the Teams page accepts it, or a usage problem in the same words. */
function checkedName(name: string): string {
  const parsed = newTeamSchema.shape.name.safeParse(name);
  if (!parsed.success) throw new CommandProblem(parsed.error.issues[0]?.message ?? 'That team name cannot be used', 2);
  return parsed.data;
}

async function named(teams: TeamsService, name: string) {
  const team = await teams.repo.findByName(name);
  if (team) return team;
  const open = (await teams.openOptions()).map((t) => t.name);
  throw new CommandProblem(`There is no team called "${name}". ${open.length ? `Teams: ${open.join(', ')}.` : 'There are no teams yet.'}`);
}

async function list(args: string[], io: Io): Promise<number> {
  parse(args, 0);
  const lines = await withDatabase(configFrom(io), async (database, services) => {
    await migrate(database);
    const all = await services.teams.repo.list();
    if (all.length === 0) return ['There are no teams yet. Add one with: hearth team add "Team name" --kind KIND'];
    const describe = (t: (typeof all)[number]) =>
      `  ${t.name} (${t.kind}): ${plural(t.activeMembers, 'active member', 'active members')}, ${plural(t.children, 'allocated child', 'allocated children')}`;
    const open = all.filter((t) => !t.closedAt);
    const closed = all.filter((t) => t.closedAt);
    return [
      'Open teams:',
      ...(open.length ? open.map(describe) : ['  none']),
      ...(closed.length ? ['Closed teams:', ...closed.map((t) => `  ${t.name} (${t.kind}), closed on ${t.closedAt!.toISOString().slice(0, 10)}`)] : []),
    ];
  });
  for (const line of lines) io.out(line);
  return 0;
}

async function add(args: string[], io: Io): Promise<number> {
  const { names, values } = parse(args, 1, { kind: { type: 'string' } });
  const name = checkedName(names[0]!);
  const kind = (values.kind?.trim() || 'social-work') as TeamKind;
  if (!KINDS.includes(kind)) throw new CommandProblem(`--kind must be one of: ${KINDS.join(', ')}`, 2);
  const id = await withDatabase(configFrom(io), async (database, services) => {
    await migrate(database);
    return services.teams.add(commandActor('hearth team add'), { name, kind });
  });
  if (!id) throw new CommandProblem(`There is already a team called "${name}" (open or closed): choose a different name`);
  io.out(`Added the team ${name} (${TEAM_KINDS[kind]}). Add people to it with: hearth user add ... --team "${name}"`);
  return 0;
}

async function rename(args: string[], io: Io): Promise<number> {
  const { names } = parse(args, 2);
  const newName = checkedName(names[1]!);
  const message = await withDatabase(configFrom(io), async (_database, services) => {
    const team = await named(services.teams, names[0]!);
    const result = await services.teams.rename(commandActor('hearth team rename'), team.id, team.version, newName);
    switch (result.outcome) {
      case 'saved':
        return `Renamed ${team.name} to ${newName}. Its people, children and history are under the new name.`;
      case 'unchanged':
        return `The team is already called ${newName}. Nothing changed.`;
      case 'duplicate':
        throw new CommandProblem(`There is already a team called "${newName}" (open or closed): choose a different name`);
      case 'conflict':
        throw new CommandProblem('Someone changed this team while the command ran. Nothing changed: run it again.');
      case 'not-found':
        throw new CommandProblem(`There is no team called "${names[0]}"`);
    }
  });
  io.out(message);
  return 0;
}

async function close(args: string[], io: Io): Promise<number> {
  const { names } = parse(args, 1);
  const message = await withDatabase(configFrom(io), async (_database, services) => {
    const team = await named(services.teams, names[0]!);
    const result = await services.teams.close(commandActor('hearth team close'), team.id, null);
    switch (result.outcome) {
      case 'closed':
        return `Closed ${team.name}. It is no longer offered when adding users or allocating children; its history is kept.`;
      case 'already-closed':
        return `${team.name} is already closed. Nothing changed.`;
      case 'in-use':
        throw new CommandProblem(result.message);
      case 'conflict':
      case 'not-found':
        throw new CommandProblem('Someone changed this team while the command ran. Nothing changed: run it again.');
    }
  });
  io.out(message);
  return 0;
}

async function reopen(args: string[], io: Io): Promise<number> {
  const { names } = parse(args, 1);
  const message = await withDatabase(configFrom(io), async (_database, services) => {
    const team = await named(services.teams, names[0]!);
    const result = await services.teams.reopen(commandActor('hearth team reopen'), team.id, null);
    switch (result.outcome) {
      case 'reopened':
        return `Reopened ${team.name}. It is offered again when adding users and allocating children.`;
      case 'already-open':
        return `${team.name} is open. Nothing changed.`;
      case 'conflict':
      case 'not-found':
        throw new CommandProblem('Someone changed this team while the command ran. Nothing changed: run it again.');
    }
  });
  io.out(message);
  return 0;
}
