import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFactors, FACTOR_CODES, FACTOR_THEMES, factorLabel, factorsByTheme, isFactorCode, PRIVATE_FOSTERING } from './factorCodes';

const rules = (codes: string[], context = {}) => checkFactors(codes, context).map((p) => p.rule);

describe('factor codes', () => {
  it('lists every current DfE code once, each in a theme, with a plain label', () => {
    const codes = FACTOR_CODES.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const n of [1, 2, 3, 4, 5, 6]) for (const s of ['A', 'B', 'C']) expect(codes).toContain(`${n}${s}`);
    for (const c of ['7A', '8B', '8C', '8D', '8E', '8F', '9A', '10A', '11A', '12A', '13A', '14A', '15A', '16A', '17A', '18B', '18C', '19B', '19C', '20', '21', '22A', '23A', '24A']) {
      expect(codes).toContain(c);
    }
    expect(codes).toHaveLength(42);
    expect(codes).not.toContain('18A');
    expect(codes).not.toContain('19A');
    const themes = new Set(FACTOR_THEMES.map((t) => t.key));
    for (const f of FACTOR_CODES) expect(themes.has(f.theme)).toBe(true);
    expect(factorsByTheme().flatMap((g) => g.codes)).toHaveLength(42);
    expect(factorLabel('3B')).toBe('Domestic abuse: a parent or carer');
    expect(factorLabel('18A')).toContain('no longer used');
  });

  it('accepts a sensible set of factors', () => {
    expect(checkFactors(['3B', '4B', '16A'], { outcome: 'cin-plan', complete: true })).toEqual([]);
    expect(checkFactors(['21'], { outcome: 'nfa', complete: true })).toEqual([]);
  });

  it('allows "no factors identified" (21) only on its own (rule 8869)', () => {
    expect(rules(['21', '3B'], { outcome: 'nfa' })).toEqual(['no-factors-alone']);
    expect(checkFactors(['3B', '21'])[0]!.message).toContain('cannot be chosen with other factors');
  });

  it('allows "no factors identified" only when the outcome is no further action (8873Q)', () => {
    expect(rules(['21'], { outcome: 'cin-plan' })).toEqual(['no-factors-nfa']);
    expect(rules(['21'], { outcome: 'strategy-discussion' })).toEqual(['no-factors-nfa']);
    expect(rules(['21'], { outcome: null })).toEqual([]);
  });

  it('refuses the same factor twice (8898)', () => {
    expect(rules(['3B', '3B'])).toEqual(['duplicate']);
    expect(checkFactors(['16A', '16A'])[0]!.message).toBe('Factor 16A is chosen more than once. Choose each factor once');
  });

  it('refuses the retired 18A and 19A, pointing to the codes that replaced them (8945Q, 8950Q)', () => {
    const [physical] = checkFactors(['18A']);
    expect(physical!.rule).toBe('retired');
    expect(physical!.message).toContain('18B');
    expect(physical!.message).toContain('18C');
    const [sexual] = checkFactors(['19A']);
    expect(sexual!.message).toContain('19B');
    expect(sexual!.message).toContain('19C');
  });

  it('refuses codes that are not factor codes, without echoing long input', () => {
    const [problem] = checkFactors(['<script>alert(1)</script>'.repeat(20)]);
    expect(problem!.rule).toBe('unknown');
    expect(problem!.message.length).toBeLessThan(100);
    expect(rules(['RB'])).toEqual(['unknown']);
  });

  it('allows one private fostering arrangement only', () => {
    expect(rules(['8B', '8D'])).toEqual(['one-private-fostering']);
    for (const c of PRIVATE_FOSTERING) expect(rules([c])).toEqual([]);
  });

  it('asks what "another factor" (20) is once the decision is complete', () => {
    expect(rules(['20'], { complete: true, outcome: 'cin-plan' })).toEqual(['other-described']);
    expect(rules(['20'], { complete: true, outcome: 'cin-plan', otherFactor: 'Bereavement' })).toEqual([]);
    expect(rules(['20'])).toEqual([]);
  });

  it('needs at least one factor, or "no factors identified", once complete (8897Q)', () => {
    expect(rules([], { complete: true })).toEqual(['at-least-one']);
    expect(rules([])).toEqual([]);
  });

  it('never accepts 21 with anything else, whatever else is chosen (property)', () => {
    const current = FACTOR_CODES.map((f) => f.code).filter((c) => c !== '21');
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...current), { minLength: 1, maxLength: 10 }), (others) => {
        expect(rules(['21', ...others], { outcome: 'nfa' })).toContain('no-factors-alone');
      }),
    );
  });

  it('accepts any set of distinct current codes with at most one private fostering code and no 21 (property)', () => {
    const plain = FACTOR_CODES.map((f) => f.code).filter((c) => c !== '21' && c !== '20' && !PRIVATE_FOSTERING.includes(c));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...plain), { minLength: 1, maxLength: 12 }), fc.option(fc.constantFrom(...PRIVATE_FOSTERING)), (codes, fostering) => {
        const all = fostering ? [...codes, fostering] : codes;
        expect(checkFactors(all, { outcome: 'cin-plan', complete: true })).toEqual([]);
        expect(all.every(isFactorCode)).toBe(true);
      }),
    );
  });
});
