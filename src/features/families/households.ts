/**
 * Households over time: create one from a person, add members, end a membership. A household has
 * no record of its own to guard, so it is guarded by its members: the user must see at least one
 * current member to open it, and every current member (and the person joining or leaving) to change it.
 * A change asks for the children's assessments to be reviewed (A10): the prompts are raised before the
 * change's audit row (docs/architecture.md, lock order), since their rows lock the assessments
 * (FOR KEY SHARE) and a save of an assessment locks it FOR UPDATE and then audits.
 */
import { todayInLondon } from '../../domain/dates';
import { audit, type AuditContext } from '../../platform/audit';
import { raiseReviewPrompts } from '../assessments/living/reviewPrompts';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { fullName, shown, type ShownPerson } from './familyView';
import { familiesRepository, type MembershipRow } from './repository';

type Ctx = AuditContext & { actor: Actor };
type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type HouseholdMember = ShownPerson & { memberId: string; fromDate: string | null; toDate: string | null; current: boolean };
export type Household = { id: string; name: string; members: HouseholdMember[] };
export type Refusal = { outcome: 'not-found' } | { outcome: 'denied' };
export type HouseholdAccess = Refusal | { outcome: 'allowed'; household: Household };
export type HouseholdPage = { outcome: 'not-found' } | { outcome: 'denied' } | { outcome: 'allowed'; household: Household; results: ShownPerson[] | null; chosen: ShownPerson | null };

const isCurrent = (toDate: string | null, today: string) => toDate === null || toDate > today;

function toHousehold(rows: MembershipRow[], today: string): Household {
  return {
    id: rows[0]!.household_id,
    name: rows[0]!.household_name,
    members: rows
      .map((r) => ({ ...shown(r), memberId: r.member_id, fromDate: r.from_date, toDate: r.to_date, current: isCurrent(r.to_date, today) }))
      .sort((a, b) => Number(b.current) - Number(a.current)),
  };
}

export function householdsService(db: Db) {
  /** May this user open (or change) this household? Refusals are audited. */
  async function check(db: Db, ctx: Ctx, householdId: string, forChange: boolean): Promise<HouseholdAccess> {
    const rows = await familiesRepository(db).household(ctx.actor, householdId);
    if (rows.length === 0) return { outcome: 'not-found' };
    const today = todayInLondon();
    const current = rows.filter((r) => isCurrent(r.to_date, today));
    const involved = current.length > 0 ? current : rows;
    const allowed = forChange ? involved.every((r) => r.visible) : involved.some((r) => r.visible);
    if (!allowed) {
      await audit(db, ctx, { action: 'access-refused', subjectType: 'household', subjectId: householdId, details: { change: forChange } });
      return { outcome: 'denied' };
    }
    return { outcome: 'allowed', household: toHousehold(rows, today) };
  }

  return {
    /**
     * The household for a page that changes it, with (when asked) people this user may see matching a
     * name, or the one person chosen. The view is audited with the people it shows.
     */
    async forChange(ctx: Ctx, householdId: string, action: string, find: { words?: string[]; chosenId?: string | null } = {}): Promise<HouseholdPage> {
      return db.transaction(async (tx): Promise<HouseholdPage> => {
        const access = await check(tx, ctx, householdId, true);
        if (access.outcome !== 'allowed') return access;
        const repo = familiesRepository(tx);
        const current = access.household.members.filter((m) => m.current).map((m) => m.id);
        const results = find.words?.length ? (await repo.searchVisible(ctx.actor, find.words, current)).map(shown) : null;
        const chosenRow = find.chosenId ? await repo.person(ctx.actor, find.chosenId) : null;
        const chosen = chosenRow?.visible ? shown(chosenRow) : null;
        await audit(tx, ctx, { action, subjectType: 'household', subjectId: householdId, details: { people: current, searched: !!find.words } });
        return { ...access, results, chosen };
      });
    },

    /** A new household with this person as its first member. */
    async create(ctx: Ctx, personId: string, input: { name: string; fromDate: string | null }): Promise<string> {
      return db.transaction(async (tx) => {
        const repo = familiesRepository(tx);
        const householdId = await repo.insertHousehold(input.name, ctx.actor.id);
        await repo.insertMember(householdId, personId, input.fromDate);
        // A10: a change of household asks for the child's assessment to be reviewed (before the audit row: see the top of this file).
        await raiseReviewPrompts(tx, ctx, { childIds: [personId], reason: `Started living in a new household: ${input.name}`, originType: 'household', originId: householdId });
        await audit(tx, ctx, { action: 'household-created', subjectType: 'household', subjectId: householdId, childId: personId, details: { fromDate: input.fromDate } });
        return householdId;
      });
    },

    /** Adds a person the user may see to a household they may change. */
    async addMember(ctx: Ctx, householdId: string, input: { personId: string; fromDate: string | null }): Promise<Outcome<{ memberId: string }> | Refusal> {
      return db.transaction(async (tx): Promise<Outcome<{ memberId: string }> | Refusal> => {
        const access = await check(tx, ctx, householdId, true);
        if (access.outcome !== 'allowed') return access;
        const repo = familiesRepository(tx);
        const person = await repo.person(ctx.actor, input.personId);
        if (!person || !person.visible) return { ok: false, errors: { personId: 'Choose a person from the search results' } };
        if (access.household.members.some((m) => m.id === person.id && m.current)) {
          return { ok: false, errors: { personId: `${fullName(person)} already lives in this household` } };
        }
        const memberId = await repo.insertMember(householdId, person.id, input.fromDate);
        // A10: a change of household asks for the assessments of the children there (and of the person joining) to be reviewed.
        await raiseReviewPrompts(tx, ctx, { childIds: [...access.household.members.filter((m) => m.current).map((m) => m.id), person.id], reason: `${fullName(person)} joined ${access.household.name}`, originType: 'household-member', originId: memberId });
        await audit(tx, ctx, { action: 'household-member-added', subjectType: 'household', subjectId: householdId, childId: person.id, details: { memberId, fromDate: input.fromDate } });
        return { ok: true, value: { memberId } };
      });
    },

    /** Ends one membership: the person left the household on that date. */
    async endMember(ctx: Ctx, householdId: string, memberId: string, toDate: string): Promise<Outcome<{ personId: string }> | Refusal> {
      return db.transaction(async (tx): Promise<Outcome<{ personId: string }> | Refusal> => {
        const access = await check(tx, ctx, householdId, true);
        if (access.outcome !== 'allowed') return access;
        const member = access.household.members.find((m) => m.memberId === memberId);
        if (!member) return { outcome: 'not-found' };
        if (!member.current) return { ok: false, errors: { toDate: 'This person has already left the household' } };
        if (member.fromDate && toDate < member.fromDate) {
          return { ok: false, errors: { toDate: 'The date they left must be on or after the date they joined the household' } };
        }
        await familiesRepository(tx).endMember(memberId, toDate);
        // A10: a change of household asks for the assessments of the person leaving and the children staying to be reviewed.
        await raiseReviewPrompts(tx, ctx, { childIds: access.household.members.filter((m) => m.current).map((m) => m.id), reason: `${member.name} left ${access.household.name}`, originType: 'household-member', originId: memberId });
        await audit(tx, ctx, { action: 'household-member-ended', subjectType: 'household', subjectId: householdId, childId: member.id, details: { memberId, toDate } });
        return { ok: true, value: { personId: member.id } };
      });
    },
  };
}

export type HouseholdsService = ReturnType<typeof householdsService>;
