import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';

describe('the list of migrations', () => {
  it('runs them in the order of their numbers, each number once, and lists every migration file', () => {
    const numbers = migrations.map((m) => Number(/^(\d{3})_/.exec(m.id)?.[1]));
    expect(numbers.every((n) => Number.isInteger(n))).toBe(true);
    // A database made before a migration runs it last: a new migration takes a number above every one listed,
    // so a new database and an old one run them in the same order.
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    const files = readdirSync(path.join(import.meta.dirname, '../../migrations')).filter((f) => /^\d{3}_.*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(migrations.map((m) => m.id).sort()).toEqual(files.sort());
  });
});
