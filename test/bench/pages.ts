/** The pages the benchmark drives: the ones a worker uses all day. Add a page here when a feature lands. */
export type BenchUser = {
  userId: string;
  cookie: string;
  children: string[];
  surnames: string[];
  /** The overview address of the newest assessment of each of the worker's children. */
  assessments: string[];
  /** A session of the worker's team manager, for the manager's pages (`as: 'manager'`). */
  managerCookie: string;
  /** Children this worker may open whose family chronology is long (about 2,000 entries: the scale seed's long histories). */
  longFamilyChildren: string[];
};

type Pick = <T>(list: T[]) => T;

export const benchPages: { name: string; path: (user: BenchUser, pick: Pick) => string; as?: 'manager' }[] = [
  { name: 'search', path: (u, pick) => `/search?q=${encodeURIComponent(pick(u.surnames))}` },
  { name: 'child-record', path: (u, pick) => `/people/${pick(u.children)}` },
  { name: 'family', path: (u, pick) => `/people/${pick(u.children)}/family` },
  { name: 'caseload', path: () => '/caseload' },
  { name: 'team-work', path: () => '/team', as: 'manager' },
  { name: 'assessment', path: (u, pick) => (u.assessments.length > 0 ? pick(u.assessments) : `/people/${pick(u.children)}/assessments`) },
  { name: 'my-assessments', path: () => '/assessments' },
  { name: 'due-and-late', path: () => '/assessments/team', as: 'manager' },
  { name: 'my-tasks', path: () => '/tasks' },
  // A section with family-facing fields (the plain-language check runs on every page it shows) and the family's version.
  { name: 'assessment-analysis', path: (u, pick) => (u.assessments.length > 0 ? `${pick(u.assessments)}/sections/analysis` : `/people/${pick(u.children)}/assessments`) },
  { name: 'family-version', path: (u, pick) => (u.assessments.length > 0 ? `${pick(u.assessments)}/family-version` : `/people/${pick(u.children)}/assessments`) },
  { name: 'assessment-changes', path: (u, pick) => (u.assessments.length > 0 ? `${pick(u.assessments)}/revisions` : `/people/${pick(u.children)}/tasks`) },
  { name: 'visits-due', path: () => '/visits' },
  { name: 'team-visits-due', path: () => '/visits/team', as: 'manager' },
  { name: 'case-notes', path: (u, pick) => `/people/${pick(u.children)}/notes` },
  { name: 'child-visits', path: (u, pick) => `/people/${pick(u.children)}/visits` },
  { name: 'child-chronology', path: (u, pick) => `/people/${pick(u.children)}/chronology` },
  { name: 'family-chronology', path: (u, pick) => `/people/${pick(u.longFamilyChildren.length > 0 ? u.longFamilyChildren : u.children)}/family-chronology` },
];
