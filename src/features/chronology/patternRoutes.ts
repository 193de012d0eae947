/**
 * The analytical view of a child's or family's chronology (H2): kinds of event per quarter,
 * escalation, gaps in professional contact, before and after a plan started, and a timeline of
 * significant events. Each chart is an accessible SVG with its data in a table beside it.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { quarterLabel } from '../../domain/chronologyPatterns';
import { describeOccurred } from '../../domain/chronologyOrder';
import { EPISODE_TYPE, labelFor } from '../../domain/codes';
import { formatDate } from '../../domain/dates';
import { isUuid } from '../../platform/http';
import { text, type FieldErrors } from '../../platform/validation';
import { personTabs } from '../people/header';
import { dateValues, orderedErrors, readDate } from '../../platform/formFields';
import { beforeAfterChart, quarterChart, timelineChart } from './charts';
import { ctxOf, type PersonParams } from './http';
import { tooManyQuarters, type PlanChoice } from './patterns';
import { categoryLabel, parseFilters } from './schema';

const num = (value: number) => ({ text: String(value), format: 'numeric' });
const weeksText = (days: number) => (days % 7 === 0 ? `${days / 7} ${days === 7 ? 'week' : 'weeks'}` : `${days} ${days === 1 ? 'day' : 'days'}`);

/** "Child protection, from 3 March 2025, open now" (with the child's name first on the family's view). */
function planLabel(plan: PlanChoice, nameOf: Map<string, string>, family: boolean): string {
  const who = family ? `${nameOf.get(plan.personId) ?? 'A child'}: ` : '';
  const until = plan.open ? 'open now' : `ended ${formatDate(plan.endDate)}`;
  return `${who}${labelFor(EPISODE_TYPE, plan.type)}, from ${formatDate(plan.startDate)}, ${until}`;
}

export async function patternRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology } = services;

  app.get('/people/:personId/chronology/patterns', { config: { action: 'chronology:view', personParam: 'personId' } }, async (request, reply) => {
    const { personId } = request.params as PersonParams;
    const query = request.query;
    const family = text(query, 'family') === '1';
    const range = parseFilters(query);
    const errors: FieldErrors = { ...range.errors };
    const plan = readDate(query, 'plan', { label: 'date to compare', required: false });
    if (plan.error) errors.plan = plan.error;
    const planEpisode = text(query, 'planEpisode');
    if (planEpisode && !isUuid(planEpisode)) errors.planEpisode = 'Choose a plan from the list';
    let from = range.filters.from;
    const to = range.filters.to;
    if (from && tooManyQuarters(from, to ?? '9999-12-31')) {
      errors.from = 'Choose a range of 11 years or less';
      from = null;
    }
    const found = await chronology.patterns(ctxOf(request), personId, family, { planStart: plan.value, planEpisode: isUuid(planEpisode) ? planEpisode.toLowerCase() : null, from, to });
    if (!found) return reply.callNotFound();
    const p = found;
    if (p.planEpisodeUnknown) errors.planEpisode = 'Choose a plan from the list';
    const nameOf = new Map(p.members.map((m) => [m.id, m.name]));
    const chosenPlan = p.plan?.id ?? '';
    const e = p.escalation;
    const windowText = weeksText(e.windowDays);
    const base = `/people/${personId}/chronology/patterns`;
    return reply.page(
      'chronology/views/patterns.njk',
      {
        title: `${family ? 'Patterns in the family chronology' : 'Patterns in the chronology'} – ${p.header.name}`,
        person: p.header,
        tabs: personTabs(request.actor!, personId, 'chronology'),
        family,
        links: { child: `/people/${personId}/chronology`, family: `/people/${personId}/family-chronology`, childPatterns: base, familyPatterns: `${base}?family=1` },
        values: { from: range.values.from, to: range.values.to, plan: dateValues(query, 'plan') },
        planItems: p.plans.map((plan) => ({ value: plan.id, text: planLabel(plan, nameOf, family), selected: plan.id === chosenPlan })),
        entries: p.entries,
        range: { from: formatDate(p.from), to: formatDate(p.to) },
        quarters: {
          svg: p.counts.rows.length > 0 ? quarterChart(p.counts) : null,
          head: [{ text: 'Kind of event' }, ...p.counts.quarters.map((q) => ({ text: quarterLabel(q), format: 'numeric' })), { text: 'Total', format: 'numeric' }],
          rows: p.counts.rows.map((r) => [{ text: categoryLabel(r.category) }, ...r.counts.map((c) => num(c)), num(r.total)]),
          yearOnly: p.counts.yearOnly.rows.length
            ? {
                head: [{ text: 'Kind of event' }, ...p.counts.yearOnly.years.map((y) => ({ text: y, format: 'numeric' })), { text: 'Total', format: 'numeric' }],
                rows: p.counts.yearOnly.rows.map((r) => [{ text: categoryLabel(r.category) }, ...r.counts.map((c) => num(c)), num(r.total)]),
              }
            : null,
        },
        escalation: {
          window: windowText,
          recent: { from: formatDate(e.recentFrom), to: formatDate(e.to) },
          previous: { from: formatDate(e.previousFrom) },
          unplaced: e.unplaced,
          head: [{ text: 'Kind of incident' }, { text: `The ${windowText} before`, format: 'numeric' }, { text: `The last ${windowText}`, format: 'numeric' }, { text: 'Trend' }],
          rows: e.rows.map((e) => [
            { text: categoryLabel(e.category) },
            num(e.previous),
            num(e.recent),
            e.escalating ? { text: 'More often', classes: 'hearth-trend-up' } : { text: e.recent < e.previous ? 'Less often' : 'About the same' },
          ]),
        },
        gapWeeks: p.gapWeeks,
        gaps: {
          head: [{ text: 'From' }, { text: 'To' }, { text: 'Weeks', format: 'numeric' }, { text: 'Dates not known exactly' }],
          rows: p.gaps.map((g) => [
            { text: formatDate(g.from) },
            g.open ? { text: 'Today: still no contact', classes: 'hearth-trend-up' } : { text: formatDate(g.to) },
            num(g.weeks),
            { text: g.unsure ? `${g.unsure} ${g.unsure === 1 ? 'contact' : 'contacts'} known only to the month or year may fall in this gap` : '' },
          ]),
        },
        openPeriods: p.openPeriods,
        professionalContacts: p.professionalContacts,
        plan: p.planStart
          ? {
              start: formatDate(p.planStart),
              chosen: p.planStartChosen,
              label: p.plan ? planLabel(p.plan, nameOf, family) : null,
              current: p.plan !== null && p.plan.id === (p.plans.find((c) => c.open) ?? p.plans[0])?.id,
              unplaced: p.beforeAfter?.unplaced ?? 0,
              svg: p.beforeAfter && p.beforeAfter.rows.length > 0 ? beforeAfterChart(p.beforeAfter) : null,
              beforeFrom: p.beforeAfter ? formatDate(p.beforeAfter.beforeFrom) : '',
              afterTo: p.beforeAfter ? formatDate(p.beforeAfter.afterTo) : '',
              afterDays: p.beforeAfter?.afterDays ?? 0,
              head: [{ text: 'Kind of incident' }, { text: 'Before', format: 'numeric' }, { text: 'Per quarter before', format: 'numeric' }, { text: 'After', format: 'numeric' }, { text: 'Per quarter after', format: 'numeric' }],
              rows: (p.beforeAfter?.rows ?? []).map((r) => [{ text: categoryLabel(r.category) }, num(r.before), num(r.beforePerQuarter), num(r.after), num(r.afterPerQuarter)]),
            }
          : null,
        timeline: {
          svg: p.significant.length > 0 ? timelineChart(p.significant, p.gaps, p.significant[0]!.occurredOn < p.from ? p.significant[0]!.occurredOn : p.from, p.to) : null,
          head: [{ text: 'When it happened' }, { text: 'Kind' }, { text: 'What happened' }],
          rows: p.significant.map((e) => [{ text: describeOccurred(e.occurredOn, e.precision) }, { text: categoryLabel(e.category) }, { text: e.summary ?? '', classes: 'hearth-chronology__text' }]),
        },
        errors,
        errorList: orderedErrors(errors, ['from', 'to', 'planEpisode', 'plan'], ['from', 'to', 'plan']),
      },
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  });
}
