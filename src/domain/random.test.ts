import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom } from './random';

describe('seeded random numbers', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return [r.next(), r.int(1, 100), r.uuid(), r.pick(['a', 'b', 'c'])];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps numbers in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const r = createRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = r.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const n = r.int(min, min + span);
          expect(n).toBeGreaterThanOrEqual(min);
          expect(n).toBeLessThanOrEqual(min + span);
        }
      }),
    );
  });

  it('makes well-formed, distinct version-4 UUIDs', () => {
    const r = createRandom('ids');
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = r.uuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
  });

  it('forks independent streams that do not depend on what was drawn before', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    b.next();
    b.next();
    expect(a.fork('family', 3).uuid()).toBe(b.fork('family', 3).uuid());
    expect(a.fork('family', 3).uuid()).not.toBe(a.fork('family', 4).uuid());
  });

  it('picks by weight, roughly in proportion', () => {
    const r = createRandom(42);
    const counts = { common: 0, rare: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.weighted([['common', 9], ['rare', 1]] as const)] += 1;
    expect(counts.rare).toBeGreaterThan(800);
    expect(counts.rare).toBeLessThan(1200);
  });

  it('shuffles without losing or adding items', () => {
    const r = createRandom(3);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});
