/**
 * Rendered once, used many times: the parts of the chronology page that are the same for most
 * requests (the filter choices when nothing is chosen, the export purposes). GOV.UK Frontend's
 * checkbox and date macros cost more to render than the fifty entries of a page, so their HTML is
 * kept, keyed by exactly what they show. The cache holds HTML of the service's own forms only,
 * bounded in size; it is not state (any instance renders the same HTML from the same key).
 */
import type nunjucks from 'nunjucks';
import { createViews } from '../../platform/views';

const MAX = 500;
let views: nunjucks.Environment | null = null;
const cache = new Map<string, string>();

export function renderPartial(template: string, data: Record<string, unknown>): string {
  const key = `${template}\u0000${JSON.stringify(data)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  views ??= createViews();
  const html = views.render(template, data);
  if (cache.size >= MAX) cache.clear();
  cache.set(key, html);
  return html;
}
