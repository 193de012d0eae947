/**
 * Paging the team work list (P5): a team's allocated children, a page at a time, with the GOV.UK
 * pagination component's items. Pure: the total comes from the worker counts already read.
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

const href = (page: number) => `/team?page=${page}#allocated`;
const fmt = (n: number) => n.toLocaleString('en-GB');

/** The page asked for (a whole number, else the first), kept between the first and the last. */
export function teamPagination(asked: unknown, total: number, size: number): TeamPaging {
  const pages = Math.max(1, Math.ceil(total / size));
  const wanted = typeof asked === 'string' && /^\d{1,15}$/.test(asked) ? Number(asked) : 1;
  const page = Math.min(Math.max(wanted, 1), pages);
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
