import type { Random } from '../../src/domain/random';
import { ageOnDay, at, isoDay } from './days';
import type { Patch } from './episodes';
import { generateHistory, type Scenario } from './history';
import { generateHomes } from './homes';
import { makeUpn } from './identifiers';
import { generateMembers } from './members';
import type { FamilyRows, Member, PersonRow, SeedContext, Staffing } from './model';

export type { FamilyRows, SeedContext, Staffing, TeamStaff } from './model';
export type { Scenario } from './history';

/**
 * The shared family generator for the demo and the scale dataset. Pure: the same generator state,
 * context and options always give the same rows (ids included). A family is people, their
 * relationships both ways, households and addresses over time, and ten years of contacts,
 * referrals, episodes and allocations; each person's current team and worker mirror their open
 * allocation.
 */
export function generateFamily(
  r: Random,
  ctx: SeedContext,
  opts: { scenario?: Scenario; patch?: Patch; children?: number; unborn?: boolean } = {},
): { rows: FamilyRows; children: Member[]; adults: Member[] } {
  const today = ctx.today;
  const shape: { children?: number; unborn?: boolean } = {};
  if (opts.children !== undefined) shape.children = opts.children;
  if (opts.unborn !== undefined) shape.unborn = opts.unborn;
  const m = generateMembers(r.fork('members'), ctx, shape);
  const patch = opts.patch ?? pickPatch(r, ctx.staffing);
  const history = generateHistory(r.fork('history'), ctx, m, patch, opts.scenario ?? { kind: 'natural' });
  const firstContact = history.contacts.reduce((least, c) => (c.receivedOn < least ? c.receivedOn : least), isoDay(today));
  const recordedFrom = Math.floor(Date.parse(`${firstContact}T00:00:00Z`) / 86_400_000);
  const homes = generateHomes(r.fork('homes'), today, m, history.away, recordedFrom);
  const extra = r.fork('identifiers');
  const people = m.members.map((member) => personRow(extra, ctx, member, history.current.get(member.id) ?? null, recordedFrom));
  return {
    rows: {
      people,
      addresses: homes.addresses,
      relationships: m.relationships,
      households: homes.households,
      householdMembers: homes.householdMembers,
      contacts: history.contacts,
      contactChildren: history.contactChildren,
      episodes: history.episodes,
      referrals: history.referrals,
      allocations: history.allocations,
    },
    children: m.children,
    adults: m.members.filter((p) => p.kind === 'adult'),
  };
}

export function pickPatch(r: Random, staffing: Staffing): Patch {
  return { frontDoor: r.pick(staffing.frontDoor), longTerm: r.pick(staffing.longTerm), earlyHelp: r.pick(staffing.earlyHelp), inCare: r.pick(staffing.inCare) };
}

const IMMIGRATION = ['Refugee status', 'Limited leave to remain', 'Indefinite leave to remain', 'Asylum seeker', 'No recourse to public funds'];

function personRow(r: Random, ctx: SeedContext, p: Member, current: { teamId: string; workerId: string | null } | null, recordedFrom: number): PersonRow {
  const born = p.dob !== null;
  if (born && r.chance(p.kind === 'child' ? 0.88 : 0.45)) p.nhsNumber = ctx.nhs();
  const age = p.dob === null ? null : ageOnDay(p.dob, ctx.today);
  if (p.kind === 'child' && age !== null && age >= 4 && age <= 18 && r.chance(0.6)) p.upn = makeUpn(r, new Date((p.dob! + 4 * 365) * 86_400_000).getUTCFullYear());
  const newcomer = p.heritage === 'african' || p.heritage === 'other' || p.heritage === 'other-asian' || p.heritage === 'eastern-european';
  const recorded = at(recordedFrom, r.int(540, 1000));
  return {
    id: p.id,
    kind: p.kind,
    firstName: p.firstName,
    middleNames: p.middleNames,
    lastName: p.lastName,
    knownAs: p.knownAs,
    formerNames: p.formerNames,
    dateOfBirth: p.dob === null ? null : isoDay(p.dob),
    dateOfBirthEstimated: p.dobEstimated,
    expectedDeliveryDate: p.edd === null ? null : isoDay(p.edd),
    dateOfDeath: p.dateOfDeath === null ? null : isoDay(p.dateOfDeath),
    sex: p.sex,
    genderIdentity: null,
    ethnicity: p.ethnicity,
    religion: p.religion,
    firstLanguage: p.firstLanguage,
    interpreterNeeded: p.kind === 'adult' && p.firstLanguage !== null && p.firstLanguage !== 'English' && r.chance(0.35),
    disabilities: p.disabilities,
    immigrationStatus: newcomer && p.kind === 'adult' && r.chance(0.15) ? r.pick(IMMIGRATION) : null,
    nhsNumber: p.nhsNumber,
    upn: p.upn,
    restricted: false,
    currentTeamId: current?.teamId ?? null,
    currentWorkerId: current?.workerId ?? null,
    createdAt: recorded,
    createdBy: null,
    updatedAt: recorded,
    updatedBy: null,
    version: 1,
  };
}
