/** The pages the benchmark drives: the ones a worker uses all day. Add a page here when a feature lands. */
export type BenchUser = { userId: string; cookie: string; children: string[]; surnames: string[] };

type Pick = <T>(list: T[]) => T;

export const benchPages: { name: string; path: (user: BenchUser, pick: Pick) => string }[] = [
  { name: 'search', path: (u, pick) => `/search?q=${encodeURIComponent(pick(u.surnames))}` },
  { name: 'child-record', path: (u, pick) => `/people/${pick(u.children)}` },
  { name: 'family', path: (u, pick) => `/people/${pick(u.children)}/family` },
  { name: 'caseload', path: () => '/caseload' },
];
