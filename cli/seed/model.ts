import type { Random } from '../../src/domain/random';
import type { addresses, householdMembers, households, people, relationships } from '../../src/features/people/tables';
import type { allocations, contactChildren, contacts, episodes, referrals } from '../../src/features/referrals/tables';
import type { Heritage } from './names';

/** The shapes the generators share: rows ready to insert, and what they know about each person. */
export type PersonRow = typeof people.$inferInsert & { id: string };
export type AddressRow = typeof addresses.$inferInsert;
export type RelationshipRow = typeof relationships.$inferInsert;
export type HouseholdRow = typeof households.$inferInsert;
export type HouseholdMemberRow = typeof householdMembers.$inferInsert;
export type ContactRow = typeof contacts.$inferInsert;
export type ContactChildRow = typeof contactChildren.$inferInsert;
export type ReferralRow = typeof referrals.$inferInsert;
export type EpisodeRow = typeof episodes.$inferInsert;
export type AllocationRow = typeof allocations.$inferInsert;

export type FamilyRows = {
  people: PersonRow[];
  addresses: AddressRow[];
  relationships: RelationshipRow[];
  households: HouseholdRow[];
  householdMembers: HouseholdMemberRow[];
  contacts: ContactRow[];
  contactChildren: ContactChildRow[];
  episodes: EpisodeRow[];
  referrals: ReferralRow[];
  allocations: AllocationRow[];
};

export const TABLE_ORDER = ['people', 'addresses', 'relationships', 'households', 'householdMembers', 'contacts', 'contactChildren', 'episodes', 'referrals', 'allocations'] as const;

export function emptyRows(): FamilyRows {
  return { people: [], addresses: [], relationships: [], households: [], householdMembers: [], contacts: [], contactChildren: [], episodes: [], referrals: [], allocations: [] };
}

export function appendRows(into: FamilyRows, from: FamilyRows): void {
  for (const table of TABLE_ORDER) (into[table] as unknown[]).push(...(from[table] as unknown[]));
}

/** A team and the people in it who decide and who hold cases. Former workers appear only in history. */
export type TeamStaff = { teamId: string; managers: string[]; workers: string[]; formerWorkers: string[] };

/** The teams a family's work passes through: the front door, long-term child in need, early help, children in care. */
export type Staffing = { frontDoor: TeamStaff[]; longTerm: TeamStaff[]; earlyHelp: TeamStaff[]; inCare: TeamStaff[] };

export type SeedContext = {
  /** Today, as a day number: history runs up to it and open work is open on it. */
  today: number;
  staffing: Staffing;
  /** The next unused valid NHS number, or null when none is left. */
  nhs: () => string | null;
};

export type Member = {
  id: string;
  role: 'mother' | 'father' | 'absent-father' | 'partner' | 'child' | 'grandparent' | 'relative' | 'friend';
  kind: 'child' | 'adult';
  sex: 'M' | 'F' | 'U';
  heritage: Heritage;
  firstName: string;
  middleNames: string | null;
  lastName: string;
  knownAs: string | null;
  formerNames: string[];
  dob: number | null;
  edd: number | null;
  dobEstimated: boolean;
  dateOfDeath: number | null;
  ethnicity: string;
  firstLanguage: string | null;
  religion: string | null;
  disabilities: string[];
  nhsNumber: string | null;
  upn: string | null;
  /** A child's father, when known. */
  father: Member | null;
};

export type Members = {
  members: Member[];
  relationships: RelationshipRow[];
  mother: Member;
  children: Member[];
  surname: string;
  residentFather: { member: Member; from: number; to: number | null } | null;
  newPartner: Member | null;
  grandparents: Member[];
  grandparentAtHome: Member | null;
};

export const DISABILITIES = ['AUT', 'LD', 'COMM', 'BEH', 'MOB', 'HEAR', 'VIS', 'PC', 'DDA'] as const;

export function pickChildCount(r: Random): number {
  return r.weighted([[1, 32], [2, 30], [3, 20], [4, 11], [5, 7]] as const);
}

/** The eldest child's age today: children of every age, and some now grown up who were known as children. */
export function pickEldestAge(r: Random, children: number): number {
  const least = Math.min(17, Math.ceil((children - 1) * 1.6));
  return r.chance(0.14) ? r.int(18, 23) : r.int(least, 17);
}
