import type { Config } from './config';
import type { Database } from './platform/db';
import { draftStore } from './platform/drafts';
import { sessionStore } from './platform/session';
import { settingsStore } from './platform/settings';
import { usersService } from './features/users/service';
import { secretBox } from './platform/secretBox';
import { useAuditKey } from './platform/audit';
import { oidcClient } from './platform/auth/oidc';
import { adminService } from './features/admin/service';
import { teamsService } from './features/admin/teams';
import { grantsService } from './features/admin/grants';
import { frontDoorService } from './features/referrals/service';
import { caseloadService } from './features/caseload/service';
import { usersRepository } from './features/users/repository';
import { familiesService } from './features/families/service';
import { peopleService } from './features/people/service';
import { assessmentsService } from './features/assessments/service';
import { visitsService } from './features/visits/service';
import { caseNotesService } from './features/caseNotes/service';
import { plainLanguageService } from './features/plainLanguage/service';
import { chronologyService } from './features/chronology/service';
import { closureDaysChangedHook } from './features/assessments/reschedule';
import { todayInLondon } from './domain/dates';

/** Builds every service once; routes receive this object. Its type is inferred from here. */
export function createServices(database: Database, config: Config) {
  const db = database.db;
  // Every audit row written by this process is keyed with SECRET_KEY (see platform/audit.ts).
  useAuditKey(config.secretKey);
  return {
    config,
    database,
    db,
    sessions: sessionStore(db, config),
    drafts: draftStore(db),
    // A change of the closure days moves open assessments' dates with it, in its transaction.
    settings: settingsStore(db, {
      'calendar.closureDays': (tx, ctx, change) => closureDaysChangedHook(tx, ctx, change, todayInLondon()),
    }),
    users: usersService(db, secretBox(config.secretKey)),
    oidc: config.oidc ? oidcClient(config.oidc, config.env) : null,
    admin: adminService(db),
    teams: teamsService(db),
    grants: grantsService(db),
    frontDoor: frontDoorService(db),
    caseload: caseloadService(db, usersRepository(db)),
    families: familiesService(db),
    people: peopleService(db),
    assessments: assessmentsService(db),
    visits: visitsService(db, settingsStore(db)),
    caseNotes: caseNotesService(db),
    plainLanguage: plainLanguageService(db),
    chronology: chronologyService(db, settingsStore(db), { exportLimit: config.chronologyExportLimit }),
  };
}

export type Services = ReturnType<typeof createServices>;
