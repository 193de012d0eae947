/**
 * Relationships and households (P2): the family view, its genogram, and the changes to them. Every
 * view and change writes its audit row in the same transaction as the read or write.
 */
import { randomUUID } from 'node:crypto';
import { todayInLondon } from '../../domain/dates';
import { inverseOf, type RelationshipType } from '../../domain/relationships';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import type { FieldErrors } from '../../platform/validation';
import { loadPersonHeader, type PersonHeader } from '../people/header';
import { buildFamilyView, fullName, shown, type FamilyView, type ShownPerson } from './familyView';
import { householdsService } from './households';
import { familiesRepository, type PersonRow } from './repository';

export type ActorContext = AuditContext & { actor: Actor };
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type Choice = ShownPerson & { kind: 'child' | 'adult' };

export function familiesService(db: Db) {
  /** Loads a person's whole family in a fixed number of queries, whatever its size. */
  async function loadFamily(tx: Db, actor: Actor, personId: string, title: string, standalone = false): Promise<FamilyView> {
    const repo = familiesRepository(tx);
    const today = todayInLondon();
    const [memberships, people, links] = [await repo.memberships(actor, personId), await repo.familyPeople(actor, personId, today), await repo.familyLinks(personId, today)];
    return buildFamilyView({ focusId: personId, title, today, memberships, people, links, standalone });
  }

  return {
    households: householdsService(db),

    /** The family page: header, households over time, relationships and genogram. Audited as a view. */
    async familyView(ctx: ActorContext, personId: string): Promise<{ person: PersonHeader; family: FamilyView } | null> {
      return db.transaction(async (tx) => {
        const person = await loadPersonHeader(tx, personId);
        if (!person) return null;
        const family = await loadFamily(tx, ctx.actor, personId, person.name);
        await audit(tx, ctx, { action: 'family-viewed', subjectType: 'person', subjectId: personId, childId: personId });
        return { person, family };
      });
    },

    /** The genogram on its own, as SVG. Audited as a view. */
    async genogram(ctx: ActorContext, personId: string): Promise<string> {
      return db.transaction(async (tx) => {
        const family = await loadFamily(tx, ctx.actor, personId, 'Family tree', true);
        await audit(tx, ctx, { action: 'genogram-viewed', subjectType: 'person', subjectId: personId, childId: personId });
        return family.svg;
      });
    },

    /**
     * A page about this person that is not the family view (a form): their header, audited as a view,
     * and, when asked, people this user may see matching a name or the one person chosen.
     */
    async formPage(ctx: ActorContext, personId: string, action: string, find: { words?: string[]; chosenId?: string | null } = {}) {
      return db.transaction(async (tx) => {
        const repo = familiesRepository(tx);
        const person = await loadPersonHeader(tx, personId);
        if (!person) return null;
        const results = find.words?.length ? (await repo.searchVisible(ctx.actor, find.words, [personId])).map(choice) : null;
        const chosenRow = find.chosenId ? await repo.person(ctx.actor, find.chosenId) : null;
        const chosen = chosenRow && chosenRow.visible && chosenRow.id !== personId ? choice(chosenRow) : null;
        await audit(tx, ctx, { action, subjectType: 'person', subjectId: personId, childId: personId, details: find.words ? { searched: true, results: results?.length ?? 0 } : {} });
        return { person, results, chosen };
      });
    },

    /** Records a relationship both ways (two rows, one pair id) in one transaction. */
    async addRelationship(ctx: ActorContext, personId: string, input: { relatedId: string; type: RelationshipType; fromDate: string | null }): Promise<Outcome<{ pairId: string }>> {
      return db.transaction(async (tx): Promise<Outcome<{ pairId: string }>> => {
        const repo = familiesRepository(tx);
        const related = input.relatedId === personId ? null : await repo.person(ctx.actor, input.relatedId);
        if (!related || !related.visible) return { ok: false, errors: { relatedId: 'Choose a person from the search results' } };
        if (await repo.hasCurrent(personId, related.id, input.type, todayInLondon())) {
          return { ok: false, errors: { type: `This relationship with ${fullName(related)} is already recorded` } };
        }
        const pairId = randomUUID();
        await repo.insertPair({ personId, relatedId: related.id, type: input.type, inverse: inverseOf(input.type), pairId, fromDate: input.fromDate });
        await audit(tx, ctx, { action: 'relationship-added', subjectType: 'relationship', subjectId: pairId, childId: personId, details: { relatedId: related.id, type: input.type } });
        await audit(tx, ctx, { action: 'relationship-added', subjectType: 'relationship', subjectId: pairId, childId: related.id, details: { relatedId: personId, type: inverseOf(input.type) } });
        return { ok: true, value: { pairId } };
      });
    },

    /** The relationship (from this person's side) that a pair id names, and whether the user may change it. */
    async relationshipFor(ctx: ActorContext, personId: string, pairId: string) {
      const repo = familiesRepository(db);
      const pair = await repo.relationshipRows(personId, pairId);
      const mine = pair.find((r) => r.person_id === personId);
      if (!mine) return null;
      const other = await repo.person(ctx.actor, mine.related_person_id);
      return { row: mine, other: other ? shown(other) : null, mayChange: !!other?.visible };
    },

    /** Ends both rows of a relationship on the date given. */
    async endRelationship(ctx: ActorContext, personId: string, pairId: string, toDate: string): Promise<Outcome<null>> {
      return db.transaction(async (tx): Promise<Outcome<null>> => {
        const repo = familiesRepository(tx);
        const pair = await repo.relationshipRows(personId, pairId);
        const mine = pair.find((r) => r.person_id === personId);
        if (!mine || mine.to_date !== null) return { ok: false, errors: { toDate: 'This relationship has already ended' } };
        if (mine.from_date && toDate < mine.from_date) {
          return { ok: false, errors: { toDate: 'The date the relationship ended must be on or after the date it started' } };
        }
        await repo.endPair(pairId, toDate);
        for (const row of pair) {
          await audit(tx, ctx, { action: 'relationship-ended', subjectType: 'relationship', subjectId: pairId, childId: row.person_id, details: { toDate } });
        }
        return { ok: true, value: null };
      });
    },
  };
}

function choice(p: PersonRow): Choice {
  return { ...shown(p), kind: p.kind };
}

export type FamiliesService = ReturnType<typeof familiesService>;
