import { z } from 'zod';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { dateFromParts, formatDate, todayInLondon } from '../../domain/dates';
import { grantsRepository } from './grantsRepository';
import { isUuid } from './schema';

/** The same day one year on (29 February becomes 28 February). */
export function oneYearOn(isoDate: string): string {
  const [y, m, d] = isoDate.split('-') as [string, string, string];
  const next = `${Number(y) + 1}-${m}-${d}`;
  return m === '02' && d === '29' ? `${Number(y) + 1}-02-28` : next;
}

// Letters, numbers, punctuation and line breaks; no other control characters.
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
// The date's three boxes are checked together below, so their problem is shown once, against the date.
const part = z.unknown().optional();

/** Adding a grant: who, why, and the last day of access (today at the earliest, a year away at the latest). */
export function grantSchema(today: string = todayInLondon()) {
  const latest = oneYearOn(today);
  return (
    z
      .object({
        partner: z
          .string({ error: 'Select who needs access' })
          .trim()
          .refine(isUuid, 'Select who needs access'),
        purpose: z
          .string({ error: 'Enter why they need access' })
          .trim()
          .min(1, 'Enter why they need access')
          .max(500, 'Why they need access must be 500 characters or fewer')
          .regex(NO_CONTROL, 'Why they need access must only include letters, numbers and punctuation'),
        'expiry-day': part,
        'expiry-month': part,
        'expiry-year': part,
      })
      // Runs even when another field failed, so every problem is shown at once.
      .superRefine(
        (value: Record<string, unknown>, ctx) => {
          const checked = checkLastDay(value, today, latest);
          if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['expiry'], message: checked.message });
        },
        { when: () => true },
      )
      .transform((value) => {
        const checked = checkLastDay(value, today, latest);
        return {
          partner: value.partner,
          purpose: value.purpose,
          lastDay: checked.ok ? checked.lastDay : today,
        };
      })
  );
}

/** The last day as an ISO date when it is acceptable, otherwise what is wrong with it. */
function checkLastDay(
  value: Record<string, unknown>,
  today: string,
  latest: string,
): { ok: true; lastDay: string } | { ok: false; message: string } {
  const problem = (message: string) => ({ ok: false, message }) as const;
  const [d, m, y] = ['expiry-day', 'expiry-month', 'expiry-year'].map((k) =>
    typeof value[k] === 'string' ? (value[k] as string) : '',
  ) as [string, string, string];
  if (!d.trim() && !m.trim() && !y.trim()) return problem('Enter the last day they can see this record');
  const lastDay = dateFromParts(d, m, y);
  if (!lastDay) return problem('The last day of access must be a real date, like 31 3 2026');
  if (lastDay < today) return problem('The last day of access must be today or in the future');
  if (lastDay > latest)
    return problem(`The last day of access must be within a year, on or before ${formatDate(latest)}`);
  return { ok: true, lastDay };
}

export type GrantOutcome =
  { outcome: 'added'; id: string } | { outcome: 'refused'; field: 'partner'; message: string };

/** A manager gives a partner agency professional access to one child's record, for a purpose, until a date. */
export function grantsService(db: Db) {
  const repo = grantsRepository(db);
  return {
    repo,

    async recordView(ctx: AuditContext, personId: string): Promise<void> {
      await audit(db, ctx, {
        action: 'grants-viewed',
        subjectType: 'person',
        subjectId: personId,
        childId: personId,
      });
    },

    async add(
      ctx: AuditContext & { actor: Actor },
      personId: string,
      input: { partner: string; purpose: string; lastDay: string },
    ): Promise<GrantOutcome> {
      return db.transaction(async (tx) => {
        const txRepo = grantsRepository(tx);
        const partner = await txRepo.activePartner(input.partner);
        if (!partner)
          return {
            outcome: 'refused',
            field: 'partner',
            message: 'Select who needs access from the list',
          } as const;
        const existing = await txRepo.currentFor(personId, partner.id);
        if (existing) {
          const message = `${partner.name} can already see this record until ${formatDate(existing)}. To change that, end their access first and then add it again`;
          return { outcome: 'refused', field: 'partner', message } as const;
        }
        const id = await txRepo.insert({
          personId,
          userId: partner.id,
          purpose: input.purpose,
          grantedBy: ctx.actor.id,
          lastDay: input.lastDay,
        });
        await audit(tx, ctx, {
          action: 'grant-added',
          subjectType: 'person',
          subjectId: personId,
          childId: personId,
          details: { grantId: id, partnerId: partner.id, lastDay: input.lastDay },
        });
        return { outcome: 'added', id } as const;
      });
    },

    /** Ends a current grant now. False when there was no such current grant on this record. */
    async revoke(ctx: AuditContext, personId: string, grantId: string): Promise<boolean> {
      if (!isUuid(grantId)) return false;
      return db.transaction(async (tx) => {
        const partnerId = await grantsRepository(tx).revoke(personId, grantId);
        if (!partnerId) return false;
        await audit(tx, ctx, {
          action: 'grant-revoked',
          subjectType: 'person',
          subjectId: personId,
          childId: personId,
          details: { grantId, partnerId },
        });
        return true;
      });
    },
  };
}

export type GrantsService = ReturnType<typeof grantsService>;
