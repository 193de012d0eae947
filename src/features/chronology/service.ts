/**
 * The chronology (H1-H3): a child's and a family's, entries typed directly, their history and who
 * they are shared with. Every read of a chronology is audited in the transaction that reads it (a
 * family's, once for each member whose record it shows), and every change in the transaction that makes it. Settings are read before a transaction opens (the
 * embedded database has one connection).
 */
import { audit, type AuditContext } from '../../platform/audit';
import { can, type Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { SettingsStore } from '../../platform/settings';
import { todayInLondon } from '../../domain/dates';
import { CHRONOLOGY_EXPORT_LIMIT } from '../../domain/chronology';
import { actionsFromChronologyEntry } from '../../domain/safeguardingTriggers';
import { lockPersonForTasks, raiseSafeguardingTasks } from '../tasks/raise';
import { loadPersonHeader, viewPersonPage, type PersonHeader } from '../people/header';
import { recordChronologyEntry, updateChronologyEntry } from './record';
import { chronologyRepository, type EntryRow, type FamilyMember } from './repository';
import { entryRepository, type EntryRecord } from './entryRepository';
import type { ChronologyFilters, PageRequest } from './conditions';
import type { EntryInput } from './schema';
import { patternsFor, type PatternOptions } from './patterns';

type Ctx = AuditContext & { actor: Actor };

export const PAGE_SIZE = 50;

export type ChronologyList = {
  header: PersonHeader;
  members: FamilyMember[];
  rows: EntryRow[];
  hasNext: boolean;
  hasPrevious: boolean;
  matching: number;
  total: number;
  lateDays: number;
  filters: ChronologyFilters;
};

export type EntryChangeResult =
  | { outcome: 'saved' }
  | { outcome: 'not-found' }
  | { outcome: 'from-source'; entry: EntryRecord }
  | { outcome: 'denied' }
  | { outcome: 'conflict'; entry: EntryRecord };

/** The whole filtered chronology for an export: `more` when entries past `limit` were left out. */
export type ChronologyExport = ChronologyList & { limit: number; more: boolean };

export function chronologyService(db: Db, settings: SettingsStore, options: { exportLimit?: number } = {}) {
  const exportLimit = options.exportLimit ?? CHRONOLOGY_EXPORT_LIMIT;
  /** The people whose links a page reads: the person alone, or every family member this user may see. */
  const scopeOf = (members: FamilyMember[], personId: string, family: boolean) => (family ? members.filter((m) => m.visible || m.self).map((m) => m.id) : [personId]);

  /** `detailsOf` adds to each audit row what only the rows read can tell (an export that could not be made). */
  type ReadOptions = { family: boolean; action: string; details?: Record<string, unknown>; detailsOf?: (read: Pick<ChronologyList, 'header' | 'members' | 'rows'>) => Record<string, unknown> };

  async function read(ctx: Ctx, personId: string, filters: ChronologyFilters, page: PageRequest, opts: ReadOptions): Promise<ChronologyList | null> {
    const lateDays = await settings.get('chronology.lateDays');
    return db.transaction(async (tx) => {
      const repo = chronologyRepository(tx);
      const header = await loadPersonHeader(tx, personId);
      if (!header) return null;
      const members = await repo.members(ctx.actor, personId, todayInLondon());
      const people = scopeOf(members, personId, opts.family);
      const allowedPerson = filters.personId && members.some((m) => m.id === filters.personId && (m.visible || m.self)) ? filters.personId : null;
      const applied = { ...filters, personId: allowedPerson };
      const found = opts.family ? await repo.familyPage(ctx.actor, people, applied, page) : await repo.childPage(ctx.actor, personId, applied, page);
      const stats = await repo.stats(ctx.actor, people, applied, opts.family);
      const more = found.rows.length > page.limit;
      const kept = found.rows.slice(0, page.limit);
      const rows = found.backwards ? kept.reverse() : kept;
      const learnt = opts.detailsOf ? opts.detailsOf({ header, members, rows }) : {};
      // A family's chronology shows every member's record: each of them gets the audit row.
      await audit(
        tx,
        ctx,
        people.map((person) => ({
          action: opts.action,
          subjectType: 'person',
          subjectId: personId,
          childId: person,
          details: { family: opts.family, people: opts.family ? people : undefined, entries: rows.length, filters: applied, ...opts.details, ...learnt },
        })),
      );
      return {
        header,
        members,
        rows,
        hasNext: found.backwards ? true : more,
        hasPrevious: found.backwards ? more : page.after !== null,
        ...stats,
        lateDays,
        filters: applied,
      };
    });
  }

  /** One entry this user may see, for its form or history, audited as a view. */
  async function entry(ctx: Ctx, personId: string, entryId: string, action: string) {
    return db.transaction(async (tx) => {
      const entry = await entryRepository(tx).find(ctx.actor, personId, entryId);
      if (!entry) return null;
      const header = await loadPersonHeader(tx, personId);
      if (!header) return null;
      const revisions = action === 'chronology-history-viewed' ? await entryRepository(tx).revisions(entryId) : [];
      await audit(tx, ctx, { action, subjectType: 'chronology-entry', subjectId: entryId, childId: personId });
      return { entry, header, revisions };
    });
  }

  return {
    /** The most entries an export or the print view holds. */
    exportLimit,

    /** A page of a child's (or, with `family`, a family's) chronology, audited as a view. */
    list(ctx: Ctx, personId: string, filters: ChronologyFilters, page: PageRequest, family: boolean) {
      return read(ctx, personId, filters, page, { family, action: family ? 'family-chronology-viewed' : 'chronology-viewed' });
    },

    /**
     * The whole filtered chronology, up to the export limit, for a PDF, a CSV or the print view, audited
     * as a disclosure: what, in what form, for what. One keyset page from the start, read one past the
     * limit, so `more` says whether anything was left out (an export of exactly the limit is whole).
     */
    async exportAll(
      ctx: Ctx,
      personId: string,
      filters: ChronologyFilters,
      family: boolean,
      disclosure: { format: 'pdf' | 'csv' | 'print'; purpose: string; detailsOf?: ReadOptions['detailsOf'] },
    ): Promise<ChronologyExport | null> {
      const list = await read(ctx, personId, filters, { after: null, before: null, limit: exportLimit }, { family, action: 'chronology-disclosed', details: { format: disclosure.format, purpose: disclosure.purpose }, detailsOf: disclosure.detailsOf });
      // Read forwards from the start, `hasNext` is the read's `more`: a row past the limit was found.
      return list && { ...list, limit: exportLimit, more: list.hasNext };
    },

    /** The analytical view: patterns over every entry this user may see, audited as a view. */
    async patterns(ctx: Ctx, personId: string, family: boolean, options: Omit<PatternOptions, 'gapWeeks' | 'today'>) {
      const gapWeeks = await settings.get('chronology.gapWeeks');
      return db.transaction(async (tx) => {
        const repo = chronologyRepository(tx);
        const header = await loadPersonHeader(tx, personId);
        if (!header) return null;
        const members = await repo.members(ctx.actor, personId, todayInLondon());
        const people = scopeOf(members, personId, family);
        const entries = await repo.patternEntries(ctx.actor, people);
        const children = family ? members.filter((m) => m.kind === 'child' && people.includes(m.id)).map((m) => m.id) : [personId];
        // When help started and stopped is the child's involvement history: a partner agency sees patterns only in the entries shared with it.
        const episodes = can(ctx.actor, 'involvement:view') ? await repo.episodes(children) : [];
        await audit(tx, ctx, people.map((person) => ({ action: 'chronology-patterns-viewed', subjectType: 'person', subjectId: personId, childId: person, details: { family, people: family ? people : undefined } })));
        return { header, members, gapWeeks, ...patternsFor(entries, episodes, { ...options, gapWeeks, today: todayInLondon() }) };
      });
    },

    /** The other people an entry typed on this person's chronology may concern: household members this user may see. */
    async linkable(ctx: Ctx, personId: string): Promise<FamilyMember[]> {
      const members = await chronologyRepository(db).members(ctx.actor, personId, todayInLondon());
      return members.filter((m) => m.visible && !m.self);
    },

    /** The form to add an event: the person's header and who else it may concern, read and audited as a view in one transaction. */
    async entryForm(ctx: Ctx, personId: string) {
      const found = await viewPersonPage(db, ctx, personId, { action: 'chronology-entry-form-viewed' }, async (tx) => {
        const members = await chronologyRepository(tx).members(ctx.actor, personId, todayInLondon());
        return members.filter((m) => m.visible && !m.self);
      });
      return found ? { header: found.person, linkable: found.data } : null;
    },

    /** Records an entry typed directly, once, linked to this person and everyone chosen (audited per person). */
    async add(ctx: Ctx, personId: string, input: EntryInput): Promise<string> {
      // A suspected crime raises "tell the police now" with the entry (A13); settings are read before the transaction.
      const actions = actionsFromChronologyEntry(input);
      const calendar = actions.length > 0 ? await settings.calendar() : undefined;
      return db.transaction(async (tx) => {
        const entryId = await recordChronologyEntry(tx, ctx, {
          occurredOn: input.occurredOn,
          occurredPrecision: input.precision,
          category: input.category,
          summary: input.summary,
          significance: input.significance,
          sourceKind: input.sourceKind,
          sourceName: input.sourceName,
          sourceAgency: input.sourceAgency,
          impact: input.impact,
          originType: 'entry',
          personIds: [personId, ...input.people],
        });
        await raiseSafeguardingTasks(tx, ctx, { personId, actions, originType: 'chronology-entry', originId: entryId, today: todayInLondon(), calendar });
        return entryId;
      });
    },

    /** One entry this user may see, for its form or history, audited as a view. */
    entry,

    /**
     * Saves a change to an entry typed on the chronology, if nobody saved since `version` was read.
     * Entries made from other records are changed at their source. The user must see everyone the
     * entry concerns; links to people not offered on the form (`offered`) are kept as they are.
     */
    async update(ctx: Ctx, personId: string, entryId: string, input: EntryInput, version: number, offered: string[]): Promise<EntryChangeResult> {
      const actions = actionsFromChronologyEntry(input);
      const calendar = actions.length > 0 ? await settings.calendar() : undefined;
      return db.transaction(async (tx): Promise<EntryChangeResult> => {
        const entry = await entryRepository(tx).find(ctx.actor, personId, entryId);
        if (!entry) return { outcome: 'not-found' };
        if (entry.originType !== 'entry') return { outcome: 'from-source', entry };
        if (entry.people.some((p) => !p.visible)) {
          await audit(tx, ctx, { action: 'access-refused', subjectType: 'chronology-entry', subjectId: entryId, childId: personId, details: { change: true } });
          return { outcome: 'denied' };
        }
        const kept = entry.people.map((p) => p.id).filter((id) => id !== personId && !offered.includes(id));
        // Only a change into a kind of event that raises an action raises it: correcting the words of an
        // entry that already raised it (and whose task may be done) raises nothing new.
        const raising = entry.category === input.category ? [] : actions;
        // A task raised below is written after the change's audit rows and refers to the person, whose
        // link the change need not write: the person is locked first (lock order).
        if (raising.length > 0) await lockPersonForTasks(tx, personId);
        const result = await updateChronologyEntry(tx, ctx, {
          entryId,
          expectedVersion: version,
          occurredOn: input.occurredOn,
          occurredPrecision: input.precision,
          category: input.category,
          summary: input.summary,
          significance: input.significance,
          sourceKind: input.sourceKind,
          sourceName: input.sourceName,
          sourceAgency: input.sourceAgency,
          impact: input.impact,
          personIds: [personId, ...kept, ...input.people],
        });
        if (result.ok) {
          // Changed into a suspected crime or a child missing education: raised now, once.
          await raiseSafeguardingTasks(tx, ctx, { personId, actions: raising, originType: 'chronology-entry', originId: entryId, today: todayInLondon(), calendar });
          return { outcome: 'saved' };
        }
        return result.reason === 'conflict' ? { outcome: 'conflict', entry } : { outcome: 'not-found' };
      });
    },

    /** Partner agency users granted this person, and whether the entry is shared with each. */
    async sharing(ctx: Ctx, personId: string, entryId: string) {
      const found = await entry(ctx, personId, entryId, 'chronology-sharing-viewed');
      if (!found) return null;
      return { ...found, partners: await entryRepository(db).partners(personId, entryId) };
    },

    /** Shares the entry with exactly these partners (of those granted this person): a disclosure, audited per person it concerns. */
    async share(ctx: Ctx, personId: string, entryId: string, userIds: string[]): Promise<{ outcome: 'saved'; added: number; removed: number } | { outcome: 'not-found' } | { outcome: 'invalid' }> {
      return db.transaction(async (tx) => {
        const repo = entryRepository(tx);
        const entry = await repo.find(ctx.actor, personId, entryId);
        if (!entry) return { outcome: 'not-found' as const };
        const eligible = (await repo.partners(personId, entryId)).map((p) => p.userId);
        if (userIds.some((id) => !eligible.includes(id))) return { outcome: 'invalid' as const };
        const change = await repo.setShares(entryId, eligible, userIds, ctx.actor.id);
        if (change.added.length + change.removed.length > 0) {
          await audit(tx, ctx, entry.people.map((person) => ({ action: 'chronology-entry-shared', subjectType: 'chronology-entry', subjectId: entryId, childId: person.id, details: { sharedWith: change.added, stoppedSharingWith: change.removed } })));
        }
        return { outcome: 'saved' as const, added: change.added.length, removed: change.removed.length };
      });
    },
  };
}

export type ChronologyService = ReturnType<typeof chronologyService>;
