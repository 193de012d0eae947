/**
 * The authorisation matrix's table, written by hand (see authorisation.test.ts): who may use each
 * route on the fixture's target child. It is kept apart from ACTIONS in src/platform/access.ts on
 * purpose: it says what a council expects, and the app must agree.
 */
import { EMAILS } from '../helpers/app';

export type Role = keyof typeof EMAILS;
export const ROLES = Object.keys(EMAILS) as Role[];

/** Who may use a route on the fixture's target child (see security.fixture.ts). Anyone not listed is refused. */
export type Expectation = { public?: true; allow: readonly Role[] };

// The groups the table uses, stated by hand for this fixture: the target child is allocated to Front
// Door and Assessment (worker "worker", manager "manager") and granted to the partner.
const EVERYONE: readonly Role[] = ['worker', 'manager', 'worker2', 'manager2', 'early-help', 'partner', 'cp-chair', 'qa', 'admin'];
const PRACTITIONERS_AND_MANAGERS: readonly Role[] = ['worker', 'manager', 'worker2', 'manager2', 'early-help'];
const MANAGERS: readonly Role[] = ['manager', 'manager2'];
const SEARCHERS: readonly Role[] = ['worker', 'manager', 'worker2', 'manager2', 'early-help', 'cp-chair', 'qa'];
/** Who may read the target child's record: its team, the partner it was granted to, chairs and QA. */
const TARGET_READERS: readonly Role[] = ['worker', 'manager', 'partner', 'cp-chair', 'qa'];
/** Who may read contacts about the target child: its team, chairs and QA (partners never see contacts). */
const TARGET_CONTACT_READERS: readonly Role[] = ['worker', 'manager', 'cp-chair', 'qa'];
/**
 * Who may read the casework about the target child (assessments, visits, case notes, tasks, the
 * chronology's exports): its team, and chairs and QA, who challenge and audit it. A partner agency
 * sees only what was granted to it: the chronology entries shared with it, nothing else.
 */
const TARGET_CASE_READERS: readonly Role[] = ['worker', 'manager', 'cp-chair', 'qa'];
/** Who may change the target child's record and family: its team's practitioners and manager. */
const TARGET_TEAM: readonly Role[] = ['worker', 'manager'];
const TARGET_MANAGER: readonly Role[] = ['manager'];
const ADMIN: readonly Role[] = ['admin'];
/** Who checks their writing for plain language: everyone who writes for families (and chairs, for conference reports). */
const PLAIN_LANGUAGE_WRITERS: readonly Role[] = ['worker', 'manager', 'worker2', 'manager2', 'early-help', 'cp-chair'];

const open = (): Expectation => ({ public: true, allow: EVERYONE });
const only = (allow: readonly Role[]): Expectation => ({ allow });

export const EXPECTED: Record<string, Expectation> = {
  'GET /sign-in': open(),
  'POST /sign-in': open(),
  'GET /sign-in/code': open(),
  'POST /sign-in/code': open(),
  'GET /sign-out': open(),
  // Council sign-in (OpenID Connect): public, as the sign-in page is. The matrix runs with it set up.
  // Someone signed in who reaches it is sent home, still signed in (a link elsewhere cannot sign them out).
  'GET /sign-in/oidc': open(),
  'GET /sign-in/oidc/callback': open(),
  'POST /sign-out': open(),
  'GET /health': open(),
  'GET /account/two-factor': only(EVERYONE),
  'POST /account/two-factor': only(EVERYONE),
  'GET /': only(EVERYONE),
  'POST /drafts': only(EVERYONE),
  'POST /drafts/discard': only(EVERYONE),

  'GET /admin/users': only(ADMIN),
  'GET /admin/users/new': only(ADMIN),
  'POST /admin/users/new': only(ADMIN),
  'GET /admin/users/:userId/edit': only(ADMIN),
  'POST /admin/users/:userId/edit': only(ADMIN),
  'GET /admin/users/:userId/reset-password': only(ADMIN),
  'POST /admin/users/:userId/reset-password': only(ADMIN),
  'POST /admin/users/:userId/unlock': only(ADMIN),
  'GET /admin/teams': only(ADMIN),
  'GET /admin/teams/new': only(ADMIN),
  'POST /admin/teams/new': only(ADMIN),
  'GET /admin/teams/:teamId/rename': only(ADMIN),
  'POST /admin/teams/:teamId/rename': only(ADMIN),
  'GET /admin/teams/:teamId/close': only(ADMIN),
  'POST /admin/teams/:teamId/close': only(ADMIN),
  'GET /admin/teams/:teamId/reopen': only(ADMIN),
  'POST /admin/teams/:teamId/reopen': only(ADMIN),

  'GET /people/:personId/grants': only(TARGET_MANAGER),
  'POST /people/:personId/grants': only(TARGET_MANAGER),
  'POST /people/:personId/grants/:grantId/revoke': only(TARGET_MANAGER),

  'GET /contacts': only(PRACTITIONERS_AND_MANAGERS),
  'GET /contacts/new': only(PRACTITIONERS_AND_MANAGERS),
  'POST /contacts': only(PRACTITIONERS_AND_MANAGERS),
  'GET /contacts/:contactId': only(TARGET_CONTACT_READERS),
  'GET /contacts/:contactId/decision': only(TARGET_MANAGER),
  'POST /contacts/:contactId/decision': only(TARGET_MANAGER),
  'GET /contacts/:contactId/consent-authorisation': only(TARGET_MANAGER),
  'POST /contacts/:contactId/consent-authorisation': only(TARGET_MANAGER),

  'GET /people/:personId/involvement': only(TARGET_CONTACT_READERS),
  // Starting an episode of work by hand (any type) is for whoever may close one: the child's team's
  // practitioners and manager; the allocation part of the form is the manager's.
  'GET /people/:personId/episodes/new': only(TARGET_TEAM),
  'POST /people/:personId/episodes/new': only(TARGET_TEAM),
  'GET /people/:personId/episodes/:episodeId/close': only(TARGET_TEAM),
  'POST /people/:personId/episodes/:episodeId/close': only(TARGET_TEAM),
  'GET /people/:personId/allocate': only(TARGET_MANAGER),
  'POST /people/:personId/allocate': only(TARGET_MANAGER),
  'GET /caseload': only(PRACTITIONERS_AND_MANAGERS),
  'GET /team': only(MANAGERS),

  'GET /people/:personId/family': only(TARGET_READERS),
  'GET /people/:personId/genogram.svg': only(TARGET_READERS),
  'GET /people/:personId/relationships/new': only(TARGET_TEAM),
  'POST /people/:personId/relationships/new': only(TARGET_TEAM),
  'GET /people/:personId/relationships/:pairId/end': only(TARGET_TEAM),
  'POST /people/:personId/relationships/:pairId/end': only(TARGET_TEAM),
  'GET /people/:personId/households/new': only(TARGET_TEAM),
  'POST /people/:personId/households/new': only(TARGET_TEAM),
  // A household is guarded by its members: changing it needs every current member in sight.
  'GET /households/:householdId/members/new': only(TARGET_TEAM),
  'POST /households/:householdId/members/new': only(TARGET_TEAM),
  'GET /households/:householdId/members/:memberId/end': only(TARGET_TEAM),
  'POST /households/:householdId/members/:memberId/end': only(TARGET_TEAM),

  'GET /people/new': only(PRACTITIONERS_AND_MANAGERS),
  'POST /people': only(PRACTITIONERS_AND_MANAGERS),
  'GET /people/:personId': only(TARGET_READERS),
  'GET /people/:personId/edit': only(TARGET_TEAM),
  'POST /people/:personId/edit': only(TARGET_TEAM),
  'GET /people/:personId/addresses/new': only(TARGET_TEAM),
  'POST /people/:personId/addresses': only(TARGET_TEAM),
  'GET /people/:personId/addresses/:addressId/end': only(TARGET_TEAM),
  'POST /people/:personId/addresses/:addressId/end': only(TARGET_TEAM),
  'GET /search': only(SEARCHERS),
  'GET /people/:personId/merge': only(TARGET_MANAGER),
  'GET /people/:personId/merge/:duplicateId': only(TARGET_MANAGER),
  'POST /people/:personId/merge/:duplicateId': only(TARGET_MANAGER),
  // The reason page checks the person itself; the target is not restricted, so readers are sent on.
  'GET /people/:personId/restricted': only(TARGET_READERS),
  'POST /people/:personId/restricted': only(TARGET_READERS),
  'GET /people/:personId/restriction': only(TARGET_MANAGER),
  'POST /people/:personId/restriction': only(TARGET_MANAGER),
  'GET /people/:personId/audit': only(['manager', 'qa']),

  // Assessments (A1-A13). Chairs and QA read them ("challenge the quality of assessments", audits);
  // only the child's team changes them; checkpoint decisions, the interpreter approval and
  // authorisation (with the checklist) are the child's team manager's.
  'GET /assessments': only(PRACTITIONERS_AND_MANAGERS),
  'GET /assessments/team': only(MANAGERS),
  'GET /people/:personId/assessments': only(TARGET_CASE_READERS),
  'GET /people/:personId/assessments/new': only(TARGET_TEAM),
  'POST /people/:personId/assessments/new': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId': only(TARGET_CASE_READERS),
  'GET /people/:personId/assessments/:assessmentId/sections/plan': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/sections/plan': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/sections/plan/interpreter-approval': only(TARGET_MANAGER),
  'POST /people/:personId/assessments/:assessmentId/sections/plan/interpreter-approval': only(TARGET_MANAGER),
  'GET /people/:personId/assessments/:assessmentId/checkpoints/:day': only(TARGET_MANAGER),
  'POST /people/:personId/assessments/:assessmentId/checkpoints/:day': only(TARGET_MANAGER),
  'GET /people/:personId/assessments/:assessmentId/late-reasons': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/late-reasons': only(TARGET_TEAM),
  // The section pages are the forms that change the content: the child's team only. Chairs and QA are
  // refused them, so today they read the content only by comparing revisions: a read-only view of each
  // section for them is raised with the lead, and these rows change when it comes.
  ...Object.fromEntries(
    ['developmental-needs', 'parenting-capacity', 'family-environment', 'voices', 'identity', 'analysis', 'homelessness', 'decision'].flatMap((section) => [
      [`GET /people/:personId/assessments/:assessmentId/sections/${section}`, only(TARGET_TEAM)],
      [`POST /people/:personId/assessments/:assessmentId/sections/${section}`, only(TARGET_TEAM)],
    ]),
  ),
  'GET /people/:personId/assessments/:assessmentId/sections/checklist': only(TARGET_MANAGER),
  'POST /people/:personId/assessments/:assessmentId/sections/checklist': only(TARGET_MANAGER),
  'GET /people/:personId/assessments/:assessmentId/submit': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/submit': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/authorise': only(TARGET_MANAGER),
  'GET /people/:personId/assessments/:assessmentId/revisions': only(TARGET_CASE_READERS),
  'GET /people/:personId/assessments/:assessmentId/revisions/compare': only(TARGET_CASE_READERS),
  // The annual review confirms (or updates) what the manager authorised: the child's team manager's.
  'GET /people/:personId/assessments/:assessmentId/annual-review': only(TARGET_MANAGER),
  'POST /people/:personId/assessments/:assessmentId/annual-review': only(TARGET_MANAGER),
  'GET /people/:personId/assessments/:assessmentId/prompts/:promptId/resolve': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/prompts/:promptId/resolve': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/family-version': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/family-version': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/family-version.pdf': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/child-version': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/child-version': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/child-version.pdf': only(TARGET_TEAM),
  // Each saved version as it was saved (what a sharing record says was shared): as the version page.
  'GET /people/:personId/assessments/:assessmentId/family-version/versions/:version': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/child-version/versions/:version': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/sharing': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/sharing': only(TARGET_TEAM),
  'GET /people/:personId/assessments/:assessmentId/safeguarding': only(TARGET_TEAM),
  'POST /people/:personId/assessments/:assessmentId/safeguarding': only(TARGET_TEAM),

  // Tasks: a worker's own list; the child's tasks are read like the rest of the casework.
  'GET /tasks': only(PRACTITIONERS_AND_MANAGERS),
  'GET /people/:personId/tasks': only(TARGET_CASE_READERS),
  'GET /people/:personId/tasks/:taskId': only(TARGET_CASE_READERS),
  'POST /people/:personId/tasks/:taskId/complete': only(TARGET_TEAM),
  'POST /people/:personId/tasks/:taskId/cancel': only(TARGET_TEAM),

  // Visits and case notes (V1, V2). The fixture's visit and note were recorded by the child's worker:
  // the person who recorded each, or a manager of the child's team or of the recorder's team (here
  // both are the manager), may change it; another team's manager cannot open the child at all.
  'GET /visits': only(PRACTITIONERS_AND_MANAGERS),
  'GET /visits/team': only(MANAGERS),
  'GET /people/:personId/visits': only(TARGET_CASE_READERS),
  'GET /people/:personId/visits/new': only(TARGET_TEAM),
  'POST /people/:personId/visits/new': only(TARGET_TEAM),
  'POST /people/:personId/visits/new/discard': only(TARGET_TEAM),
  'GET /people/:personId/visits/:visitId': only(TARGET_CASE_READERS),
  'GET /people/:personId/visits/:visitId/edit': only(TARGET_TEAM),
  'POST /people/:personId/visits/:visitId/edit': only(TARGET_TEAM),
  'GET /people/:personId/notes': only(TARGET_CASE_READERS),
  'GET /people/:personId/notes/new': only(TARGET_TEAM),
  'POST /people/:personId/notes/new': only(TARGET_TEAM),
  'POST /people/:personId/notes/new/discard': only(TARGET_TEAM),
  'GET /people/:personId/notes/:noteId': only(TARGET_CASE_READERS),
  'GET /people/:personId/notes/:noteId/edit': only(TARGET_TEAM),
  'POST /people/:personId/notes/:noteId/edit': only(TARGET_TEAM),

  // The chronology (H1-H3). The partner reads it, seeing only the entries shared with it (the
  // fixture's police incident is); exports are disclosures for the child's team, chairs and QA.
  'GET /people/:personId/chronology': only(TARGET_READERS),
  'GET /people/:personId/family-chronology': only(TARGET_READERS),
  'GET /people/:personId/chronology/patterns': only(TARGET_READERS),
  'GET /people/:personId/chronology/new': only(TARGET_TEAM),
  'POST /people/:personId/chronology/new': only(TARGET_TEAM),
  'GET /people/:personId/chronology/:entryId/edit': only(TARGET_TEAM),
  'POST /people/:personId/chronology/:entryId/edit': only(TARGET_TEAM),
  'GET /people/:personId/chronology/:entryId/history': only(TARGET_READERS),
  'GET /people/:personId/chronology/:entryId/sharing': only(TARGET_TEAM),
  'POST /people/:personId/chronology/:entryId/sharing': only(TARGET_TEAM),
  'GET /people/:personId/chronology.pdf': only(TARGET_CASE_READERS),
  'GET /people/:personId/chronology.csv': only(TARGET_CASE_READERS),
  'GET /people/:personId/chronology/print': only(TARGET_CASE_READERS),

  // Plain language (A12): the council's word list is the administrator's.
  'GET /admin/plain-language': only(ADMIN),
  'POST /admin/plain-language': only(ADMIN),
  'GET /admin/plain-language/:termId': only(ADMIN),
  'POST /admin/plain-language/:termId': only(ADMIN),
  // Council settings (timescales, visit frequency, closure days): the administrator's.
  'GET /admin/settings': only(ADMIN),
  'POST /admin/settings': only(ADMIN),
  'POST /admin/settings/closure-days': only(ADMIN),
  'POST /admin/settings/closure-days/remove': only(ADMIN),
  'GET /plain-language/check': only(PLAIN_LANGUAGE_WRITERS),
  'POST /plain-language/check': only(PLAIN_LANGUAGE_WRITERS),
};
