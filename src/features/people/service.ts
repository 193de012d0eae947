import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { loadPersonHeader, viewPersonHeader, viewPersonPage, type PersonHeader } from './header';
import { peopleRepository, type PersonDetails } from './repository';
import { PERSON_FIELDS, type AddressInput, type PersonFields } from './schema';
import { searchPeople, type SearchOptions, type SearchResult } from './searchRepository';
import type { SearchQuery } from './searchQuery';
import { mergeService } from './mergeService';
import { restrictionService } from './restrictionService';
import { recordAuditTrail } from './auditTrail';
import { deliveryDateChanged } from '../assessments/reschedule';
import { todayInLondon } from '../../domain/dates';

export type SaveResult = { ok: true; version: number } | { ok: false; current: { fields: PersonFields; version: number } | null };

/** The fields whose values differ between two versions of a record. */
export function changedFields(a: PersonFields, b: PersonFields): (keyof PersonFields)[] {
  return PERSON_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/** People (P1) and finding them (P3): every read of a record and every change is audited in its transaction. */
export function peopleService(db: Db) {
  return {
    async create(ctx: AuditContext & { actor: Actor }, fields: PersonFields, address: AddressInput | null): Promise<string> {
      return db.transaction(async (tx) => {
        const repo = peopleRepository(tx);
        const id = await repo.insert(fields, ctx.actor.id);
        if (address) await repo.addAddress(id, address);
        await audit(tx, ctx, {
          action: 'person-created',
          subjectType: 'person',
          subjectId: id,
          childId: id,
          details: { kind: fields.kind, unborn: fields.expectedDeliveryDate !== null, withAddress: address !== null },
        });
        return id;
      });
    },

    /** The details page: the header, the record and the audit row of this view, in one transaction. */
    async view(ctx: AuditContext, personId: string): Promise<{ header: PersonHeader; details: PersonDetails } | null> {
      return db.transaction(async (tx) => {
        const header = await loadPersonHeader(tx, personId);
        const details = await peopleRepository(tx).details(personId);
        if (!header || !details) return null;
        await audit(tx, ctx, { action: 'viewed', subjectType: 'person', subjectId: personId, childId: personId, details: { page: 'details' } });
        return { header, details };
      });
    },

    header(personId: string): Promise<PersonHeader | null> {
      return loadPersonHeader(db, personId);
    },

    /** The form to change details (every field of the record): read and audited as a view in one transaction. */
    async editForm(ctx: AuditContext, personId: string) {
      const found = await viewPersonPage(db, ctx, personId, { action: 'person-edit-viewed' }, (tx) => peopleRepository(tx).fields(personId));
      return found ? { header: found.person, current: found.data } : null;
    },

    /** A form about this person that shows only their header (adding an address, merging): audited as a view. */
    formHeader(ctx: AuditContext, personId: string, action: string): Promise<PersonHeader | null> {
      return viewPersonHeader(db, ctx, personId, { action });
    },

    /** The form to record a move out of an address: audited as a view of the address, unless it has already ended (nothing is shown). */
    async addressEndForm(ctx: AuditContext, personId: string, addressId: string) {
      const found = await viewPersonPage(
        db,
        ctx,
        personId,
        (_person, address) => (address.toDate ? null : { action: 'address-end-viewed', subjectType: 'address', subjectId: address.id }),
        (tx: Db) => peopleRepository(tx).address(personId, addressId),
      );
      return found ? { header: found.person, address: found.data } : null;
    },

    fields(personId: string) {
      return peopleRepository(db).fields(personId);
    },

    address(personId: string, addressId: string) {
      return peopleRepository(db).address(personId, addressId);
    },

    /**
     * Saves a change only if nobody saved since the form was opened; otherwise returns what is saved now.
     * A new expected delivery date moves the unborn child's open pre-birth assessment's dates with it (A2),
     * in the same transaction, before the audit row (lock order: the person's row, then the assessment).
     */
    async update(ctx: AuditContext & { actor: Actor }, personId: string, fields: PersonFields, version: number, today: string = todayInLondon()): Promise<SaveResult> {
      return db.transaction(async (tx) => {
        const repo = peopleRepository(tx);
        const before = await repo.fields(personId);
        if (!before || before.version !== version) return { ok: false, current: before };
        const changed = changedFields(before.fields, fields);
        const newVersion = await repo.update(personId, fields, version, ctx.actor.id);
        if (newVersion === null) return { ok: false, current: await repo.fields(personId) };
        // Only a date changed to another date: a baby born (no expected date now) keeps the dates they had.
        const from = before.fields.expectedDeliveryDate;
        const to = fields.expectedDeliveryDate;
        if (from && to && from !== to) await deliveryDateChanged(tx, ctx, { childId: personId, from, to, today });
        // The audit says which fields changed, not their values: the record holds the values.
        await audit(tx, ctx, { action: 'person-updated', subjectType: 'person', subjectId: personId, childId: personId, details: { fields: changed, version: newVersion } });
        return { ok: true, version: newVersion };
      });
    },

    async addAddress(ctx: AuditContext, personId: string, address: AddressInput, endPrevious: boolean): Promise<void> {
      await db.transaction(async (tx) => {
        const repo = peopleRepository(tx);
        const ended = endPrevious && address.fromDate && !address.toDate ? await repo.endOpenAddresses(personId, address.fromDate) : 0;
        const id = await repo.addAddress(personId, address);
        await audit(tx, ctx, { action: 'address-added', subjectType: 'address', subjectId: id, childId: personId, details: { endedPrevious: ended } });
      });
    },

    async endAddress(ctx: AuditContext, personId: string, addressId: string, toDate: string): Promise<'ended' | 'not-found' | 'already-ended' | 'before-start'> {
      return db.transaction(async (tx) => {
        const repo = peopleRepository(tx);
        const address = await repo.address(personId, addressId);
        if (!address) return 'not-found';
        if (address.toDate) return 'already-ended';
        if (address.fromDate && toDate < address.fromDate) return 'before-start';
        if (!(await repo.endAddress(personId, addressId, toDate))) return 'already-ended';
        await audit(tx, ctx, { action: 'address-ended', subjectType: 'address', subjectId: addressId, childId: personId });
        return 'ended';
      });
    },

    search(actor: Actor, query: SearchQuery, opts: Omit<SearchOptions, 'wholeAuthority'> = {}): Promise<SearchResult[]> {
      return searchPeople(db, actor, query, opts);
    },

    /**
     * Before someone adds a person: likely matches they may open, and, across the whole authority,
     * how many likely matches other teams hold (only the team's name is told, nothing of the record).
     */
    async likelyDuplicates(actor: Actor, query: SearchQuery): Promise<{ visible: SearchResult[]; elsewhere: { teamName: string | null; count: number }[] }> {
      const found = await searchPeople(db, actor, query, { limit: 20, minScore: 0.6, wholeAuthority: true });
      const byTeam = new Map<string | null, number>();
      for (const r of found) if (!r.visible) byTeam.set(r.teamName, (byTeam.get(r.teamName) ?? 0) + 1);
      return { visible: found.filter((r) => r.visible).slice(0, 10), elsewhere: [...byTeam.entries()].map(([teamName, count]) => ({ teamName, count })) };
    },

    merge: mergeService(db),
    restriction: restrictionService(db),
    /** "Who has seen this record": reading it is itself audited, in the same transaction. */
    auditTrail(ctx: AuditContext, personId: string, before: number | null, pageSize?: number) {
      return db.transaction(async (tx) => {
        const page = await recordAuditTrail(tx, personId, before, pageSize);
        await audit(tx, ctx, { action: 'audit-viewed', subjectType: 'person', subjectId: personId, childId: personId });
        return page;
      });
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
