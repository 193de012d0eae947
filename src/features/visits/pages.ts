/** GOV.UK pagination for a list shown in numbered pages: previous, next, and the page numbers around this one. */
export type PageLinks = {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[];
};

/** The page asked for in the address (`?page=3`): a whole number from 1, anything else the first page. */
export function pageNumber(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

/** First, last, and this page with its neighbours; the gaps between as an ellipsis. */
export function pageLinks(page: number, pages: number, href: (page: number) => string): PageLinks | null {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PageLinks['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: href(n), current: n === page });
  });
  return { previous: page > 1 ? { href: href(page - 1) } : undefined, next: page < pages ? { href: href(page + 1) } : undefined, items };
}
