import { describe, expect, it } from 'vitest';
import { historyRows, readSnapshot, visitChanges, visitSnapshot, type VisitSnapshot } from './history';

const part = (personId: string, over: Partial<VisitSnapshot['children'][number]> = {}) => ({ personId, seen: true, seenAlone: true, notSeenAloneReason: null, bedroomSeen: 'yes' as const, childWords: 'Fine', ...over });
const base: VisitSnapshot = visitSnapshot({ visitDate: '2025-03-03', type: 'child-in-need', othersSeen: 'Mum', observed: 'Tidy', analysis: 'Safe', nextSteps: null, children: [part('b'), part('a')] });
const names: Record<string, string> = { a: 'Amara', b: 'Bode' };

describe('what changed in a visit', () => {
  it('keeps the children in a fixed order, so the same visit is the same snapshot', () => {
    expect(base.children.map((c) => c.personId)).toEqual(['a', 'b']);
    expect(visitChanges(base, visitSnapshot({ ...base, children: [...base.children].reverse() }), (id) => names[id] ?? null)).toEqual([]);
  });

  it('says each changed question in the words of the form, and each child’s part by their first name', () => {
    const after = { ...base, type: 'other' as const, nextSteps: 'Visit again', children: [part('a', { seen: false, seenAlone: null, notSeenAloneReason: 'At school' }), part('b', { childWords: 'I am happy' })] };
    expect(visitChanges(base, after, (id) => names[id] ?? null)).toEqual(['Type of visit', 'What happens next', 'Amara: seen', 'Amara: why not seen alone', 'Bode: in their own words']);
  });

  it('never names a child whose record the reader cannot open', () => {
    const after = { ...base, children: [part('a'), part('b', { bedroomSeen: 'no' })] };
    expect(visitChanges(base, after, (id) => (id === 'a' ? 'Amara' : null))).toEqual(['Another child’s part']);
  });

  it('lists each version with what changed from the one before, and reads only snapshots back', () => {
    const rows = historyRows(
      [
        { version: 1, data: base },
        { version: 2, data: { ...base, analysis: 'Safe, with support' } },
        { version: 3, data: null },
      ],
      (id) => names[id] ?? null,
    );
    expect(rows.map((r) => r.changes)).toEqual([[], ['What it means for the child'], []]);
    expect(readSnapshot({ nonsense: true })).toBeNull();
    expect(readSnapshot(JSON.parse(JSON.stringify(base)))).toEqual(base);
  });
});
