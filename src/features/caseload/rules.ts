/**
 * Pure rules for episodes and allocation (P5): calendar arithmetic on 'YYYY-MM-DD' dates, re-referrals
 * within 12 months and worker changes within 12 months (national measures, O3).
 */

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function toIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The same calendar date n months earlier; the last day of the month when that day does not exist (29 Feb). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return toIso(year, month, Math.min(d, lastDay));
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/**
 * Hearth's 12-month rule: a date is within 12 months before `later` when it is on or after the same
 * calendar date a year earlier (28 February for 29 February) and not after `later`.
 */
export function isWithin12MonthsBefore(earlier: string, later: string): boolean {
  return earlier <= later && earlier >= monthsBefore(later, 12);
}

export type ReferralDated = { id: string; referralDate: string };

/**
 * For each referral, the referral before it (by date, then by the order given for the same date) when
 * that one was within 12 months: the DfE re-referral measure counts referrals, not children.
 */
export function previousReferralsWithin12Months<T extends ReferralDated>(referrals: T[]): Map<string, T> {
  const ordered = referrals.map((r, i) => ({ r, i })).sort((a, b) => (a.r.referralDate === b.r.referralDate ? a.i - b.i : a.r.referralDate < b.r.referralDate ? -1 : 1));
  const result = new Map<string, T>();
  for (let k = 1; k < ordered.length; k += 1) {
    const before = ordered[k - 1]!.r;
    const current = ordered[k]!.r;
    if (isWithin12MonthsBefore(before.referralDate, current.referralDate)) result.set(current.id, before);
  }
  return result;
}

export type AllocationDated = { workerId: string | null; fromDate: string; toDate: string | null };

/**
 * Workers in the last 12 months (up to and including `today`), from the allocations oldest first
 * (allocations starting the same day keep the order given):
 * - `workers`: how many different workers were allocated at any time in the window;
 * - `changes`: how many times the child was given a different worker from the one before (a first
 *   worker is not a change; a spell with only a team between two workers is not a worker).
 */
export function workersIn12Months(allocations: AllocationDated[], today: string): { workers: number; changes: number } {
  const windowStart = monthsBefore(today, 12);
  const ordered = [...allocations].sort((a, b) => (a.fromDate < b.fromDate ? -1 : a.fromDate > b.fromDate ? 1 : 0));
  const workers = new Set<string>();
  let changes = 0;
  let previousWorker: string | null = null;
  for (const allocation of ordered) {
    if (!allocation.workerId || allocation.fromDate > today) continue;
    const overlaps = allocation.toDate === null || allocation.toDate >= windowStart;
    if (overlaps) workers.add(allocation.workerId);
    if (previousWorker !== null && previousWorker !== allocation.workerId && allocation.fromDate >= windowStart) changes += 1;
    previousWorker = allocation.workerId;
  }
  return { workers: workers.size, changes };
}
