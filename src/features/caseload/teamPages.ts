/**
 * Paging the team work page's lists (P5): a team's allocated children, and the children waiting for
 * a worker or for a team, each a page at a time, with the GOV.UK pagination component's items.
 * Pure: the totals come from queries already made.
 */
export type TeamPaging = {
  page: number;
  pages: number;
  offset: number;
  from: number;
  to: number;
  total: number;
  /** "Showing 101 to 200 of 2,345 children", or null when one page shows them all. */
  summary: string | null;
  /** For govukPagination: previous, next and the numbered items (with ellipses). */
  previous: { href: string } | null;
  next: { href: string } | null;
  items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[];
};

/** The page of each list on the team work page, by its name in the address. */
export type TeamListPages = { page: number; waitingPage: number; noTeamPage: number };

/**
 * The team work page's address showing page `n` of one list (`own`), the other lists staying on the
 * pages they are on (left out when on their first), at `anchor`.
 */
export function teamHref(own: keyof TeamListPages, n: number, pages: TeamListPages, anchor: string): string {
  const params = [`${own}=${n}`];
  for (const key of ['page', 'waitingPage', 'noTeamPage'] as const) if (key !== own && pages[key] > 1) params.push(`${key}=${pages[key]}`);
  return `/team?${params.join('&')}#${anchor}`;
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/** The page number asked for in the address: a whole number of up to 15 digits, else the first. */
export function askedPage(asked: unknown): number {
  return typeof asked === 'string' && /^\d{1,15}$/.test(asked) ? Math.max(Number(asked), 1) : 1;
}

/** The page asked for, kept between the first and the last of a list of `total` in pages of `size`. */
export function pageWithin(asked: unknown, total: number, size: number): number {
  return Math.min(askedPage(asked), Math.max(1, Math.ceil(total / size)));
}

/**
 * The page asked for, kept between the first and the last, for the team's allocated children
 * (`/team?page=N#allocated`, or the addresses `href` gives).
 */
export function teamPagination(asked: unknown, total: number, size: number, href: (page: number) => string = (n) => `/team?page=${n}#allocated`): TeamPaging {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = pageWithin(asked, total, size);
  const offset = (page - 1) * size;
  const items: TeamPaging['items'] = [];
  let gap = false;
  for (let n = 1; n <= pages; n += 1) {
    // The first, the last, and two either side of this page; an ellipsis for each run left out.
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
      items.push({ number: String(n), href: href(n), current: n === page });
      gap = false;
    } else if (!gap) {
      items.push({ ellipsis: true });
      gap = true;
    }
  }
  return {
    page,
    pages,
    offset,
    from: total === 0 ? 0 : offset + 1,
    to: Math.min(offset + size, total),
    total,
    summary: pages > 1 ? `Showing ${fmt(offset + 1)} to ${fmt(Math.min(offset + size, total))} of ${fmt(total)} children` : null,
    previous: page > 1 ? { href: href(page - 1) } : null,
    next: page < pages ? { href: href(page + 1) } : null,
    items: pages > 1 ? items : [],
  };
}

/** The page on which each worker's children begin, the list being ordered as the counts are. */
export function workerPages(counts: readonly { workerId: string; children: number }[], size: number): Map<string, number> {
  const pages = new Map<string, number>();
  let before = 0;
  for (const worker of counts) {
    pages.set(worker.workerId, Math.floor(before / size) + 1);
    before += worker.children;
  }
  return pages;
}
