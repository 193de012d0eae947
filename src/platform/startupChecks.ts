import type { Config } from '../config';
import type { UsersRepository } from '../features/users/repository';

/** Why Hearth will not start with these settings and this database. */
export class StartupRefused extends Error {}

/**
 * Checks made before Hearth serves anyone. In production no demo account may exist (they share a
 * published password), even a switched-off one: a live council uses a database the demo never touched.
 */
export async function checkBeforeStart(
  config: Pick<Config, 'env'>,
  users: Pick<UsersRepository, 'countDemoAccounts'>,
): Promise<void> {
  if (config.env !== 'production') return;
  const demo = await users.countDemoAccounts();
  if (demo > 0) {
    throw new StartupRefused(
      `Refusing to start in production: this database has ${demo} demo account${demo === 1 ? '' : 's'} (made by "hearth seed --demo" or the embedded demo). ` +
        'Demo accounts share a published password. Use a database that has never had demo data.',
    );
  }
}
