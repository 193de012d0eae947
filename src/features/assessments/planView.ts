import { changedFields } from '../../domain/assessmentSections';
import { formatDate } from '../../domain/dates';
import type { FieldErrors } from '../../platform/validation';
import type { PreviousAddress } from './planRepository';
import { CONSENT, GROUPINGS, INTERPRETER, type PlanSection, type PlanValues } from './planValues';

/** The plan's fields as the conflict page names them. */
export const PLAN_FIELD_LABELS: Record<string, string> = {
  aims: 'Aims agreed with the family',
  seen: 'Who will be seen',
  communicationNeeds: 'Communication needs',
  interpreter: 'Interpreter',
  interpreterLanguage: 'Language for the interpreter',
  interpreterNotUsedReasons: 'Why an interpreter will not be used',
  consent: 'Consent',
  consentDetails: 'About consent',
  informationHeld: 'Information already held',
  agencies: 'Agencies to contact',
  services: 'Help and services during the assessment',
  completed: 'Whether the section is completed',
};

const labelOf = (list: readonly { code: string; label: string }[], code: string | null) => list.find((c) => c.code === code)?.label ?? '';

/** One field of a plan in words, for the conflict page. */
export function showPlanField(plan: PlanSection, field: string): string {
  switch (field) {
    case 'seen':
      return plan.seen.map((r) => [r.order ? `${r.order}.` : '', r.who, labelOf(GROUPINGS, r.grouping).toLowerCase(), r.where ? `at ${r.where}` : ''].filter(Boolean).join(' ')).join('; ');
    case 'interpreter':
      return labelOf(INTERPRETER, plan.interpreter);
    case 'consent':
      return labelOf(CONSENT, plan.consent);
    case 'agencies':
      return plan.agencies.map((a) => (a.reason ? `${a.agency}: ${a.reason}` : a.agency)).join('; ');
    case 'services':
      return plan.services
        .map((s) => [s.service, s.offeredOn ? `offered ${formatDate(s.offeredOn)}` : '', s.startedOn ? `started ${formatDate(s.startedOn)}` : ''].filter(Boolean).join(', '))
        .join('; ');
    case 'completed':
      return plan.completed ? 'Completed' : 'Not completed yet';
    default: {
      const value = (plan as unknown as Record<string, unknown>)[field];
      return typeof value === 'string' ? value : '';
    }
  }
}

/** The fields where what was typed differs from what is saved now (the manager's approval is never typed, so never compared). */
export function conflictingFields(saved: PlanSection, typed: PlanSection): string[] {
  const strip = (p: PlanSection) => ({ ...p, interpreterApproval: null });
  return changedFields(strip(saved), strip(typed)).filter((f) => f in PLAN_FIELD_LABELS);
}

export function conflictRows(saved: PlanSection, typed: PlanSection, fields: string[], choices: Record<string, string>) {
  return fields.map((field) => ({ field, label: PLAN_FIELD_LABELS[field] ?? field, typed: showPlanField(typed, field), saved: showPlanField(saved, field), choice: choices[field] ?? '' }));
}

const dateText = (d: { day: string; month: string; year: string }) => (d.day || d.month || d.year ? `${d.day}/${d.month}/${d.year}` : '');

/** One field of the plan's form values in words (what was typed, which may not be valid yet). */
function typedPlanField(values: PlanValues, field: string): string {
  const label = (list: readonly { code: string; label: string }[], code: string) => list.find((c) => c.code === code)?.label ?? code;
  switch (field) {
    case 'seen':
      return values.seen.map((r) => [r.order ? `${r.order}.` : '', r.who, label(GROUPINGS, r.grouping).toLowerCase(), r.where ? `at ${r.where}` : ''].filter(Boolean).join(' ')).filter(Boolean).join('; ');
    case 'interpreter':
      return label(INTERPRETER, values.interpreter);
    case 'consent':
      return label(CONSENT, values.consent);
    case 'agencies':
      return values.agencies.map((a) => [a.agency, a.reason].filter(Boolean).join(': ')).filter(Boolean).join('; ');
    case 'services':
      return values.services
        .map((s) => [s.service, dateText(s.offeredOn) ? `offered ${dateText(s.offeredOn)}` : '', dateText(s.startedOn) ? `started ${dateText(s.startedOn)}` : ''].filter(Boolean).join(', '))
        .filter(Boolean)
        .join('; ');
    case 'completed':
      return values.completed === 'yes' ? 'Completed' : 'Not completed yet';
    default: {
      const value = (values as unknown as Record<string, unknown>)[field];
      return typeof value === 'string' ? value.trim() : '';
    }
  }
}

/**
 * What was typed that differs from what is saved, field by field, in full (never cut short): shown on
 * a plan that can no longer be changed, so the person can copy what they typed.
 */
export function unsavedPlanRows(saved: PlanValues, typed: PlanValues): { place: string; saved: string; typed: string }[] {
  return Object.keys(PLAN_FIELD_LABELS)
    .map((field) => ({ place: PLAN_FIELD_LABELS[field]!, saved: typedPlanField(saved, field), typed: typedPlanField(typed, field) }))
    .filter((row) => row.saved !== row.typed);
}

/** Agencies where the child lived before, suggested in an empty plan: the worker keeps, changes or removes them. */
export function suggestedAgencies(addresses: PreviousAddress[], firstName: string): PlanValues['agencies'] {
  return addresses.map((a) => {
    const place = a.town ?? a.postcode;
    const when = a.fromDate ? `from ${formatDate(a.fromDate)} to ${formatDate(a.toDate)}` : `until ${formatDate(a.toDate)}`;
    return {
      agency: `Children’s services, school and health visitor for ${place}`,
      reason: `${firstName} lived at ${a.line1}, ${[a.town, a.postcode].filter(Boolean).join(' ')} ${when}: ask what they know about ${firstName} and the family`,
    };
  });
}

/** At least one row in each group, so there is always somewhere to type. */
export function withEmptyRows(values: PlanValues): PlanValues {
  const empty = { day: '', month: '', year: '' };
  return {
    ...values,
    seen: values.seen.length > 0 ? values.seen : [{ who: '', grouping: '', where: '', order: '' }],
    agencies: values.agencies.length > 0 ? values.agencies : [{ agency: '', reason: '' }],
    services: values.services.length > 0 ? values.services : [{ service: '', offeredOn: { ...empty }, startedOn: { ...empty } }],
  };
}

/** The radios' items, with the choice kept. */
export function planChoices(values: PlanValues, errors: FieldErrors | undefined) {
  return {
    groupings: [{ value: '', text: 'Choose how' }, ...GROUPINGS.map((g) => ({ value: g.code, text: g.label }))],
    interpreter: INTERPRETER.map((c) => ({ value: c.code, text: c.label, checked: values.interpreter === c.code })),
    consent: CONSENT.map((c) => ({ value: c.code, text: c.label, checked: values.consent === c.code })),
    completed: [
      { value: 'yes', text: 'Yes, I have completed this section', checked: values.completed === 'yes' },
      { value: 'no', text: 'No, I’ll come back to it later', checked: values.completed === 'no' },
    ],
    errors: errors ?? {},
  };
}
