import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { align, diffContent, diffValues, humanise, pathLabel } from './revisionDiff';

describe('diffValues', () => {
  it('finds nothing between equal values, however nested', () => {
    const value = { analysis: { worries: [{ text: 'Dad hit Mum', kind: 'fact' }], scale: 4 }, seenAlone: true };
    expect(diffValues(value, structuredClone(value))).toEqual([]);
  });

  it('reports a changed field inside nested objects with its path', () => {
    const before = { views: { mother: { said: 'I want help', on: '2025-03-01' } } };
    const after = { views: { mother: { said: 'I want help with the baby', on: '2025-03-01' } } };
    expect(diffValues(before, after)).toEqual([{ path: ['views', 'mother', 'said'], kind: 'changed', before: 'I want help', after: 'I want help with the baby' }]);
  });

  it('tells added and removed fields apart, and treats an empty answer as no answer', () => {
    const changes = diffValues({ a: 'x', b: '', c: null }, { b: 'now filled', c: null, d: false });
    expect(changes).toEqual([
      { path: ['b'], kind: 'added', before: null, after: 'now filled' },
      { path: ['d'], kind: 'added', before: null, after: false },
      { path: ['a'], kind: 'removed', before: 'x', after: null },
    ]);
  });

  it('shows one statement added at the top of a list as one addition, not every statement changed', () => {
    const worry = (text: string) => ({ text, kind: 'opinion', source: 'school' });
    const before = { worries: [worry('Often late'), worry('Hungry at lunch')] };
    const after = { worries: [worry('Bruise on arm'), worry('Often late'), worry('Hungry at lunch')] };
    expect(diffValues(before, after)).toEqual([
      { path: ['worries', 0, 'text'], kind: 'added', before: null, after: 'Bruise on arm' },
      { path: ['worries', 0, 'kind'], kind: 'added', before: null, after: 'opinion' },
      { path: ['worries', 0, 'source'], kind: 'added', before: null, after: 'school' },
    ]);
  });

  it('shows an edited statement as changed and a deleted one as removed', () => {
    const before = { going: [{ text: 'Mum walks them to school' }, { text: 'Nan helps at weekends' }, { text: 'Tidy home' }] };
    const after = { going: [{ text: 'Mum walks them to school every day' }, { text: 'Nan helps at weekends' }] };
    expect(diffValues(before, after)).toEqual([
      { path: ['going', 0, 'text'], kind: 'changed', before: 'Mum walks them to school', after: 'Mum walks them to school every day' },
      { path: ['going', 2, 'text'], kind: 'removed', before: 'Tidy home', after: null },
    ]);
  });

  it('lines up items by id when they have one, even when reordered', () => {
    const before = { people: [{ id: 'a', name: 'Mum', view: 'Worried' }, { id: 'b', name: 'Dad', view: 'Angry' }] };
    const after = { people: [{ id: 'b', name: 'Dad', view: 'Calmer now' }, { id: 'a', name: 'Mum', view: 'Worried' }, { id: 'c', name: 'Nan', view: 'Can help' }] };
    expect(diffValues(before, after)).toEqual([
      { path: ['people', 0, 'view'], kind: 'changed', before: 'Angry', after: 'Calmer now' },
      { path: ['people', 2, 'name'], kind: 'added', before: null, after: 'Nan' },
      { path: ['people', 2, 'view'], kind: 'added', before: null, after: 'Can help' },
    ]);
  });

  it('handles lists of plain words and a field that changes shape', () => {
    expect(diffValues({ tools: ['three houses'] }, { tools: ['three houses', 'wishes'] })).toEqual([{ path: ['tools', 1], kind: 'added', before: null, after: 'wishes' }]);
    expect(diffValues({ x: 'text' }, { x: { y: 1 } })).toEqual([
      { path: ['x'], kind: 'removed', before: 'text', after: null },
      { path: ['x', 'y'], kind: 'added', before: null, after: 1 },
    ]);
  });

  it('property: the changes between a value and itself are none, and every change names a real difference', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(diffValues(a, a)).toEqual([]);
        for (const change of diffValues(a, b)) expect(change.before).not.toEqual(change.after);
      }),
    );
  });
});

describe('align', () => {
  it('property: every item of both lists appears exactly once, in order', () => {
    const list = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 8 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const steps = align(a, b);
        expect(steps.flatMap((s) => (s.before === null ? [] : [s.before]))).toEqual(a.map((_, i) => i));
        expect(steps.flatMap((s) => (s.after === null ? [] : [s.after]))).toEqual(b.map((_, i) => i));
      }),
    );
  });
});

describe('diffContent', () => {
  it('groups changes by section in the assessment order and leaves out sections with no change', () => {
    const before = { plan: { aims: 'Keep Sam safe' }, analysis: { scale: 3 } };
    const after = { plan: { aims: 'Keep Sam safe' }, analysis: { scale: 5 }, decision: { outcome: 'child-in-need-plan' } };
    const sections = diffContent(before, after, ['plan', 'decision', 'analysis']);
    expect(sections.map((s) => s.section)).toEqual(['decision', 'analysis']);
  });
});

describe('labels', () => {
  it('reads keys and positions as words', () => {
    expect(humanise('childsWords')).toBe('Childs words');
    expect(humanise('danger-statements')).toBe('Danger statements');
    expect(pathLabel(['worries', 1, 'source'])).toBe('Worries › Item 2 › Source');
    expect(pathLabel(['seenAlone'], { seenAlone: 'Seen on their own' })).toBe('Seen on their own');
  });
});
