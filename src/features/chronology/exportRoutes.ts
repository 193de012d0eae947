/**
 * The chronology for a conference or court (H3): the filtered chronology, child's or family's, as a
 * PDF, a CSV or a page to print (the print stylesheet leaves only the entries). Each is a disclosure:
 * audited with its format, filters and purpose. Each holds up to the export limit and says when
 * entries past it were left out.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { formatDate, todayInLondon } from '../../domain/dates';
import { PRECISION_LABELS } from '../../domain/chronologyOrder';
import { formatNhsNumber } from '../../domain/nhsNumber';
import { text } from '../../platform/validation';
import { makePdf, writingPdfCannotShow } from '../../platform/pdf';
import { toCsv } from './csv';
import { ctxOf, PURPOSES, purposeOf, type PersonParams } from './http';
import { entryView, type EntryView } from './present';
import { categoryLabel, filterQuery, parseFilters } from './schema';
import type { ChronologyList } from './service';
import type { ChronologyFilters } from './conditions';
import { personTabs } from '../people/header';

/** The filters in words, for the top of an export. */
export function describeFilters(filters: ChronologyFilters, list: ChronologyList): string {
  const parts: string[] = [];
  if (filters.categories.length > 0) parts.push(`kinds of event: ${filters.categories.map((c) => categoryLabel(c).toLowerCase()).join(', ')}`);
  if (filters.significantOnly) parts.push('significant events only');
  if (filters.personId) parts.push(`concerning ${list.members.find((m) => m.id === filters.personId)?.name ?? 'one person'}`);
  if (filters.source) parts.push(`told us by someone matching “${filters.source.words}”`);
  if (filters.from) parts.push(`from ${formatDate(filters.from)}`);
  if (filters.to) parts.push(`to ${formatDate(filters.to)}`);
  return parts.length > 0 ? `Filtered: ${parts.join('; ')}.` : 'Every entry, unfiltered.';
}

/** "12 entries, newest first, ordered by the date each event happened. “Typed late” marks ... ": the same words on the PDF and the print view. */
function aboutEntries(list: ChronologyList, shown: number): string {
  return `${shown} ${shown === 1 ? 'entry' : 'entries'}, ${list.filters.order === 'oldest' ? 'oldest' : 'newest'} first, ordered by the date each event happened. “Typed late” marks an entry recorded ${list.lateDays} days or more after the event.`;
}

/** The family members a family chronology's PDF names: those this user may see. */
const printedMembersOf = (read: Pick<ChronologyList, 'members'>, family: boolean) => (family ? read.members.filter((m) => m.visible || m.self).map((m) => m.name) : []);

/** The writing in a chronology's PDF that it cannot show (platform/pdf.ts): in the names it prints and the entries. */
function pdfCannotShow(read: Pick<ChronologyList, 'header' | 'members'>, rows: EntryView[], family: boolean): string[] {
  return writingPdfCannotShow([read.header.name, ...printedMembersOf(read, family), ...rows.flatMap((e) => [e.summary, e.impact ?? '', e.source, e.concerns])]);
}

/** Said when an export stops at the limit and more entries match. */
const CSV_HEAD = ['When it happened', 'Date', 'How exact the date is', 'Kind of event', 'What happened', 'Impact on the child', 'Significance', 'Source', 'Who it concerns', 'Recorded', 'Recorded by', 'Typed late'];
const leftOut = (limit: number) => `Only the first ${limit.toLocaleString('en-GB')} entries are included: narrow the filters for the rest.`;

export async function exportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology } = services;

  async function load(request: FastifyRequest, format: 'pdf' | 'csv' | 'print') {
    const { personId } = request.params as PersonParams;
    const family = text(request.query, 'family') === '1';
    const form = parseFilters(request.query);
    const purpose = purposeOf(request.query);
    const view = (read: Pick<ChronologyList, 'rows'>, lateDays: number) => read.rows.map((r) => entryView(r, { actor: request.actor!, personId, lateDays }));
    // A PDF that cannot show the writing is not made (see the route): its audit row says so.
    const detailsOf = format === 'pdf' ? (read: Pick<ChronologyList, 'header' | 'members' | 'rows'>) => {
      const cannotShow = pdfCannotShow(read, view(read, 0), family);
      return cannotShow.length > 0 ? { made: false, cannotShow } : {};
    } : undefined;
    const list = await chronology.exportAll(ctxOf(request), personId, form.filters, family, { format, purpose, detailsOf });
    if (!list) return null;
    const rows = view(list, list.lateDays);
    return { personId, family, list, form, rows, purpose, truncated: list.more };
  }

  app.get('/people/:personId/chronology.pdf', { config: { action: 'chronology:export', personParam: 'personId' } }, async (request, reply) => {
    const found = await load(request, 'pdf');
    if (!found) return reply.callNotFound();
    const { list, rows, family } = found;
    const h = list.header;
    const who = [h.dateOfBirth ? `Born ${formatDate(h.dateOfBirth)}` : null, h.nhsNumber ? `NHS number ${formatNhsNumber(h.nhsNumber)}` : null].filter(Boolean).join(' · ');
    const purpose = PURPOSES.find((p) => p.value === found.purpose)?.text;
    // Writing the PDF has no font for (Chinese, Thai, ...) would print as boxes: offer the print view,
    // which the browser draws in any script, and the CSV instead. Its
    // audit row says the PDF was not made (made: false).
    const printedMembers = printedMembersOf(list, family);
    const cannotShow = pdfCannotShow(list, rows, family);
    if (cannotShow.length > 0) {
      const query = [filterQuery(found.form.values, list.filters.order), family ? 'family=1' : '', found.purpose ? `purpose=${encodeURIComponent(found.purpose)}` : ''].filter(Boolean).join('&');
      return reply.page(
        'chronology/views/pdf-cannot-show.njk',
        {
          title: `No PDF of the chronology – ${h.name}`,
          person: h,
          backLink: `/people/${found.personId}/${family ? 'family-chronology' : 'chronology'}`,
          scripts: cannotShow,
          printHref: `/people/${found.personId}/chronology/print${query ? `?${query}` : ''}`,
          csvHref: `/people/${found.personId}/chronology.csv${query ? `?${query}` : ''}`,
        },
        422,
      );
    }
    const pdf = await makePdf({
      title: `${family ? 'Family chronology' : 'Chronology'}: ${h.name}`,
      subtitle: `${who ? `${who}. ` : ''}Produced on ${formatDate(todayInLondon())} by ${request.actor!.name}${purpose ? ` for ${purpose.charAt(0).toLowerCase()}${purpose.slice(1)}` : ''}.`,
      footer: `OFFICIAL-SENSITIVE · ${family ? 'Family chronology' : 'Chronology'} of ${h.name}`,
      blocks: [
        {
          kind: 'paragraph',
          text: `${describeFilters(list.filters, list)} ${aboutEntries(list, rows.length)}${found.truncated ? ` ${leftOut(list.limit)}` : ''}`,
        },
        ...(family && printedMembers.length > 0 ? [{ kind: 'paragraph' as const, text: `The family: ${printedMembers.join(', ')}.` }] : []),
        {
          kind: 'table',
          head: ['When it happened', 'What happened', 'Kind', 'Source', 'Recorded'],
          widths: [1.3, 4, 1.4, 1.5, 1.5],
          rows: rows.map((e) => [
            e.when,
            [e.summary, e.impact ? `Impact on the child: ${e.impact}` : null, family || e.people.length > 1 || e.hiddenPeople > 0 ? `Concerns: ${e.concerns}` : null].filter(Boolean).join('\n'),
            `${e.category}${e.significant ? '\nSignificant' : ''}`,
            e.source,
            `${e.recordedOn} by ${e.recordedBy}${e.late ? `\nTyped late (${e.daysLate} days after)` : ''}`,
          ]),
        },
      ],
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${family ? 'family-chronology' : 'chronology'}-${todayInLondon()}.pdf"`)
      .send(pdf);
  });

  app.get('/people/:personId/chronology.csv', { config: { action: 'chronology:export', personParam: 'personId' } }, async (request, reply) => {
    const found = await load(request, 'csv');
    if (!found) return reply.callNotFound();
    const csv = toCsv(
      CSV_HEAD,
      found.rows.map((e, i) => {
        const row = found.list.rows[i]!;
        return [e.when, e.occurredOn, PRECISION_LABELS[row.precision], e.category, e.summary, e.impact ?? '', e.significant ? 'Significant' : 'Routine', e.source, e.concerns, e.recordedOn, e.recordedBy, e.late ? `Yes, ${e.daysLate} days after` : 'No'];
      }).concat(found.truncated ? [[leftOut(found.list.limit), ...CSV_HEAD.slice(1).map(() => '')]] : []), // said in the file itself, below the last entry, as the PDF says it
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${found.family ? 'family-chronology' : 'chronology'}-${todayInLondon()}.csv"`)
      .send(csv);
  });

  // The whole filtered chronology as a page, for the browser to print: no menus, filters or links in print.
  app.get('/people/:personId/chronology/print', { config: { action: 'chronology:export', personParam: 'personId' } }, async (request, reply) => {
    const found = await load(request, 'print');
    if (!found) return reply.callNotFound();
    const { list, family, personId } = found;
    const h = list.header;
    const purpose = PURPOSES.find((p) => p.value === found.purpose)?.text;
    const query = filterQuery(found.form.values, list.filters.order);
    const base = family ? `/people/${personId}/family-chronology` : `/people/${personId}/chronology`;
    return reply.page('chronology/views/print.njk', {
      title: `${family ? 'Family chronology' : 'Chronology'} to print – ${h.name}`,
      person: h,
      tabs: personTabs(request.actor!, personId, 'chronology'),
      family,
      back: query ? `${base}?${query}` : base,
      produced: `Produced on ${formatDate(todayInLondon())} by ${request.actor!.name}${purpose ? ` for ${purpose.charAt(0).toLowerCase()}${purpose.slice(1)}` : ''}.`,
      about: `${describeFilters(list.filters, list)} ${aboutEntries(list, found.rows.length)}`,
      leftOut: found.truncated ? leftOut(list.limit) : null,
      members: family ? list.members.filter((m) => m.visible || m.self).map((m) => m.name) : [],
      // A paper copy has no use for links to change or share an entry.
      entries: found.rows.map((e) => ({ ...e, editHref: null, madeFrom: null, historyHref: null, shareHref: null })),
      caption: `${family ? 'Family chronology of ' : 'Chronology of '}${h.name}`,
    });
  });
}
