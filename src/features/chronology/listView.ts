/**
 * The page data of a child's or family's chronology: the entries as shown, the filter form with
 * what was chosen, the order toggle, paging links that keep the filters, and the export form.
 */
import { CHRONOLOGY_CATEGORIES } from '../../domain/chronology';
import { encodeCursor } from '../../domain/chronologyOrder';
import { can, type Actor } from '../../platform/access';
import { personTabs } from '../people/header';
import { entryView } from './present';
import { filterQuery, type FilterForm } from './schema';
import type { ChronologyList } from './service';
import { PURPOSES } from './http';
import { renderPartial } from './partials';

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

export function listView(actor: Actor, personId: string, list: ChronologyList, form: FilterForm, family: boolean, exportLimit: number) {
  const base = family ? `/people/${personId}/family-chronology` : `/people/${personId}/chronology`;
  const order = list.filters.order;
  const query = (extra: Record<string, string> = {}, o: 'newest' | 'oldest' = order) => {
    const q = filterQuery(form.values, o, extra);
    return q ? `?${q}` : '';
  };
  const first = list.rows[0];
  const last = list.rows[list.rows.length - 1];
  const key = (r: NonNullable<typeof first>) => encodeCursor({ occurredOn: r.occurredOn, recordedAt: r.recordedKey, entryId: r.id });
  const v = form.values;
  const visibleMembers = list.members.filter((m) => m.visible || m.self);
  const filtersUsed = v.categories.length > 0 || !!v.significance || !!v.person || !!v.source || !!(v.from.year || v.to.year);
  return {
    title: `${family ? 'Family chronology' : 'Chronology'} – ${list.header.name}`,
    person: list.header,
    tabs: personTabs(actor, personId, 'chronology'),
    family,
    base,
    entries: list.rows.map((r) => entryView(r, { actor, personId, lateDays: list.lateDays })),
    lateDays: list.lateDays,
    matching: list.matching,
    total: list.total,
    shown: list.rows.length,
    filtersUsed,
    members: visibleMembers,
    hiddenMembers: list.members.length - visibleMembers.length,
    links: {
      child: `/people/${personId}/chronology`,
      family: `/people/${personId}/family-chronology`,
      patterns: `/people/${personId}/chronology/patterns${family ? '?family=1' : ''}`,
      add: `/people/${personId}/chronology/new`,
      newest: `${base}${query({}, 'newest')}`,
      oldest: `${base}${query({}, 'oldest')}`,
      significant: withQuery(base, filterQuery({ ...v, significance: 'significant' }, order)),
      everything: withQuery(base, filterQuery({ ...v, significance: '' }, order)),
      clear: base,
    },
    order,
    pagination: {
      previous: list.hasPrevious && first ? { href: `${base}${query({ before: key(first) })}`, labelText: pagingLabels(order).previous } : undefined,
      next: list.hasNext && last ? { href: `${base}${query({ after: key(last) })}`, labelText: pagingLabels(order).next } : undefined,
    },
    exportParams: [...new URLSearchParams(filterQuery(v, order, family ? { family: '1' } : {})).entries()],
    exportHref: { pdf: `/people/${personId}/chronology.pdf`, csv: `/people/${personId}/chronology.csv`, print: `/people/${personId}/chronology/print` },
    exportLimit: exportLimit.toLocaleString('en-GB'),
    filterForm: {
      action: base,
      values: v,
      choices: renderPartial('chronology/views/_filterChoices.njk', {
        values: { significance: v.significance, from: v.from, to: v.to },
        categories: CHRONOLOGY_CATEGORIES.map((c) => ({ value: c.code, text: c.label, checked: v.categories.includes(c.code) })),
        errors: { ...(form.errors.from ? { from: form.errors.from } : {}), ...(form.errors.to ? { to: form.errors.to } : {}) },
      }),
      people: [
        { value: '', text: family ? 'Everyone in the family' : 'Anyone' },
        ...visibleMembers.filter((m) => family || !m.self).map((m) => ({ value: m.id, text: `${m.name}${m.self ? ' (this person)' : ''}`, selected: v.person === m.id })),
      ],
    },
    purposeQuestion: renderPartial('chronology/views/_exportPurpose.njk', { purposes: [{ value: '', text: 'Choose what it is for' }, ...PURPOSES.map((p) => ({ value: p.value, text: p.text }))] }),
    can: { add: can(actor, 'chronology:add'), export: can(actor, 'chronology:export') },
    /** Partner agency users see only the entries shared with them. */
    sharedOnly: actor.role === 'partner',
  };
}

/** Paging labels follow the order: newest first pages back in time, oldest first forwards. */
export function pagingLabels(order: 'newest' | 'oldest') {
  return order === 'newest' ? { previous: 'Newer entries', next: 'Older entries' } : { previous: 'Earlier entries', next: 'Later entries' };
}
