/**
 * Accessible SVG charts for the analytical view: role="img" with a <title> and a <desc> that says in
 * words what the chart shows, and the same numbers in a table beside each chart. Presentation
 * attributes only (the CSP forbids inline styles); every text is escaped.
 */
import { quarterLabel, type BeforeAfter, type Gap, type QuarterCounts } from '../../domain/chronologyPatterns';
import { describeOccurred } from '../../domain/chronologyOrder';
import { formatDate } from '../../domain/dates';
import { escapeXml } from '../families/genogramSvg';
import type { PatternInput } from './patterns';
import { categoryLabel } from './schema';

const INK = '#0b0c0c';
const GREY = '#505a5f';
const LIGHT = '#b1b4b6';
const BLUE = '#1d70b8';
const RED = '#d4351c';
const FONT = 'font-family="GDS Transport, Arial, sans-serif"';
const n = (v: number) => String(Math.round(v * 10) / 10);

function frame(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="hearth-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>${body}</svg>`;
}

/**
 * Small multiples: one row of bars per category, one bar per quarter, all on the same scale so rows
 * compare. Years are marked under the first quarter of each.
 */
export function quarterChart(counts: QuarterCounts, maxRows = 8): string {
  const rows = counts.rows.slice(0, maxRows);
  const label = 210;
  const plot = 560;
  const rowHeight = 44;
  const width = label + plot + 20;
  const height = rows.length * rowHeight + 40;
  const q = Math.max(1, counts.quarters.length);
  const slot = plot / q;
  const max = Math.max(1, ...rows.flatMap((r) => r.counts));
  const body: string[] = [];
  rows.forEach((row, i) => {
    const base = 10 + (i + 1) * rowHeight - 8;
    body.push(`<text x="0" y="${n(base - 10)}" ${FONT} font-size="14" fill="${INK}">${escapeXml(categoryLabel(row.category).slice(0, 30))}</text>`);
    body.push(`<line x1="${label}" y1="${n(base)}" x2="${label + plot}" y2="${n(base)}" stroke="${LIGHT}" stroke-width="1"/>`);
    row.counts.forEach((c, j) => {
      if (c === 0) return;
      const h = (c / max) * (rowHeight - 14);
      body.push(
        `<rect x="${n(label + j * slot + slot * 0.15)}" y="${n(base - h)}" width="${n(Math.max(1, slot * 0.7))}" height="${n(h)}" fill="${BLUE}"><title>${escapeXml(`${categoryLabel(row.category)}, ${quarterLabel(counts.quarters[j]!)}: ${c}`)}</title></rect>`,
      );
    });
  });
  counts.quarters.forEach((quarter, j) => {
    if (!quarter.endsWith('Q1') && j !== 0) return;
    const x = label + j * slot;
    body.push(`<line x1="${n(x)}" y1="10" x2="${n(x)}" y2="${height - 24}" stroke="${LIGHT}" stroke-width="1" stroke-dasharray="2 3"/>`);
    body.push(`<text x="${n(x + 2)}" y="${height - 8}" ${FONT} font-size="13" fill="${GREY}">${escapeXml(quarter.slice(0, 4))}</text>`);
  });
  const busiest = rows[0];
  const desc = rows.length
    ? `Bars show how many entries of each kind happened in each quarter from ${quarterLabel(counts.quarters[0]!)} to ${quarterLabel(counts.quarters[counts.quarters.length - 1]!)}. The most frequent kind is ${categoryLabel(busiest!.category).toLowerCase()}, ${busiest!.total} in all. The table gives every number.`
    : 'There are no entries in this period.';
  return frame('quarters', width, height, 'Entries of each kind per quarter', desc, body.join(''));
}

/** Paired bars per kind of incident: the rate per quarter before the plan started, and after. */
export function beforeAfterChart(result: BeforeAfter, maxRows = 8): string {
  const rows = result.rows.slice(0, maxRows);
  const label = 210;
  const plot = 480;
  const width = label + plot + 60;
  const rowHeight = 46;
  const height = rows.length * rowHeight + 50;
  const max = Math.max(0.1, ...rows.flatMap((r) => [r.beforePerQuarter, r.afterPerQuarter]));
  const body: string[] = [
    `<rect x="${label}" y="6" width="14" height="14" fill="${GREY}"/><text x="${label + 20}" y="18" ${FONT} font-size="13" fill="${INK}">Before</text>`,
    `<rect x="${label + 90}" y="6" width="14" height="14" fill="${BLUE}"/><text x="${label + 110}" y="18" ${FONT} font-size="13" fill="${INK}">After</text>`,
  ];
  rows.forEach((row, i) => {
    const top = 34 + i * rowHeight;
    body.push(`<text x="0" y="${n(top + 20)}" ${FONT} font-size="14" fill="${INK}">${escapeXml(categoryLabel(row.category).slice(0, 30))}</text>`);
    const bar = (value: number, y: number, fill: string, what: string) => {
      const w = (value / max) * plot;
      body.push(`<rect x="${label}" y="${n(y)}" width="${n(Math.max(w, 1))}" height="16" fill="${fill}"><title>${escapeXml(`${categoryLabel(row.category)} ${what}: ${value} a quarter`)}</title></rect>`);
      body.push(`<text x="${n(label + w + 6)}" y="${n(y + 13)}" ${FONT} font-size="12" fill="${INK}">${value}</text>`);
    };
    bar(row.beforePerQuarter, top + 2, GREY, 'before');
    bar(row.afterPerQuarter, top + 20, BLUE, 'after');
  });
  const desc = rows.length
    ? `How often each kind of incident happened, per quarter, in the year before the plan started on ${formatDate(result.planStart)} and since then. ${rows
        .slice(0, 3)
        .map((r) => `${categoryLabel(r.category)}: ${r.beforePerQuarter} before, ${r.afterPerQuarter} after`)
        .join('; ')}.`
    : 'No incidents in the year before or since the plan started.';
  return frame('before-after', width, height, 'Incidents per quarter before and after the plan started', desc, body.join(''));
}

/** A timeline of significant events, with the gaps in professional contact shaded below the line. */
export function timelineChart(events: PatternInput[], gaps: Gap[], from: string, to: string): string {
  const width = 780;
  const left = 20;
  const plot = width - 40;
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Math.max(86_400_000, Date.parse(`${to}T00:00:00Z`) - start);
  const x = (iso: string) => left + ((Date.parse(`${iso}T00:00:00Z`) - start) / span) * plot;
  const shown = events.filter((e) => e.occurredOn >= from && e.occurredOn <= to);
  const stacks = new Map<number, number>();
  const axis = 150;
  const body: string[] = [];
  for (const gap of gaps) {
    if (gap.to < from || gap.from > to) continue;
    const x1 = x(gap.from < from ? from : gap.from);
    const x2 = x(gap.to > to ? to : gap.to);
    body.push(`<rect x="${n(x1)}" y="${axis + 8}" width="${n(Math.max(2, x2 - x1))}" height="18" fill="#f4cbc4" stroke="${RED}" stroke-width="1"><title>${escapeXml(`No professional contact for ${gap.weeks} weeks, ${formatDate(gap.from)} to ${formatDate(gap.to)}`)}</title></rect>`);
  }
  body.push(`<line x1="${left}" y1="${axis}" x2="${left + plot}" y2="${axis}" stroke="${INK}" stroke-width="2"/>`);
  const [fy] = from.split('-').map(Number) as [number];
  const [ty] = to.split('-').map(Number) as [number];
  const step = ty - fy > 12 ? 2 : 1;
  for (let year = fy; year <= ty + 1; year += step) {
    const iso = `${year}-01-01`;
    if (iso < from || iso > to) continue;
    body.push(`<line x1="${n(x(iso))}" y1="${axis - 5}" x2="${n(x(iso))}" y2="${axis + 5}" stroke="${INK}" stroke-width="1"/><text x="${n(x(iso) - 14)}" y="${axis + 44}" ${FONT} font-size="13" fill="${GREY}">${year}</text>`);
  }
  for (const e of shown) {
    const cx = x(e.occurredOn);
    const slot = Math.round(cx / 10);
    const level = stacks.get(slot) ?? 0;
    stacks.set(slot, level + 1);
    const cy = axis - 12 - (level % 10) * 13;
    body.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="5" fill="${RED}" stroke="${INK}" stroke-width="1"><title>${escapeXml(`${describeOccurred(e.occurredOn, e.precision)}: ${categoryLabel(e.category)}`)}</title></circle>`);
  }
  const desc = `${shown.length} significant events from ${formatDate(from)} to ${formatDate(to)}, each a red dot above the line${gaps.length ? `; ${gaps.length} stretches with no professional contact longer than the council’s limit are shaded below it` : ''}. The table lists each event.`;
  return frame('timeline', width, axis + 56, 'Timeline of significant events', desc, body.join(''));
}
