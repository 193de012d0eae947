import { text } from '../../platform/validation';

/**
 * The assessment plan (A3) as stored in the assessment's content under `plan`, and as its form
 * holds it (every field a string, rows as arrays). The form posts flat names: `seen-0-who`,
 * `services-1-offeredOn-day` and so on, so it works without JavaScript.
 */
export const GROUPINGS = [
  { code: 'alone', label: 'Alone' },
  { code: 'with-siblings', label: 'With brothers or sisters' },
  { code: 'with-parent', label: 'With a parent or carer' },
] as const;
export type Grouping = (typeof GROUPINGS)[number]['code'];

export const INTERPRETER = [
  { code: 'not-needed', label: 'No, an interpreter is not needed' },
  { code: 'needed', label: 'Yes, an interpreter is needed' },
  { code: 'not-using', label: 'An interpreter would help, but we have decided not to use one' },
] as const;
export type InterpreterChoice = (typeof INTERPRETER)[number]['code'];

export const CONSENT = [
  { code: 'given', label: 'The family agreed to us contacting other agencies' },
  { code: 'refused', label: 'The family did not agree' },
  { code: 'not-sought', label: 'Consent was not asked for' },
] as const;
export type ConsentChoice = (typeof CONSENT)[number]['code'];

export type InterpreterApproval = { approvedBy: string; approvedByName: string; approvedOn: string; reasons: string };

export type PlanSection = {
  aims: string;
  seen: { who: string; grouping: Grouping | null; where: string; order: number | null }[];
  communicationNeeds: string;
  interpreter: InterpreterChoice | null;
  interpreterLanguage: string;
  interpreterNotUsedReasons: string;
  interpreterApproval: InterpreterApproval | null;
  consent: ConsentChoice | null;
  consentDetails: string;
  informationHeld: string;
  agencies: { agency: string; reason: string }[];
  services: { service: string; offeredOn: string | null; startedOn: string | null }[];
  completed: boolean;
};

export type DateParts = { day: string; month: string; year: string };

export type PlanValues = {
  aims: string;
  seen: { who: string; grouping: string; where: string; order: string }[];
  communicationNeeds: string;
  interpreter: string;
  interpreterLanguage: string;
  interpreterNotUsedReasons: string;
  consent: string;
  consentDetails: string;
  informationHeld: string;
  agencies: { agency: string; reason: string }[];
  services: { service: string; offeredOn: DateParts; startedOn: DateParts }[];
  completed: string;
};

export const ROW_GROUPS = ['seen', 'agencies', 'services'] as const;
export type RowGroup = (typeof ROW_GROUPS)[number];
export const MAX_ROWS = 30;

/** Text as typed, capped well above every limit so a huge post cannot be echoed back whole. */
const cap = (value: string) => value.slice(0, 20_000);

/** How many rows of a group the form posted (the highest index seen, plus one), capped. */
function rowCount(body: unknown, group: RowGroup): number {
  if (!body || typeof body !== 'object') return 0;
  let count = 0;
  const pattern = new RegExp(`^${group}-(\\d{1,2})-`);
  for (const key of Object.keys(body as Record<string, unknown>)) {
    const m = pattern.exec(key);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  return Math.min(count, MAX_ROWS);
}

const parts = (body: unknown, field: string): DateParts => ({
  day: text(body, `${field}-day`).slice(0, 10),
  month: text(body, `${field}-month`).slice(0, 10),
  year: text(body, `${field}-year`).slice(0, 10),
});

const PLAN_FIELDS = new Set(['aims', 'communicationNeeds', 'interpreter', 'interpreterLanguage', 'interpreterNotUsedReasons', 'consent', 'consentDetails', 'informationHeld', 'completed', 'version']);
const ROW_FIELD = new RegExp(`^(${ROW_GROUPS.join('|')})-\\d{1,2}-`);

/**
 * The plan's fields that were posted more than once (the form has each only once). valuesFromBody
 * reads such a field as empty, so saving would silently lose what was typed: the form is refused instead.
 */
export function repeatedFields(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([key, value]) => Array.isArray(value) && (PLAN_FIELDS.has(key) || ROW_FIELD.test(key)))
    .map(([key]) => key)
    .slice(0, 20);
}

/** What the form posted, read without trusting it. */
export function valuesFromBody(body: unknown): PlanValues {
  const t = (field: string) => cap(text(body, field));
  const rows = (group: RowGroup) => Array.from({ length: rowCount(body, group) }, (_, i) => i);
  return {
    aims: t('aims'),
    seen: rows('seen').map((i) => ({ who: t(`seen-${i}-who`), grouping: t(`seen-${i}-grouping`).slice(0, 40), where: t(`seen-${i}-where`), order: t(`seen-${i}-order`).slice(0, 10) })),
    communicationNeeds: t('communicationNeeds'),
    interpreter: t('interpreter').slice(0, 40),
    interpreterLanguage: t('interpreterLanguage'),
    interpreterNotUsedReasons: t('interpreterNotUsedReasons'),
    consent: t('consent').slice(0, 40),
    consentDetails: t('consentDetails'),
    informationHeld: t('informationHeld'),
    agencies: rows('agencies').map((i) => ({ agency: t(`agencies-${i}-agency`), reason: t(`agencies-${i}-reason`) })),
    services: rows('services').map((i) => ({ service: t(`services-${i}-service`), offeredOn: parts(body, `services-${i}-offeredOn`), startedOn: parts(body, `services-${i}-startedOn`) })),
    completed: t('completed').slice(0, 10),
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object') : []);
const isoParts = (iso: unknown): DateParts => {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
};

/** The saved plan, read leniently (content is JSON: anything missing is empty). */
export function planFromContent(value: unknown): PlanSection {
  const p = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const approval = p.interpreterApproval && typeof p.interpreterApproval === 'object' ? (p.interpreterApproval as Record<string, unknown>) : null;
  const oneOf = <T extends string>(v: unknown, codes: readonly { code: T }[]): T | null => (codes.some((c) => c.code === v) ? (v as T) : null);
  return {
    aims: str(p.aims),
    seen: arr(p.seen).map((r) => ({ who: str(r.who), grouping: oneOf(r.grouping, GROUPINGS), where: str(r.where), order: typeof r.order === 'number' ? r.order : null })),
    communicationNeeds: str(p.communicationNeeds),
    interpreter: oneOf(p.interpreter, INTERPRETER),
    interpreterLanguage: str(p.interpreterLanguage),
    interpreterNotUsedReasons: str(p.interpreterNotUsedReasons),
    interpreterApproval: approval ? { approvedBy: str(approval.approvedBy), approvedByName: str(approval.approvedByName), approvedOn: str(approval.approvedOn), reasons: str(approval.reasons) } : null,
    consent: oneOf(p.consent, CONSENT),
    consentDetails: str(p.consentDetails),
    informationHeld: str(p.informationHeld),
    agencies: arr(p.agencies).map((r) => ({ agency: str(r.agency), reason: str(r.reason) })),
    services: arr(p.services).map((r) => ({ service: str(r.service), offeredOn: str(r.offeredOn) || null, startedOn: str(r.startedOn) || null })),
    completed: p.completed === true,
  };
}

/** The form's values for a saved plan. */
export function valuesFromPlan(plan: PlanSection): PlanValues {
  return {
    aims: plan.aims,
    seen: plan.seen.map((r) => ({ who: r.who, grouping: r.grouping ?? '', where: r.where, order: r.order === null ? '' : String(r.order) })),
    communicationNeeds: plan.communicationNeeds,
    interpreter: plan.interpreter ?? '',
    interpreterLanguage: plan.interpreterLanguage,
    interpreterNotUsedReasons: plan.interpreterNotUsedReasons,
    consent: plan.consent ?? '',
    consentDetails: plan.consentDetails,
    informationHeld: plan.informationHeld,
    agencies: plan.agencies.map((r) => ({ ...r })),
    services: plan.services.map((r) => ({ service: r.service, offeredOn: isoParts(r.offeredOn), startedOn: isoParts(r.startedOn) })),
    completed: plan.completed ? 'yes' : '',
  };
}

/** The values as flat form fields, for hidden inputs (the conflict page carries what was typed). */
export function flatten(values: PlanValues): [string, string][] {
  const out: [string, string][] = [];
  const scalar = ['aims', 'communicationNeeds', 'interpreter', 'interpreterLanguage', 'interpreterNotUsedReasons', 'consent', 'consentDetails', 'informationHeld', 'completed'] as const;
  for (const key of scalar) out.push([key, values[key]]);
  values.seen.forEach((r, i) => out.push([`seen-${i}-who`, r.who], [`seen-${i}-grouping`, r.grouping], [`seen-${i}-where`, r.where], [`seen-${i}-order`, r.order]));
  values.agencies.forEach((r, i) => out.push([`agencies-${i}-agency`, r.agency], [`agencies-${i}-reason`, r.reason]));
  values.services.forEach((r, i) => {
    out.push([`services-${i}-service`, r.service]);
    for (const d of ['offeredOn', 'startedOn'] as const) for (const part of ['day', 'month', 'year'] as const) out.push([`services-${i}-${d}-${part}`, r[d][part]]);
  });
  return out;
}

/** Adds an empty row to a group, or removes one ("seen-2"), for the no-JavaScript "add another" buttons. */
export function changeRows(values: PlanValues, add: string, remove: string): PlanValues {
  const next: PlanValues = { ...values, seen: [...values.seen], agencies: [...values.agencies], services: [...values.services] };
  const empty = { day: '', month: '', year: '' };
  if (add === 'seen' && next.seen.length < MAX_ROWS) next.seen.push({ who: '', grouping: '', where: '', order: '' });
  if (add === 'agencies' && next.agencies.length < MAX_ROWS) next.agencies.push({ agency: '', reason: '' });
  if (add === 'services' && next.services.length < MAX_ROWS) next.services.push({ service: '', offeredOn: { ...empty }, startedOn: { ...empty } });
  const m = /^(seen|agencies|services)-(\d{1,2})$/.exec(remove);
  if (m) (next[m[1] as RowGroup] as unknown[]).splice(Number(m[2]), 1);
  return next;
}
