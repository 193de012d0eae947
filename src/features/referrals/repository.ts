import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../platform/tables';
import { contactChildren, contacts } from './tables';

/** A child named on a contact, as the front door pages show them. */
export type ContactChild = {
  id: string;
  kind: 'child' | 'adult';
  name: string;
  dateOfBirth: string | null;
  restricted: boolean;
  mergedInto: string | null;
  visible: boolean;
};

type ChildRow = {
  id: string;
  kind: 'child' | 'adult';
  name: string;
  date_of_birth: string | null;
  restricted: boolean;
  merged_into: string | null;
  visible: boolean | null;
};

const childColumns = (actor: Actor, p: string): SQL => {
  const a = sql.raw(p);
  return sql`${a}.id, ${a}.kind, concat_ws(' ', ${a}.first_name, ${a}.last_name) AS name, ${a}.date_of_birth::text AS date_of_birth,
    ${a}.restricted, ${a}.merged_into, (${peopleScope(actor, p)}) IS TRUE AS visible`;
};

const toChild = (r: ChildRow): ContactChild => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  dateOfBirth: r.date_of_birth,
  restricted: r.restricted,
  mergedInto: r.merged_into,
  visible: r.visible === true,
});

/**
 * A contact is visible when the user may see every child on it (after following merges): the concern
 * is about all of them together, so it is never shown to someone who may see only some.
 */
export function contactVisibleTo(actor: Actor, contact: string): SQL {
  return sql`NOT EXISTS (
    SELECT 1 FROM contact_children vcc
    JOIN people vp0 ON vp0.id = vcc.person_id
    JOIN people vp ON vp.id = coalesce(vp0.merged_into, vp0.id)
    WHERE vcc.contact_id = ${sql.raw(contact)}.id AND (${peopleScope(actor, 'vp')}) IS NOT TRUE)`;
}

export type ContactListRow = {
  id: string;
  receivedOn: string;
  sourceCode: string;
  concernStart: string;
  consent: string;
  consentAuthorised: boolean;
  decision: string | null;
  children: { id: string; name: string }[];
};

export type ContactRecord = typeof contacts.$inferSelect & { recordedByName: string | null; decidedByName: string | null; consentAuthorisedByName: string | null };

export type ContactChildDetail = ContactChild & {
  openStage: string | null;
  previousReferral: string | null;
  referralCount: number;
  referralId: string | null;
};

const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value === 'string') return JSON.parse(value) as T;
  return (value as T | null) ?? fallback;
};

export function contactsRepository(db: Db) {
  return {
    /** The children the user picked, each with whether this user may see them: one query. */
    async children(actor: Actor, ids: string[]): Promise<ContactChild[]> {
      if (ids.length === 0) return [];
      const found = await rows<ChildRow>(
        db,
        sql`SELECT ${childColumns(actor, 'p')} FROM people p WHERE p.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
      );
      return found.map(toChild);
    },

    async insert(tx: Db, values: typeof contacts.$inferInsert, childIds: string[]): Promise<string> {
      const inserted = await tx.insert(contacts).values(values).returning({ id: contacts.id });
      const id = inserted[0]!.id;
      await tx.insert(contactChildren).values(childIds.map((personId) => ({ contactId: id, personId })));
      return id;
    },

    /** Newest first, keyset paged on (received date, id), only contacts this user may see. */
    async list(actor: Actor, opts: { waiting: boolean; before: { receivedOn: string; id: string } | null; limit: number }): Promise<ContactListRow[]> {
      const waiting = opts.waiting ? sql`AND c.decision IS NULL` : sql``;
      const before = opts.before ? sql`AND (c.received_on, c.id) < (${opts.before.receivedOn}::date, ${opts.before.id}::uuid)` : sql``;
      const found = await rows<{
        id: string;
        received_on: string;
        source_code: string;
        concern_start: string;
        consent: string;
        consent_authorised: boolean;
        decision: string | null;
        children: unknown;
      }>(
        db,
        sql`SELECT c.id, c.received_on::text AS received_on, c.source_code, left(c.concern, 160) AS concern_start, c.consent,
                   c.consent_authorised_at IS NOT NULL AS consent_authorised, c.decision,
                   (SELECT json_agg(json_build_object('id', p.id, 'name', concat_ws(' ', p.first_name, p.last_name)) ORDER BY p.date_of_birth, p.first_name)
                      FROM contact_children cc JOIN people p ON p.id = cc.person_id WHERE cc.contact_id = c.id) AS children
            FROM contacts c
            WHERE true ${waiting} ${before} AND ${contactVisibleTo(actor, 'c')}
            ORDER BY c.received_on DESC, c.id DESC
            LIMIT ${opts.limit}`,
      );
      return found.map((r) => ({
        id: r.id,
        receivedOn: r.received_on,
        sourceCode: r.source_code,
        concernStart: r.concern_start,
        consent: r.consent,
        consentAuthorised: r.consent_authorised,
        decision: r.decision,
        children: parseJson(r.children, []),
      }));
    },

    async find(tx: Db, contactId: string): Promise<ContactRecord | null> {
      const recorder = alias(users, 'recorder');
      const decider = alias(users, 'decider');
      const authoriser = alias(users, 'authoriser');
      const found = await tx
        .select({ contact: contacts, recordedByName: recorder.name, decidedByName: decider.name, consentAuthorisedByName: authoriser.name })
        .from(contacts)
        .leftJoin(recorder, eq(recorder.id, contacts.recordedBy))
        .leftJoin(decider, eq(decider.id, contacts.decidedBy))
        .leftJoin(authoriser, eq(authoriser.id, contacts.consentAuthorisedBy))
        .where(eq(contacts.id, contactId))
        .limit(1);
      const row = found[0];
      return row ? { ...row.contact, recordedByName: row.recordedByName, decidedByName: row.decidedByName, consentAuthorisedByName: row.consentAuthorisedByName } : null;
    },

    /** The children on a contact (the kept record where one was merged), with what the decision needs to know. */
    async childrenOf(tx: Db, actor: Actor, contactId: string): Promise<ContactChildDetail[]> {
      const found = await rows<ChildRow & { open_stage: string | null; previous_referral: string | null; referral_count: unknown; referral_id: string | null }>(
        tx,
        sql`SELECT ${childColumns(actor, 'p')},
                   (SELECT e.type FROM episodes e WHERE e.person_id = p.id AND e.end_date IS NULL ORDER BY e.start_date DESC, e.id LIMIT 1) AS open_stage,
                   (SELECT max(r.referral_date)::text FROM referrals r
                     WHERE r.person_id = p.id AND r.contact_id IS DISTINCT FROM c.id AND r.referral_date <= c.received_on) AS previous_referral,
                   (SELECT count(*) FROM referrals r WHERE r.person_id = p.id AND r.contact_id IS DISTINCT FROM c.id) AS referral_count,
                   (SELECT r.id FROM referrals r WHERE r.contact_id = c.id AND r.person_id = p.id LIMIT 1) AS referral_id
            FROM contacts c
            JOIN contact_children cc ON cc.contact_id = c.id
            JOIN people p0 ON p0.id = cc.person_id
            JOIN people p ON p.id = coalesce(p0.merged_into, p0.id)
            WHERE c.id = ${contactId}
            ORDER BY p.date_of_birth, p.first_name`,
      );
      return found.map((r) => ({
        ...toChild(r),
        openStage: r.open_stage,
        previousReferral: r.previous_referral,
        referralCount: toNumber(r.referral_count),
        referralId: r.referral_id,
      }));
    },

    /** Records the decision once: false when someone already recorded one. */
    async setDecision(tx: Db, contactId: string, values: { decision: NonNullable<ContactRecord['decision']>; decisionReason: string; decidedBy: string }): Promise<boolean> {
      const updated = await tx
        .update(contacts)
        .set({ ...values, decidedAt: new Date(), version: sql`${contacts.version} + 1` })
        .where(and(eq(contacts.id, contactId), isNull(contacts.decision)))
        .returning({ id: contacts.id });
      return updated.length === 1;
    },

    /** Records a manager's authorisation once, and only where consent was not sought: false otherwise. */
    async authoriseConsent(tx: Db, contactId: string, values: { consentAuthorisedBy: string; consentAuthorisationReason: string }): Promise<boolean> {
      const updated = await tx
        .update(contacts)
        .set({ ...values, consentAuthorisedAt: new Date(), version: sql`${contacts.version} + 1` })
        .where(and(eq(contacts.id, contactId), eq(contacts.consent, 'not-sought'), isNull(contacts.consentAuthorisedAt)))
        .returning({ id: contacts.id });
      return updated.length === 1;
    },
  };
}

export type ContactsRepository = ReturnType<typeof contactsRepository>;
