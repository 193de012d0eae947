/**
 * What the pages, the PDF and the CSV show of an entry: the date as precisely as it is known, the
 * category in words, the source, whether it was typed late, who it concerns (people this user may
 * not see are counted, never named) and where it is changed.
 */
import { describeOccurred, daysAfterEvent, isTypedLate } from '../../domain/chronologyOrder';
import { londonDateTime, londonDay } from './londonTime';
import type { Actor } from '../../platform/access';
import { can } from '../../platform/access';
import { sourceLink } from './fromRecords';
import type { ConcernedPerson, EntryRow } from './repository';
import { categoryLabel } from './schema';

export type EntryView = {
  id: string;
  when: string;
  occurredOn: string;
  category: string;
  categoryCode: string;
  summary: string;
  impact: string | null;
  significant: boolean;
  source: string;
  recordedOn: string;
  recordedBy: string;
  late: boolean;
  daysLate: number;
  concerns: string;
  people: { name: string; self: boolean }[];
  hiddenPeople: number;
  editHref: string | null;
  madeFrom: { href: string; text: string } | null;
  historyHref: string | null;
  shareHref: string | null;
};

export function sourceText(e: { sourceKind: string; sourceName: string | null; sourceAgency: string | null }): string {
  if (e.sourceKind === 'hearth') return 'Recorded in Hearth';
  if (e.sourceKind === 'agency') return e.sourceName ? `${e.sourceAgency ?? 'An agency'} (${e.sourceName})` : (e.sourceAgency ?? 'An agency');
  return e.sourceName ?? 'A person';
}

/** "Amara Okoro, Bode Okoro and 1 person whose record you cannot open". */
export function concernsText(people: ConcernedPerson[]): { text: string; shown: ConcernedPerson[]; hidden: number } {
  const shown = people.filter((p) => p.visible);
  const hidden = people.length - shown.length;
  const names = shown.map((p) => p.name);
  if (hidden > 0) names.push(hidden === 1 ? '1 person whose record you cannot open' : `${hidden} people whose records you cannot open`);
  const text = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return { text, shown, hidden };
}

export function entryView(e: EntryRow, opts: { actor: Actor; personId: string; lateDays: number }): EntryView {
  const recordedOn = londonDay(e.recordedAt);
  const base = `/people/${opts.personId}/chronology/${e.id}`;
  const people = concernsText(e.people);
  const typed = e.originType === 'entry';
  return {
    id: e.id,
    when: describeOccurred(e.occurredOn, e.precision),
    occurredOn: e.occurredOn,
    category: categoryLabel(e.category),
    categoryCode: e.category,
    summary: e.summary,
    impact: e.impact,
    significant: e.significant,
    source: sourceText(e),
    recordedOn: londonDateTime(e.recordedAt),
    recordedBy: e.recordedByName ?? 'Hearth',
    late: isTypedLate(e.occurredOn, e.precision, recordedOn, opts.lateDays),
    daysLate: daysAfterEvent(e.occurredOn, e.precision, recordedOn),
    concerns: people.text,
    people: people.shown.map((p) => ({ name: p.name, self: p.id === opts.personId })),
    hiddenPeople: people.hidden,
    editHref: typed && can(opts.actor, 'chronology:edit') && people.hidden === 0 ? `${base}/edit` : null,
    madeFrom: typed ? null : sourceLink(e.originType, e.originId, opts.personId),
    historyHref: e.version > 1 ? `${base}/history` : null,
    shareHref: can(opts.actor, 'chronology:share') ? `${base}/sharing` : null,
  };
}
