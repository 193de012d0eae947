import { formatDate } from '../../domain/dates';
import { labelFor, REFERRAL_SOURCE } from '../../domain/codes';
import { list, text, toErrorList, type ErrorItem, type FieldErrors } from '../../platform/validation';
import type { AssessmentVariant } from './tables';
import { blocksNewAssessment, type EarlyHelpAssessment, type HouseholdChild, type OpenReferral, type StartChild } from './startRepository';
import { isVariant, VARIANTS, variantApplies, variantRefusal } from './variants';

/** What the start page offers for one child (A1). */
export type StartOptions = {
  child: StartChild;
  referrals: OpenReferral[];
  earlyHelp: EarlyHelpAssessment[];
  household: HouseholdChild[];
};

export type StartChoice = {
  variant: AssessmentVariant;
  referral: OpenReferral | null;
  earlyHelp: EarlyHelpAssessment | null;
  siblings: HouseholdChild[];
};

export type StartValues = { variant: string; referral: string; earlyHelp: string; siblings: string[] };

const ORDER = ['variant', 'referral', 'earlyHelp', 'siblings'];

/** Reads the start form against what was offered: only offered referrals, assessments and children can be chosen. */
export function parseStart(body: unknown, options: StartOptions, today: string): { ok: true; data: StartChoice } | { ok: false; errors: FieldErrors; errorList: ErrorItem[] } {
  const errors: FieldErrors = {};
  const values = startValues(body);
  const variant = isVariant(values.variant) ? values.variant : null;
  if (!variant) errors.variant = 'Choose the kind of assessment';
  else if (!variantApplies(variant, options.child, today)) errors.variant = variantRefusal(variant, options.child.firstName);

  let referral: OpenReferral | null = null;
  if (values.referral && values.referral !== 'none') {
    referral = options.referrals.find((r) => r.id === values.referral) ?? null;
    if (!referral) errors.referral = 'Choose a referral from the list';
  } else if (!values.referral && options.referrals.length > 0) {
    errors.referral = 'Choose the referral this assessment starts from';
  }

  let earlyHelp: EarlyHelpAssessment | null = null;
  if (values.earlyHelp && values.earlyHelp !== 'none') {
    earlyHelp = options.earlyHelp.find((a) => a.id === values.earlyHelp) ?? null;
    if (!earlyHelp) errors.earlyHelp = 'Choose an early help assessment from the list';
  } else if (!values.earlyHelp && options.earlyHelp.length > 0) {
    errors.earlyHelp = 'Choose whether to carry in an early help assessment';
  }

  // Stepping up (A1): an early help assessment still open is carried into the new one, which closes it.
  const openEarlyHelp = steppingUpFrom(options);
  if (openEarlyHelp) {
    if (variant === 'early-help') errors.variant = `${options.child.firstName} already has an early help assessment in progress. Keep working on it, or choose another kind of assessment to step up to`;
    if (!errors.earlyHelp && earlyHelp?.id !== openEarlyHelp.id) errors.earlyHelp = 'Carry in the early help assessment in progress: it is closed as stepped up when this assessment starts';
  }

  if (!errors.referral && !errors.earlyHelp && !referral && !earlyHelp && variant && variant !== 'early-help') {
    errors[options.referrals.length > 0 ? 'referral' : 'variant'] =
      options.referrals.length > 0
        ? 'Choose the referral this assessment starts from, or an early help assessment to carry in'
        : `There is no open referral for ${options.child.firstName}: start an early help assessment, or record a contact and a referral first`;
  }

  // A brother or sister in early help is stepped up with the others (their own early help assessment
  // carried into their own new one); any other open assessment still stops one being started for them.
  const household = new Map(options.household.map((c) => [c.id, c]));
  const siblings: HouseholdChild[] = [];
  for (const id of new Set(values.siblings)) {
    const sibling = household.get(id);
    if (!sibling) {
      errors.siblings = 'Choose children from the list';
      break;
    }
    if (blocksNewAssessment(sibling)) {
      errors.siblings = `${sibling.firstName} already has an assessment in progress, so a new one cannot be started for them. Untick ${sibling.firstName}: their assessment carries on as it is`;
      break;
    }
    if (variant === 'early-help' && sibling.openAssessmentVariant === 'early-help') {
      errors.siblings = `${sibling.firstName} already has an early help assessment in progress. Untick ${sibling.firstName}, or choose another kind of assessment to step up to`;
      break;
    }
    siblings.push(sibling);
  }
  if (siblings.length > 10) errors.siblings = 'Choose children from the list';

  if (Object.keys(errors).length > 0 || !variant) {
    const ordered = Object.fromEntries(Object.entries(errors).sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b)));
    return { ok: false, errors: ordered, errorList: toErrorList(ordered) };
  }
  return { ok: true, data: { variant, referral, earlyHelp, siblings } };
}

/** The child's early help assessment still in progress, which starting a new assessment steps up from (closes). */
export function steppingUpFrom(options: StartOptions): EarlyHelpAssessment | null {
  const { child } = options;
  if (!child.openAssessmentId || child.openAssessmentVariant !== 'early-help') return null;
  return options.earlyHelp.find((a) => a.id === child.openAssessmentId) ?? null;
}

const EARLY_HELP_HINTS: Record<string, string> = {
  authorised: 'Completed. What it found is copied in for you to check and build on',
  closed: 'Stepped up into another assessment before. What it holds is copied in',
};

function householdHint(c: HouseholdChild): string {
  if (blocksNewAssessment(c)) return 'Already has an assessment in progress';
  const born = c.dateOfBirth ? `Born ${formatDate(c.dateOfBirth)}` : 'Unborn';
  if (c.openAssessmentId) return `${born}. Has an early help assessment in progress: what it holds is copied into ${c.firstName}’s new assessment, and it is closed as stepped up`;
  return born;
}

/** The submitted choices, read without trusting them (only short strings kept). */
export function startValues(body: unknown): StartValues {
  const short = (v: string) => v.slice(0, 40);
  return {
    variant: short(text(body, 'variant')),
    referral: short(text(body, 'referral')),
    earlyHelp: short(text(body, 'earlyHelp')),
    siblings: list(body, 'siblings').slice(0, 30).map(short),
  };
}

/** The radios and checkboxes of the start page, with the choices kept after an error. */
export function startFormView(options: StartOptions, values: StartValues, today: string) {
  const { child } = options;
  return {
    variants: VARIANTS.filter((v) => variantApplies(v.code, child, today)).map((v) => ({ value: v.code, text: v.label, hint: { text: v.hint }, checked: values.variant === v.code })),
    referrals: [
      ...options.referrals.map((r) => ({
        value: r.id,
        text: `Referral received on ${formatDate(r.referralDate)}`,
        hint: {
          text: r.hasAuthorisedAssessment
            ? `From ${labelFor(REFERRAL_SOURCE, r.sourceCode) || 'an unknown source'}. An assessment from it was authorised: this new one counts its working days from today`
            : `From ${labelFor(REFERRAL_SOURCE, r.sourceCode) || 'an unknown source'}. That date is day 0 of the assessment`,
        },
        checked: values.referral === r.id,
      })),
      { divider: 'or' },
      { value: 'none', text: 'Not from a referral', hint: { text: 'An early help assessment, or one carried on from an early help assessment: day 0 is today' }, checked: values.referral === 'none' },
    ],
    earlyHelp: [
      ...options.earlyHelp.map((a) => ({
        value: a.id,
        text: `Early help assessment started on ${formatDate(a.startedOn)}`,
        hint: { text: EARLY_HELP_HINTS[a.status] ?? 'Still in progress. What it holds so far is copied in, and it is closed as stepped up into this assessment' },
        checked: values.earlyHelp === a.id,
      })),
      { divider: 'or' },
      { value: 'none', text: 'Do not carry anything in', checked: values.earlyHelp === 'none' },
    ],
    household: options.household.map((c) => ({
      value: c.id,
      text: c.name,
      hint: { text: householdHint(c) },
      checked: values.siblings.includes(c.id),
      disabled: blocksNewAssessment(c),
    })),
  };
}
