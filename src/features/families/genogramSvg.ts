/**
 * Draws a laid-out genogram as SVG markup. Presentation attributes only (the CSP forbids inline
 * styles), so the same markup works inline in the family page and as a standalone image/svg+xml.
 */
import { CELL, type GenogramLayout, type LineKind, type PlacedPerson } from '../../domain/genogram';
import { NO_ACCESS } from '../../domain/familyDescription';

const INK = '#0b0c0c';
const GREY = '#505a5f';
const FONT = 'font-family="GDS Transport, Arial, sans-serif"';

const LINE_STYLE: Record<LineKind, string> = {
  partners: `stroke="${INK}" stroke-width="2"`,
  'former-partners': `stroke="${INK}" stroke-width="2" stroke-dasharray="8 5"`,
  'co-parents': `stroke="${INK}" stroke-width="2" stroke-dasharray="2 4"`,
  descent: `stroke="${INK}" stroke-width="1.5"`,
  siblings: `stroke="${GREY}" stroke-width="1.5" stroke-dasharray="4 3"`,
};

export function escapeXml(value: string): string {
  // Control characters are not allowed in XML 1.0: drop them rather than break the image.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function truncate(value: string, max = 20): string {
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

const n = (value: number) => String(Math.round(value * 10) / 10);

function shape(p: PlacedPerson, grow = 0): string {
  const half = CELL.shape / 2 + grow;
  const { x, cy } = p;
  const hidden = p.person.name === null;
  const paint = grow > 0 ? `fill="none" stroke="${INK}" stroke-width="1.5"` : `fill="${hidden ? '#f3f2f1' : '#ffffff'}" stroke="${INK}" stroke-width="2"${hidden ? ' stroke-dasharray="4 3"' : ''}`;
  switch (p.shape) {
    case 'square':
      return `<rect x="${n(x - half)}" y="${n(cy - half)}" width="${n(half * 2)}" height="${n(half * 2)}" ${paint}/>`;
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(cy)}" r="${n(half)}" ${paint}/>`;
    case 'triangle':
      return `<polygon points="${n(x)},${n(cy - half)} ${n(x + half)},${n(cy + half)} ${n(x - half)},${n(cy + half)}" ${paint}/>`;
    case 'diamond':
      return `<polygon points="${n(x)},${n(cy - half)} ${n(x + half)},${n(cy)} ${n(x)},${n(cy + half)} ${n(x - half)},${n(cy)}" ${paint}/>`;
  }
}

function personMarkup(p: PlacedPerson): string {
  const out: string[] = [];
  if (p.focus) out.push(shape(p, 5));
  out.push(shape(p));
  if (p.person.deceased) {
    const h = CELL.shape / 2;
    out.push(`<path d="M${n(p.x - h)} ${n(p.cy - h)}L${n(p.x + h)} ${n(p.cy + h)}M${n(p.x + h)} ${n(p.cy - h)}L${n(p.x - h)} ${n(p.cy + h)}" stroke="${INK}" stroke-width="1.5"/>`);
  }
  const top = p.box.y + CELL.shapeTop + CELL.shape;
  const lines = p.person.name === null ? ['No access', p.person.relationToFocus ?? '', ''] : [p.person.name, p.focus ? 'this person' : (p.person.relationToFocus ?? ''), ageText(p)];
  lines.forEach((text, i) => {
    if (!text) return;
    const weight = i === 0 ? ' font-weight="bold"' : '';
    const colour = i === 0 ? INK : GREY;
    out.push(`<text x="${n(p.x)}" y="${n(top + 18 + i * 16)}" text-anchor="middle" font-size="${i === 0 ? 14 : 13}"${weight} fill="${colour}">${escapeXml(truncate(text))}</text>`);
  });
  return `<g>${out.join('')}</g>`;
}

function ageText(p: PlacedPerson): string {
  if (p.person.unborn) return 'unborn';
  if (p.person.ageYears === null || p.person.ageYears < 0) return '';
  if (p.person.deceased) return 'died';
  return p.person.ageYears === 0 ? 'under 1' : `age ${p.person.ageYears}`;
}

/**
 * The whole genogram. `standalone` adds the XML namespace for serving as an image; inline, the
 * title and description ids are given so the page can use them.
 */
export function genogramSvg(layout: GenogramLayout, text: { title: string; description: string; idPrefix?: string; standalone?: boolean }): string {
  const id = text.idPrefix ?? 'genogram';
  const width = Math.max(layout.width, 200);
  const height = Math.max(layout.height, 80);
  const parts: string[] = [];
  parts.push(
    `<svg${text.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''} viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" ${FONT} class="hearth-genogram__image">`,
  );
  parts.push(`<title id="${id}-title">${escapeXml(text.title)}</title>`);
  parts.push(`<desc id="${id}-desc">${escapeXml(text.description)}</desc>`);
  parts.push(`<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`);
  for (const polygon of layout.households) {
    parts.push(`<polygon points="${polygon.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="#f3f2f1" fill-opacity="0.6" stroke="${GREY}" stroke-width="2" stroke-dasharray="10 6"/>`);
  }
  for (const line of layout.lines) {
    parts.push(`<polyline points="${line.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" ${LINE_STYLE[line.kind]}/>`);
  }
  for (const p of layout.people) parts.push(personMarkup(p));
  parts.push('</svg>');
  return parts.join('');
}

export { NO_ACCESS };
