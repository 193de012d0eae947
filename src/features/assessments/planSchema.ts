import { z } from 'zod';
import { dateFromParts } from '../../domain/dates';
import type { ErrorItem, FieldErrors } from '../../platform/validation';
import { cleanText } from '../../platform/formFields';
import { CONSENT, GROUPINGS, INTERPRETER, type DateParts, type InterpreterApproval, type PlanSection, type PlanValues } from './planValues';

const textOf = (max: number, tooLong: string) => z.preprocess((v) => cleanText(v ?? ''), z.string().max(max, tooLong));
const choice = <T extends string>(codes: readonly { code: T }[], message: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(codes.map((c) => c.code) as [T, ...T[]], { error: message }).nullable());

/** The plan's fields and their limits (GOV.UK wording); the rules across fields follow in parsePlan. */
const planSchema = z.object({
  aims: textOf(5000, 'The aims must be 5,000 characters or fewer'),
  communicationNeeds: textOf(3000, 'Communication needs must be 3,000 characters or fewer'),
  interpreter: choice(INTERPRETER, 'Choose whether an interpreter is needed'),
  interpreterLanguage: textOf(100, 'The language must be 100 characters or fewer'),
  interpreterNotUsedReasons: textOf(3000, 'The reasons must be 3,000 characters or fewer'),
  consent: choice(CONSENT, 'Choose what the family said about consent'),
  consentDetails: textOf(3000, 'The details of consent must be 3,000 characters or fewer'),
  informationHeld: textOf(10000, 'Information already held must be 10,000 characters or fewer'),
  completed: z.enum(['yes', 'no'], { error: 'Choose whether you have completed this section' }),
});

const seenRow = z.object({
  who: textOf(200, 'Who will be seen must be 200 characters or fewer'),
  grouping: choice(GROUPINGS, 'Choose how they will be seen'),
  where: textOf(200, 'Where must be 200 characters or fewer'),
  order: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? Number(v.trim()) : v),
    z.number({ error: 'The order must be a number, like 1 or 2' }).int('The order must be a whole number, like 1 or 2').min(1, 'The order must be 1 or more').max(99, 'The order must be 99 or less').nullable(),
  ),
});
const agencyRow = z.object({
  agency: textOf(200, 'The agency must be 200 characters or fewer'),
  reason: textOf(1000, 'What to ask them must be 1,000 characters or fewer'),
});

export type PlanParsed = { ok: true; data: PlanSection } | { ok: false; errors: FieldErrors; errorList: ErrorItem[] };

const blank = (d: DateParts) => !d.day.trim() && !d.month.trim() && !d.year.trim();

function readPart(d: DateParts, label: string): { value: string | null; error?: string } {
  if (blank(d)) return { value: null };
  const iso = dateFromParts(d.day, d.month, d.year);
  return iso ? { value: iso } : { value: null, error: `${label} must be a real date` };
}

/**
 * Validates the plan. It can be saved part-written; marking it completed needs the aims, at least one
 * person to be seen, the interpreter question and consent answered, and (when an interpreter will not
 * be used) a team manager's approval. The approval already saved is kept only while the decision and
 * its reasons stay the same.
 */
export function parsePlan(values: PlanValues, saved: PlanSection): PlanParsed {
  const errors: FieldErrors = {};
  const order: string[] = ['aims'];
  const note = (field: string, message: string) => {
    if (!errors[field]) errors[field] = message;
  };
  const base = planSchema.safeParse(values);
  if (!base.success) for (const issue of base.error.issues) note(issue.path.map(String).join('-'), issue.message);

  const seen: PlanSection['seen'] = [];
  values.seen.forEach((row, i) => {
    order.push(`seen-${i}-who`, `seen-${i}-grouping`, `seen-${i}-where`, `seen-${i}-order`);
    if (!row.who.trim() && !row.grouping && !row.where.trim() && !row.order.trim()) return;
    const parsed = seenRow.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) note(`seen-${i}-${String(issue.path[0])}`, issue.message);
      return;
    }
    if (!parsed.data.who) note(`seen-${i}-who`, 'Enter who will be seen');
    seen.push(parsed.data);
  });
  order.push('communicationNeeds', 'interpreter', 'interpreterLanguage', 'interpreterNotUsedReasons', 'consent', 'consentDetails', 'informationHeld');

  const agencies: PlanSection['agencies'] = [];
  values.agencies.forEach((row, i) => {
    order.push(`agencies-${i}-agency`, `agencies-${i}-reason`);
    if (!row.agency.trim() && !row.reason.trim()) return;
    const parsed = agencyRow.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) note(`agencies-${i}-${String(issue.path[0])}`, issue.message);
      return;
    }
    if (!parsed.data.agency) note(`agencies-${i}-agency`, 'Enter the agency to contact');
    agencies.push(parsed.data);
  });

  const services: PlanSection['services'] = [];
  values.services.forEach((row, i) => {
    order.push(`services-${i}-service`, `services-${i}-offeredOn`, `services-${i}-startedOn`);
    const service = typeof cleanText(row.service) === 'string' ? (cleanText(row.service) as string) : '';
    if (!service && blank(row.offeredOn) && blank(row.startedOn)) return;
    if (!service) note(`services-${i}-service`, 'Enter the help or service');
    else if (service.length > 200) note(`services-${i}-service`, 'The help or service must be 200 characters or fewer');
    const offered = readPart(row.offeredOn, 'The date it was offered');
    const started = readPart(row.startedOn, 'The date it started');
    if (offered.error) note(`services-${i}-offeredOn`, offered.error);
    if (started.error) note(`services-${i}-startedOn`, started.error);
    if (offered.value && started.value && started.value < offered.value) note(`services-${i}-startedOn`, 'The date it started must be the same as or after the date it was offered');
    services.push({ service, offeredOn: offered.value, startedOn: started.value });
  });
  order.push('completed');

  // Rules across fields, read from what was typed so they show alongside any other error.
  const typed = (v: string) => v.trim() !== '';
  if (values.interpreter === 'needed' && !typed(values.interpreterLanguage)) note('interpreterLanguage', 'Enter the language the interpreter is needed for');
  if (values.interpreter === 'not-using' && !typed(values.interpreterNotUsedReasons)) note('interpreterNotUsedReasons', 'Enter why an interpreter will not be used');
  if ((values.consent === 'refused' || values.consent === 'not-sought') && !typed(values.consentDetails)) {
    note('consentDetails', values.consent === 'refused' ? 'Enter what the family said and what happens now' : 'Enter why consent was not asked for');
  }
  if (values.completed === 'yes') {
    if (!typed(values.aims)) note('aims', 'Enter the aims agreed with the family before you mark this section as completed');
    if (!values.seen.some((r) => typed(r.who))) note(values.seen.length > 0 ? 'seen-0-who' : 'aims', 'Add at least one person who will be seen before you mark this section as completed');
    if (!values.interpreter) note('interpreter', 'Choose whether an interpreter is needed before you mark this section as completed');
    if (!values.consent) note('consent', 'Choose what the family said about consent before you mark this section as completed');
  }

  if (Object.keys(errors).length > 0 || !base.success) {
    const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
    const sorted = Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
    const dated = /^services-\d+-(offeredOn|startedOn)$/;
    return { ok: false, errors: sorted, errorList: Object.entries(sorted).map(([field, text]) => ({ text, href: `#${dated.test(field) ? `${field}-day` : field}` })) };
  }

  const d = base.data;
  const keepApproval = d.interpreter === 'not-using' && saved.interpreter === 'not-using' && saved.interpreterNotUsedReasons === d.interpreterNotUsedReasons ? saved.interpreterApproval : null;
  const data: PlanSection = {
    aims: d.aims,
    seen,
    communicationNeeds: d.communicationNeeds,
    interpreter: d.interpreter,
    interpreterLanguage: d.interpreter === 'needed' ? d.interpreterLanguage : '',
    interpreterNotUsedReasons: d.interpreter === 'not-using' ? d.interpreterNotUsedReasons : '',
    interpreterApproval: keepApproval,
    consent: d.consent,
    consentDetails: d.consentDetails,
    informationHeld: d.informationHeld,
    agencies,
    services,
    completed: d.completed === 'yes',
  };
  if (data.completed && data.interpreter === 'not-using' && !data.interpreterApproval) {
    const message = 'A team manager must approve the decision not to use an interpreter before you mark this section as completed. Save it as not completed, and ask your manager';
    return { ok: false, errors: { completed: message }, errorList: [{ text: message, href: '#completed' }] };
  }
  return { ok: true, data };
}

/** The manager's approval of a decision not to use an interpreter, with their reasons. */
export const approvalSchema = z.object({
  reasons: z.preprocess((v) => cleanText(v ?? ''), z.string().min(1, 'Enter your reasons for approving this decision').max(3000, 'Your reasons must be 3,000 characters or fewer')),
  version: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number().int().min(1).max(1_000_000_000)),
});

export function withApproval(plan: PlanSection, approval: InterpreterApproval): PlanSection {
  return { ...plan, interpreterApproval: approval };
}
