import { parseArgs } from 'node:util';
import { seedDemo } from '../seed/demo';
import { seedScale, SeedRefused } from '../seed/scale';
import { isValidIsoDate } from '../../src/domain/dates';
import { migrate } from '../../src/platform/migrate';
import { CommandProblem, configFrom, describeDatabase, withDatabase, type Io } from './context';

const MAX_CHILDREN = 1_000_000;

/** `hearth seed --demo` or `hearth seed --scale N [--seed S] [--add] [--today YYYY-MM-DD]`: fictional data, never in production. */
export async function seedCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      add: { type: 'boolean' },
      today: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const usage = 'Use: hearth seed --demo, or hearth seed --scale N [--seed S] [--add] [--today YYYY-MM-DD]';
  if (!!values.demo === (values.scale !== undefined)) throw new CommandProblem(usage, 2);
  if (values.demo && (values.seed !== undefined || values.add || values.today !== undefined)) {
    throw new CommandProblem(usage, 2);
  }
  const config = configFrom(io);
  if (config.env === 'production') {
    throw new CommandProblem(
      'Refusing to add fictional data: NODE_ENV is production. Demo and synthetic data are for trying Hearth out and for testing only.',
    );
  }

  if (values.demo) {
    await withDatabase(config, async (database, services) => {
      await migrate(database);
      await seedDemo(services, { onlyIfEmpty: false });
    });
    io.out(
      `Added the demo authority to ${describeDatabase(config)}. The demo accounts are listed in README.md.`,
    );
    io.out('Hearth will refuse to start with NODE_ENV=production while any demo account exists.');
    return 0;
  }

  const children = wholeNumber(values.scale, '--scale', 1, MAX_CHILDREN);
  const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, '--seed', 0, 2_147_483_647);
  if (values.today !== undefined && !isValidIsoDate(values.today))
    throw new CommandProblem('--today needs a date written like 2026-03-31', 2);
  const summary = await withDatabase(config, async (database) => {
    await migrate(database);
    try {
      return await seedScale(database, {
        children,
        seed,
        add: !!values.add,
        today: values.today,
        log: (line) => io.err(line),
      });
    } catch (error) {
      if (error instanceof SeedRefused) throw new CommandProblem(error.message);
      throw error;
    }
  });
  io.out(
    `Added a synthetic authority to ${describeDatabase(config)} (seed ${seed}): ${summary.children.toLocaleString('en-GB')} children, ` +
      `${summary.adults.toLocaleString('en-GB')} adults in ${summary.families.toLocaleString('en-GB')} families, ` +
      `${summary.referrals.toLocaleString('en-GB')} referrals, ${summary.episodes.toLocaleString('en-GB')} episodes, in ${Math.round(summary.seconds)} seconds.`,
  );
  return 0;
}

function wholeNumber(text: string | undefined, option: string, min: number, max: number): number {
  const n = Number(text);
  if (!text || !/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CommandProblem(
      `${option} needs a whole number from ${min} to ${max.toLocaleString('en-GB')}`,
      2,
    );
  }
  return n;
}
