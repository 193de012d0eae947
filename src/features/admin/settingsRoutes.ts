import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services';
import { SETTINGS, type SettingKey } from '../../domain/settings';
import { isValidIsoDate } from '../../domain/dates';
import { setFlash, takeFlash } from '../../platform/http';
import type { FieldErrors } from '../../platform/validation';
import { orderedErrors } from '../../platform/formFields';
import { describeSetting, errorsFromSettings, formValues, NUMBER_FIELDS, readClosureDay, readSettingsForm, typedValues, unitItems, VISIT_PLAN_TYPES } from './settingsForm';

const manage = { action: 'settings:manage' } as const;
const ALL_KEYS = Object.keys(SETTINGS) as SettingKey[];

type Shown = { values?: Record<string, string>; errors?: FieldErrors; closure?: Record<string, string>; closureErrors?: FieldErrors; conflict?: boolean };

/** Administrators: the council's settings (timescales, visit frequency, closure days, chronology), and changing them. */
export async function adminSettingsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { settings } = services;
  const ctxOf = (request: FastifyRequest) => ({ actor: request.actor!, requestId: request.id });

  async function show(request: FastifyRequest, reply: FastifyReply, shown: Shown = {}, status = 200) {
    const [current, version] = await Promise.all([settings.getMany(ALL_KEYS), settings.version()]);
    const values = shown.values ?? formValues(current);
    const errors = { ...shown.errors, ...shown.closureErrors };
    const flash = status === 200 ? await takeFlash(services, request) : undefined;
    const summary = ALL_KEYS.map((key) => ({ key, label: SETTINGS[key].label, hint: SETTINGS[key].hint, current: describeSetting(key, current[key]), default: describeSetting(key, SETTINGS[key].default) }));
    return reply.page(
      'admin/views/settings.njk',
      {
        title: 'Council settings',
        summary,
        settingsVersion: version,
        values,
        numbers: NUMBER_FIELDS.map((n) => ({ ...n, label: SETTINGS[n.key].label, hint: SETTINGS[n.key].hint })),
        plans: VISIT_PLAN_TYPES.map((p) => ({ ...p, units: unitItems(values[`visits-${p.code}-unit`] ?? '') })),
        hints: { checkpoints: SETTINGS['assessment.checkpoints'].hint, visits: SETTINGS['visits.frequency'].hint, closure: SETTINGS['calendar.closureDays'].hint },
        closureDays: [...current['calendar.closureDays']].sort((a, b) => a.date.localeCompare(b.date)),
        closure: shown.closure ?? {},
        conflict: shown.conflict,
        errors: Object.keys(errors).length ? errors : undefined,
        // A closure day's date links to its day box, as GOV.UK date inputs do.
        errorList: Object.keys(errors).length ? orderedErrors(errors, Object.keys(errors), ['date']) : undefined,
        flash,
      },
      status,
    );
  }

  app.get('/admin/settings', { config: manage }, async (request, reply) => show(request, reply));

  app.post('/admin/settings', { config: manage }, async (request, reply) => {
    const typed = typedValues(request.body);
    const read = readSettingsForm(request.body);
    if (!read.ok) return show(request, reply, { values: typed, errors: read.errors }, 400);
    const posted = (request.body as Record<string, unknown> | undefined)?.version;
    const version = typeof posted === 'string' && /^\d{1,12}$/.test(posted.trim()) ? Number(posted.trim()) : -1;
    const saved = await settings.saveMany(ctxOf(request), read.values, version);
    if (!saved.ok && 'conflict' in saved)
      return show(request, reply, { values: typed, conflict: true, errors: { form: 'Someone else changed the settings while you were editing them. Check the saved settings below, then save your changes again.' } }, 409);
    if (!saved.ok) return show(request, reply, { values: typed, errors: errorsFromSettings(saved.errors, read.values) }, 400);
    await setFlash(services, request, saved.changed.length ? `Saved. ${saved.changed.length === 1 ? '1 setting was' : `${saved.changed.length} settings were`} changed.` : 'Nothing was changed.');
    return reply.redirect('/admin/settings', 303);
  });

  app.post('/admin/settings/closure-days', { config: manage }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kept = Object.fromEntries(['date-day', 'date-month', 'date-year', 'name'].map((k) => [k, typeof body[k] === 'string' ? body[k].slice(0, 100) : '']));
    const read = readClosureDay(request.body);
    if (!read.ok) return show(request, reply, { closure: kept, closureErrors: read.errors }, 400);
    const day = read.day;
    let already = false;
    const saved = await settings.modify(ctxOf(request), 'calendar.closureDays', (days) => {
      already = days.some((d) => d.date === day.date);
      return already ? days : [...days, day].sort((a, b) => a.date.localeCompare(b.date));
    });
    if (already) return show(request, reply, { closure: kept, closureErrors: { date: 'That date is already a closure day' } }, 400);
    if (!saved.ok) return show(request, reply, { closure: kept, closureErrors: { date: 'errors' in saved ? (saved.errors['calendar.closureDays'] ?? 'That closure day cannot be added') : 'Try again' } }, 400);
    await setFlash(services, request, ['The closure day was added. It is no longer counted as a working day.', ...saved.notes].join(' '));
    return reply.redirect('/admin/settings#closure-days', 303);
  });

  app.post('/admin/settings/closure-days/remove', { config: manage }, async (request, reply) => {
    const date = (request.body as Record<string, unknown> | undefined)?.date;
    if (typeof date !== 'string' || !isValidIsoDate(date)) return show(request, reply, { closureErrors: { 'closure-days': 'Choose a closure day to remove' } }, 400);
    let found = false;
    const saved = await settings.modify(ctxOf(request), 'calendar.closureDays', (days) => {
      found = days.some((d) => d.date === date);
      return days.filter((d) => d.date !== date);
    });
    if (!found) return show(request, reply, { closureErrors: { 'closure-days': 'That date is not on the list of closure days: someone may have removed it already' } }, 400);
    await setFlash(services, request, ['The closure day was removed. It counts as a working day again.', ...(saved.ok ? saved.notes : [])].join(' '));
    return reply.redirect('/admin/settings#closure-days', 303);
  });
}
