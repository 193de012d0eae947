import { audit, type AuditContext } from '../../platform/audit';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import { contactsRepository, type ContactChild, type ContactChildDetail, type ContactRecord } from './repository';
import { episodeTypeForDecision, openEpisodes, type Opened } from './outcomes';
import type { ContactInput, DecisionInput } from './schema';
import { formatDate, todayInLondon } from '../../domain/dates';
import { raiseReviewPrompts } from '../assessments/living/reviewPrompts';
import { recordChronologyEntry } from '../chronology/record';
import { contactDecisionEntry, contactRecordedEntry } from '../chronology/fromRecords';

type Ctx = AuditContext & { actor: Actor };
/** Reasons given this session for opening restricted records, by person id. */
type Reasons = Record<string, string>;

/** Why a set of children cannot be used or shown, or the children when they can. */
export type ChildrenCheck<T extends ContactChild> =
  | { outcome: 'ok'; children: T[] }
  | { outcome: 'not-found' }
  | { outcome: 'merged'; from: string; to: string; name: string }
  | { outcome: 'denied'; personId: string }
  | { outcome: 'restricted'; personId: string }
  | { outcome: 'adult'; name: string; children: T[] };

/** The access module's answer for every child at once (peopleScope, computed in the same query). */
export function checkChildren<T extends ContactChild>(children: T[], expected: number, reasons: Reasons): ChildrenCheck<T> {
  if (children.length < expected || children.length === 0) return { outcome: 'not-found' };
  const merged = children.find((c) => c.mergedInto);
  if (merged) return { outcome: 'merged', from: merged.id, to: merged.mergedInto!, name: merged.name };
  const denied = children.find((c) => !c.visible);
  if (denied) return { outcome: 'denied', personId: denied.id };
  const restricted = children.find((c) => c.restricted && !reasons[c.id]);
  if (restricted) return { outcome: 'restricted', personId: restricted.id };
  const adult = children.find((c) => c.kind !== 'child');
  if (adult) return { outcome: 'adult', name: adult.name, children };
  return { outcome: 'ok', children };
}

export type OpenedContact = { contact: ContactRecord; children: ContactChildDetail[] };

export type Refusal = Exclude<ChildrenCheck<ContactChild>, { outcome: 'ok' }>;

async function refuse(db: Db, ctx: Ctx, check: Refusal, route: string): Promise<Refusal> {
  if (check.outcome === 'denied') {
    await audit(db, ctx, { action: 'access-refused', subjectType: 'person', subjectId: check.personId, childId: check.personId, details: { route } });
  }
  return check;
}

/** The front door (P4): contacts about one or several children, consent, and the manager's decision. */
export function frontDoorService(db: Db) {
  const repo = contactsRepository(db);

  /** Loads a contact and its children inside `tx`, checked against the user's access. */
  async function load(tx: Db, ctx: Ctx, contactId: string, reasons: Reasons, route: string): Promise<(OpenedContact & { outcome: 'ok' }) | Refusal> {
    const contact = await repo.find(tx, contactId);
    if (!contact) return { outcome: 'not-found' };
    const children = await repo.childrenOf(tx, ctx.actor, contactId);
    const check = checkChildren(children, 1, reasons);
    if (check.outcome === 'merged' || check.outcome === 'adult') return { outcome: 'ok', contact, children };
    if (check.outcome !== 'ok') return refuse(tx, ctx, check, route);
    return { outcome: 'ok', contact, children };
  }

  return {
    repo,

    /**
     * The children picked for a new contact, each checked with the access module. With `viewed`, the
     * form is shown with them: audited once per child, in the same transaction as the read.
     */
    async pickChildren(ctx: Ctx, ids: string[], reasons: Reasons, route: string, viewed?: string): Promise<ChildrenCheck<ContactChild>> {
      return db.transaction(async (tx) => {
        const check = checkChildren(await contactsRepository(tx).children(ctx.actor, ids), ids.length, reasons);
        // An adult among them is shown on the form too, with the error that says to remove them.
        if (viewed && (check.outcome === 'ok' || check.outcome === 'adult')) {
          await audit(tx, ctx, check.children.map((child) => ({ action: viewed, subjectType: 'person', subjectId: child.id, childId: child.id, reason: reasons[child.id] ?? null })));
        }
        if (check.outcome === 'ok') {
          const order = new Map(ids.map((id, i) => [id, i]));
          check.children.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
          return check;
        }
        return refuse(tx, ctx, check, route);
      });
    },

    /** Records a contact and the children it is about, audited per child, in one transaction. */
    async record(ctx: Ctx, input: ContactInput, reasons: Reasons): Promise<{ outcome: 'ok'; id: string } | Refusal> {
      return db.transaction(async (tx) => {
        const check = checkChildren(await contactsRepository(tx).children(ctx.actor, input.children), input.children.length, reasons);
        if (check.outcome !== 'ok') return refuse(tx, ctx, check, 'POST /contacts');
        const id = await repo.insert(
          tx,
          {
            receivedOn: input.receivedOn,
            sourceCode: input.source,
            referrerName: input.referrerName,
            referrerAgency: input.referrerAgency,
            referrerPhone: input.referrerPhone,
            concern: input.concern,
            consent: input.consent as ContactRecord['consent'],
            consentNotSoughtReason: input.consentNotSoughtReason,
            recordedBy: ctx.actor.id,
          },
          input.children,
        );
        await recordChronologyEntry(tx, ctx, contactRecordedEntry(id, input));
        await audit(tx, ctx, input.children.map((child) => ({ action: 'contact-recorded', subjectType: 'contact', subjectId: id, childId: child, reason: reasons[child] ?? null, details: { children: input.children.length } })));
        return { outcome: 'ok', id };
      });
    },

    /** Opens a contact to read it: checked, and audited once per child in the same transaction as the read. */
    async open(ctx: Ctx, contactId: string, reasons: Reasons) {
      return db.transaction(async (tx) => {
        const loaded = await load(tx, ctx, contactId, reasons, 'GET /contacts/:contactId');
        if (loaded.outcome !== 'ok') return loaded;
        await audit(tx, ctx, loaded.children.map((child) => ({ action: 'contact-viewed', subjectType: 'contact', subjectId: contactId, childId: child.id, reason: reasons[child.id] ?? null })));
        return loaded;
      });
    },

    /**
     * Loads a contact for a manager's form, audited once per child as a view in the same transaction
     * (`action`), unless `shown` says the form will not be shown (the caller redirects). Forms re-check on saving.
     */
    async forForm(ctx: Ctx, contactId: string, reasons: Reasons, route: string, view: { action: string; shown: (contact: ContactRecord) => boolean }) {
      return db.transaction(async (tx) => {
        const loaded = await load(tx, ctx, contactId, reasons, route);
        if (loaded.outcome !== 'ok' || !view.shown(loaded.contact)) return loaded;
        await audit(tx, ctx, loaded.children.map((child) => ({ action: view.action, subjectType: 'contact', subjectId: contactId, childId: child.id, reason: reasons[child.id] ?? null })));
        return loaded;
      });
    },

    /**
     * The manager's decision, once. A referral opens a child in need episode and makes a referral for
     * each child (referral date = the date the contact was received); early help opens an early help
     * episode. All in one transaction, audited per child.
     */
    async decide(ctx: Ctx, contactId: string, input: DecisionInput, reasons: Reasons): Promise<{ outcome: 'ok'; opened: Opened[] } | { outcome: 'already-decided' } | Refusal> {
      return db.transaction(async (tx) => {
        const loaded = await load(tx, ctx, contactId, reasons, 'POST /contacts/:contactId/decision');
        if (loaded.outcome !== 'ok') return loaded;
        const { contact, children } = loaded;
        if (!(await repo.setDecision(tx, contactId, { ...input, decidedBy: ctx.actor.id }))) return { outcome: 'already-decided' };
        const type = episodeTypeForDecision(input.decision);
        const opened = type
          ? await openEpisodes(tx, {
              type,
              childIds: children.map((c) => c.id),
              startDate: contact.receivedOn,
              createdBy: ctx.actor.id,
              referral: input.decision === 'referral' ? { contactId, sourceCode: contact.sourceCode } : null,
            })
          : [];
        // A10: a new referral asks for each child's assessment to be reviewed. Raised before the first
        // audit row (docs/architecture.md, lock order): the prompts lock the assessments (FOR KEY SHARE),
        // and a save of an assessment locks it FOR UPDATE and then audits. The chronology entry's links
        // lock the children, which the referrals above have locked already.
        if (input.decision === 'referral') await raiseReviewPrompts(tx, ctx, { childIds: opened.map((o) => o.personId), reason: `New referral received on ${formatDate(contact.receivedOn)}`, originType: 'contact', originId: contactId });
        await recordChronologyEntry(tx, ctx, contactDecisionEntry(contactId, { ...input, decidedOn: todayInLondon(), receivedOn: contact.receivedOn }, children, opened));
        for (const child of children) {
          const outcome = opened.find((o) => o.personId === child.id);
          await audit(tx, ctx, {
            action: 'contact-decided',
            subjectType: 'contact',
            subjectId: contactId,
            childId: child.id,
            details: { decision: input.decision, episodeId: outcome?.episodeId ?? null, episodeOpened: outcome?.episodeOpened ?? false, referralId: outcome?.referralId ?? null },
          });
        }
        return { outcome: 'ok', opened };
      });
    },

    /** A manager authorises, with reasons, that consent to share was not sought. Once, audited per child. */
    async authoriseConsent(ctx: Ctx, contactId: string, reason: string, reasons: Reasons): Promise<{ outcome: 'ok' } | { outcome: 'not-needed' } | Refusal> {
      return db.transaction(async (tx) => {
        const loaded = await load(tx, ctx, contactId, reasons, 'POST /contacts/:contactId/consent-authorisation');
        if (loaded.outcome !== 'ok') return loaded;
        const done = await repo.authoriseConsent(tx, contactId, { consentAuthorisedBy: ctx.actor.id, consentAuthorisationReason: reason });
        if (!done) return { outcome: 'not-needed' };
        await audit(tx, ctx, loaded.children.map((child) => ({ action: 'consent-not-sought-authorised', subjectType: 'contact', subjectId: contactId, childId: child.id })));
        return { outcome: 'ok' };
      });
    },
  };
}

export type FrontDoorService = ReturnType<typeof frontDoorService>;
