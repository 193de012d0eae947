import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import { episodes, referrals } from './tables';

export type EpisodeType = (typeof episodes.$inferSelect)['type'];

/** What a contact decision starts: a referral to social care opens a child in need episode; early help an early help episode. */
export function episodeTypeForDecision(decision: string): EpisodeType | null {
  if (decision === 'referral') return 'child-in-need';
  if (decision === 'early-help') return 'early-help';
  return null;
}

export type Opened = { personId: string; episodeId: string; episodeOpened: boolean; referralId: string | null };

/**
 * For each child: the open episode of this type (a child already open to that service keeps the one
 * they have; a new one starts on `startDate` otherwise), and a referral linked to it when there is one.
 * Three statements whatever the number of children.
 */
export async function openEpisodes(
  tx: Db,
  opts: { type: EpisodeType; childIds: string[]; startDate: string; createdBy: string; referral: { contactId: string; sourceCode: string } | null },
): Promise<Opened[]> {
  if (opts.childIds.length === 0) return [];
  const open = await tx
    .select({ id: episodes.id, personId: episodes.personId })
    .from(episodes)
    .where(and(inArray(episodes.personId, opts.childIds), isNull(episodes.endDate), eq(episodes.type, opts.type)));
  const episodeFor = new Map(open.map((e) => [e.personId, e.id]));
  const toOpen = opts.childIds.filter((id) => !episodeFor.has(id));
  const opened = new Set<string>();
  if (toOpen.length > 0) {
    const inserted = await tx
      .insert(episodes)
      .values(toOpen.map((personId) => ({ personId, type: opts.type, startDate: opts.startDate, createdBy: opts.createdBy })))
      .returning({ id: episodes.id, personId: episodes.personId });
    for (const e of inserted) {
      episodeFor.set(e.personId, e.id);
      opened.add(e.personId);
    }
  }
  const referralFor = new Map<string, string>();
  if (opts.referral) {
    const made = await tx
      .insert(referrals)
      .values(
        opts.childIds.map((personId) => ({
          personId,
          contactId: opts.referral!.contactId,
          episodeId: episodeFor.get(personId)!,
          referralDate: opts.startDate,
          sourceCode: opts.referral!.sourceCode,
          createdBy: opts.createdBy,
        })),
      )
      .returning({ id: referrals.id, personId: referrals.personId });
    for (const r of made) referralFor.set(r.personId, r.id);
  }
  return opts.childIds.map((personId) => ({
    personId,
    episodeId: episodeFor.get(personId)!,
    episodeOpened: opened.has(personId),
    referralId: referralFor.get(personId) ?? null,
  }));
}
