import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareNewestFirst,
  compareOldestFirst,
  daysAfterEvent,
  decodeCursor,
  describeOccurred,
  encodeCursor,
  isTypedLate,
  latestPossibleDay,
  occurredOnFromParts,
  partsFromOccurred,
  sortChronology,
  type OrderKey,
} from './chronologyOrder';

const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const recorded = fc
  .tuple(fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([d, micro]) => `${d.toISOString().slice(0, 23)}${String(micro).padStart(3, '0')}Z`);
const entry = fc.record({ occurredOn: day, recordedAt: recorded, entryId: fc.uuid() });
/** Few distinct days and timestamps, so ties are common. */
const tied = fc.record({
  occurredOn: fc.constantFrom('2024-01-05', '2024-01-06'),
  recordedAt: fc.constantFrom('2024-01-06T09:00:00.000000Z', '2024-01-06T09:00:00.000001Z'),
  entryId: fc.uuid(),
});

const key = (e: OrderKey) => `${e.occurredOn}|${e.recordedAt}|${e.entryId}`;

describe('the order of a chronology', () => {
  it('gives the same event-date order whatever order the entries were inserted in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.entryId, maxLength: 40 }), fc.infiniteStream(fc.nat()), (entries, stream) => {
        const shuffled = [...entries];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = stream.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(sortChronology(shuffled, 'oldest').map(key)).toEqual(sortChronology(entries, 'oldest').map(key));
        expect(sortChronology(shuffled, 'newest').map(key)).toEqual(sortChronology(entries, 'newest').map(key));
      }),
    );
  });

  it('orders by the date it happened, never by when it was recorded', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.entryId, maxLength: 40 }), (entries) => {
        const sorted = sortChronology(entries, 'oldest');
        for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]!.occurredOn <= sorted[i]!.occurredOn).toBe(true);
      }),
    );
  });

  it('breaks ties by the time recorded, then by entry id, and newest first is the exact reverse', () => {
    fc.assert(
      fc.property(fc.uniqueArray(tied, { selector: (e) => e.entryId, minLength: 2, maxLength: 30 }), (entries) => {
        const oldest = sortChronology(entries, 'oldest');
        for (let i = 1; i < oldest.length; i++) {
          const [a, b] = [oldest[i - 1]!, oldest[i]!];
          if (a.occurredOn === b.occurredOn) {
            expect(a.recordedAt <= b.recordedAt).toBe(true);
            if (a.recordedAt === b.recordedAt) expect(a.entryId.toLowerCase() < b.entryId.toLowerCase()).toBe(true);
          }
        }
        expect(sortChronology(entries, 'newest').map(key)).toEqual([...oldest].reverse().map(key));
      }),
    );
  });

  it('is a total order: antisymmetric and never calls two different entries equal', () => {
    fc.assert(
      fc.property(entry, entry, (a, b) => {
        expect(Math.sign(compareOldestFirst(a, b))).toBe(-Math.sign(compareOldestFirst(b, a)));
        expect(compareNewestFirst(a, b)).toBe(compareOldestFirst(b, a));
        if (a.entryId !== b.entryId) expect(compareOldestFirst(a, b)).not.toBe(0);
      }),
    );
  });

  it('pages by keyset without skipping or repeating an entry', () => {
    fc.assert(
      fc.property(fc.uniqueArray(tied, { selector: (e) => e.entryId, maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (entries, size) => {
        const all = sortChronology(entries, 'newest');
        const seen: OrderKey[] = [];
        let after: OrderKey | null = null;
        for (;;) {
          const cursor = after;
          const page = all.filter((e) => cursor === null || compareNewestFirst(e, cursor) > 0).slice(0, size);
          if (page.length === 0) break;
          seen.push(...page);
          after = decodeCursor(encodeCursor(page[page.length - 1]!));
        }
        expect(seen.map(key)).toEqual(all.map(key));
      }),
    );
  });
});

describe('cursors', () => {
  it('round-trips an order key and refuses anything else', () => {
    const k = { occurredOn: '2025-03-01', recordedAt: '2025-03-02T10:00:00.123456Z', entryId: '0b0c0c00-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(k))).toEqual(k);
    for (const bad of ['', 'x', '2025-02-30_2025-03-02T10:00:00.123456Z_0b0c0c00-0000-4000-8000-000000000001', "1' OR '1'='1", ['a'], 42, null, 'a'.repeat(500)]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe('the date it happened, with a precision', () => {
  const today = '2026-03-10';
  it('needs a whole date for an exact day or a best guess, a month and year for a month, a year for a year', () => {
    expect(occurredOnFromParts({ day: '3', month: '2', year: '2025' }, 'day', today)).toEqual({ ok: true, occurredOn: '2025-02-03' });
    expect(occurredOnFromParts({ day: '', month: '2', year: '2025' }, 'month', today)).toEqual({ ok: true, occurredOn: '2025-02-01' });
    expect(occurredOnFromParts({ day: '17', month: '2', year: '2025' }, 'month', today)).toEqual({ ok: true, occurredOn: '2025-02-01' });
    expect(occurredOnFromParts({ day: '', month: '', year: '2019' }, 'year', today)).toEqual({ ok: true, occurredOn: '2019-01-01' });
    expect(occurredOnFromParts({ day: '9', month: '9', year: '2020' }, 'approximate', today)).toEqual({ ok: true, occurredOn: '2020-09-09' });
    expect(occurredOnFromParts({ day: '', month: '2', year: '2025' }, 'day', today)).toMatchObject({ ok: false, part: 'day' });
    expect(occurredOnFromParts({ day: '', month: '', year: '2025' }, 'month', today)).toMatchObject({ ok: false, part: 'month' });
    expect(occurredOnFromParts({ day: '', month: '', year: '' }, 'year', today)).toMatchObject({ ok: false, error: 'Enter the date it happened' });
  });

  it('refuses impossible and future dates', () => {
    expect(occurredOnFromParts({ day: '30', month: '2', year: '2024' }, 'day', today)).toMatchObject({ ok: false, error: 'The date it happened must be a real date' });
    expect(occurredOnFromParts({ day: '1', month: '13', year: '2024' }, 'day', today)).toMatchObject({ ok: false, part: 'month' });
    expect(occurredOnFromParts({ day: '1', month: '1', year: '24' }, 'day', today)).toMatchObject({ ok: false, part: 'year' });
    expect(occurredOnFromParts({ day: '1', month: '1', year: '1850' }, 'day', today)).toMatchObject({ ok: false });
    expect(occurredOnFromParts({ day: '11', month: '3', year: '2026' }, 'day', today)).toMatchObject({ ok: false, error: 'The date it happened must be today or in the past' });
    expect(occurredOnFromParts({ day: '', month: '4', year: '2026' }, 'month', today)).toMatchObject({ ok: false });
    expect(occurredOnFromParts({ day: '<b>', month: '1', year: '2024' }, 'day', today)).toMatchObject({ ok: false });
  });

  it('shows the date as precisely as it is known, and gives back only the known parts', () => {
    expect(describeOccurred('2025-03-03', 'day')).toBe('3 March 2025');
    expect(describeOccurred('2025-03-01', 'month')).toBe('March 2025');
    expect(describeOccurred('2025-01-01', 'year')).toBe('2025');
    expect(describeOccurred('2025-03-03', 'approximate')).toBe('About 3 March 2025');
    expect(partsFromOccurred('2025-03-01', 'month')).toEqual({ day: '', month: '3', year: '2025' });
    expect(partsFromOccurred('2025-01-01', 'year')).toEqual({ day: '', month: '', year: '2025' });
    expect(partsFromOccurred('2025-03-09', 'day')).toEqual({ day: '9', month: '3', year: '2025' });
  });
});

describe('typed late', () => {
  it('counts from the last day the event could have happened', () => {
    expect(latestPossibleDay('2024-02-01', 'month')).toBe('2024-02-29');
    expect(latestPossibleDay('2023-01-01', 'year')).toBe('2023-12-31');
    expect(daysAfterEvent('2025-03-03', 'day', '2025-03-10')).toBe(7);
    expect(daysAfterEvent('2025-03-01', 'month', '2025-03-20')).toBe(0);
  });

  it('marks an entry recorded the set number of days or more after the event', () => {
    expect(isTypedLate('2025-03-03', 'day', '2025-03-09', 7)).toBe(false);
    expect(isTypedLate('2025-03-03', 'day', '2025-03-10', 7)).toBe(true);
    expect(isTypedLate('2025-03-01', 'month', '2025-04-06', 7)).toBe(false);
    expect(isTypedLate('2025-03-01', 'month', '2025-04-07', 7)).toBe(true);
    expect(isTypedLate('2024-01-01', 'year', '2025-01-03', 7)).toBe(false);
  });
});
