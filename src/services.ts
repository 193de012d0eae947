import type { Config } from './config';
import type { Database } from './platform/db';
import { draftStore } from './platform/drafts';
import { sessionStore } from './platform/session';
import { usersService } from './features/users/service';

/** Builds every service once; routes receive this object. Its type is inferred from here. */
export function createServices(database: Database, config: Config) {
  const db = database.db;
  return {
    config,
    database,
    db,
    sessions: sessionStore(db, config),
    drafts: draftStore(db),
    users: usersService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
