import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/app';

// PostgreSQL's JIT compiler starts on any query its planner costs high and spent ~50 ms compiling a
// search for a common surname: Hearth's connections turn it off (src/platform/db.ts).
describe.skipIf(!process.env.DATABASE_URL)('Hearth’s PostgreSQL connections', () => {
  it('run with JIT off, on every connection of the pool', async () => {
    const { database, drop } = await freshDatabase('postgres');
    try {
      const answers = await Promise.all(Array.from({ length: 4 }, () => database.queryRaw('SELECT current_setting($1) AS jit, pg_sleep(0.05)', ['jit'])));
      for (const answer of answers) expect((answer as { rows: { jit: string }[] }).rows[0]!.jit).toBe('off');
    } finally {
      await drop();
    }
  });
});
