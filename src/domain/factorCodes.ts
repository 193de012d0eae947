/**
 * DfE factor codes: the factors identified at the end of an assessment (CIN census item N00181,
 * `AssessmentFactors`), with plain labels, grouped by theme for the decision form, and the census
 * rules that apply to them (shared/reference/uk-data-standards.md sections 1.4 and 1.6).
 *
 * Letter suffix for 1-6: A = about the child, B = about a parent or carer, C = about another person
 * in the household.
 */

export type FactorTheme = { key: string; label: string; hint?: string };

export const FACTOR_THEMES: FactorTheme[] = [
  { key: 'substances', label: 'Alcohol and drugs' },
  { key: 'domestic-abuse', label: 'Domestic abuse' },
  { key: 'health', label: 'Mental health, learning disability and physical health' },
  { key: 'abuse', label: 'Abuse and neglect' },
  { key: 'outside-home', label: 'Going missing, exploitation and harm outside the home' },
  { key: 'child', label: 'The child’s own circumstances' },
  { key: 'private-fostering', label: 'Private fostering', hint: 'Choose one at most.' },
  { key: 'other', label: 'Other' },
];

export type FactorCode = { code: string; label: string; theme: string };

const byWhom = (n: number, what: string, theme: string): FactorCode[] => [
  { code: `${n}A`, label: `${what}: the child`, theme },
  { code: `${n}B`, label: `${what}: a parent or carer`, theme },
  { code: `${n}C`, label: `${what}: another person in the household`, theme },
];

/** The current codes, in the order the form shows them. */
export const FACTOR_CODES: FactorCode[] = [
  ...byWhom(1, 'Alcohol misuse', 'substances'),
  ...byWhom(2, 'Drug misuse', 'substances'),
  ...byWhom(3, 'Domestic abuse', 'domestic-abuse'),
  ...byWhom(4, 'Mental health', 'health'),
  ...byWhom(5, 'Learning disability', 'health'),
  ...byWhom(6, 'Physical disability or illness', 'health'),
  { code: '16A', label: 'Neglect', theme: 'abuse' },
  { code: '17A', label: 'Emotional abuse', theme: 'abuse' },
  { code: '18B', label: 'Physical abuse by another child', theme: 'abuse' },
  { code: '18C', label: 'Physical abuse by an adult', theme: 'abuse' },
  { code: '19B', label: 'Sexual abuse by another child', theme: 'abuse' },
  { code: '19C', label: 'Sexual abuse by an adult', theme: 'abuse' },
  { code: '22A', label: 'Female genital mutilation', theme: 'abuse' },
  { code: '23A', label: 'Abuse linked to faith or belief', theme: 'abuse' },
  { code: '10A', label: 'Going or being missing', theme: 'outside-home' },
  { code: '11A', label: 'Child sexual exploitation', theme: 'outside-home' },
  { code: '24A', label: 'Child criminal exploitation', theme: 'outside-home' },
  { code: '12A', label: 'Trafficking', theme: 'outside-home' },
  { code: '13A', label: 'Gangs', theme: 'outside-home' },
  { code: '7A', label: 'Young carer', theme: 'child' },
  { code: '9A', label: 'Unaccompanied asylum-seeking child', theme: 'child' },
  { code: '14A', label: 'Socially unacceptable behaviour', theme: 'child' },
  { code: '15A', label: 'Self-harm', theme: 'child' },
  { code: '8B', label: 'Privately fostered: from overseas, intending to return', theme: 'private-fostering' },
  { code: '8C', label: 'Privately fostered: from overseas, intending to stay', theme: 'private-fostering' },
  { code: '8D', label: 'Privately fostered: in the UK, for an educational placement', theme: 'private-fostering' },
  { code: '8E', label: 'Privately fostered: in the UK, an alternative family arrangement', theme: 'private-fostering' },
  { code: '8F', label: 'Privately fostered: other', theme: 'private-fostering' },
  { code: '20', label: 'Another factor (say what it is)', theme: 'other' },
  { code: '21', label: 'No factors identified', theme: 'other' },
];

export const NO_FACTORS = '21';
export const OTHER_FACTOR = '20';
export const PRIVATE_FOSTERING = ['8B', '8C', '8D', '8E', '8F'];

/** Codes the DfE retired in 2020 (census queries 8945Q, 8950Q): what to choose instead. */
export const RETIRED_FACTORS: Record<string, { label: string; instead: string[] }> = {
  '18A': { label: 'physical abuse', instead: ['18B', '18C'] },
  '19A': { label: 'sexual abuse', instead: ['19B', '19C'] },
};

/** The most factors one assessment can record (there are 42 codes: this only stops silly input). */
export const MAX_FACTORS = 40;

export function isFactorCode(value: unknown): value is string {
  return typeof value === 'string' && FACTOR_CODES.some((f) => f.code === value);
}

export function factorLabel(code: string): string {
  const found = FACTOR_CODES.find((f) => f.code === code);
  if (found) return found.label;
  const retired = RETIRED_FACTORS[code];
  return retired ? `${retired.label.charAt(0).toUpperCase()}${retired.label.slice(1)} (a code no longer used)` : code;
}

/** The codes of each theme, for checkboxes grouped by theme. */
export function factorsByTheme(): { theme: FactorTheme; codes: FactorCode[] }[] {
  return FACTOR_THEMES.map((theme) => ({ theme, codes: FACTOR_CODES.filter((f) => f.theme === theme.key) }));
}

export type FactorProblem = { rule: string; message: string };

export type FactorContext = {
  /** The outcome chosen in the decision, if any ('nfa' is no further action). */
  outcome?: string | null;
  /** True when the factors must be complete (marking the decision completed, authorising). */
  complete?: boolean;
  /** What was written for "another factor" (code 20). */
  otherFactor?: string | null;
};

const listOf = (codes: string[]) => codes.join(' or ');

/**
 * Problems with a set of factor codes, each with a plain message. An empty list means the codes can
 * be saved (and, with `complete`, sent in the census). The rules:
 * - every code must be a current DfE code; the retired 18A and 19A point to their replacements (8945Q, 8950Q);
 * - no code twice (8898);
 * - "no factors identified" (21) only on its own (8869) and only when the outcome is no further action (8873Q);
 * - at most one private fostering code (8B-8F: they describe one arrangement);
 * - "another factor" (20) says what the factor is;
 * - once complete, at least one code, "no factors identified" included (8897Q).
 */
export function checkFactors(codes: readonly string[], context: FactorContext = {}): FactorProblem[] {
  const problems: FactorProblem[] = [];
  if (codes.length > MAX_FACTORS) return [{ rule: 'too-many', message: `Choose at most ${MAX_FACTORS} factors` }];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) repeated.add(code);
    seen.add(code);
  }
  for (const code of seen) {
    const retired = RETIRED_FACTORS[code];
    if (retired) {
      problems.push({
        rule: 'retired',
        message: `Factor ${code} (${retired.label}) is no longer used. Choose ${listOf(retired.instead.map((c) => `${c} (${factorLabel(c).toLowerCase()})`))}`,
      });
    } else if (!FACTOR_CODES.some((f) => f.code === code)) {
      problems.push({ rule: 'unknown', message: `Choose factors from the list: ‘${code.slice(0, 20)}’ is not a factor code` });
    }
  }
  for (const code of repeated) problems.push({ rule: 'duplicate', message: `Factor ${code.slice(0, 20)} is chosen more than once. Choose each factor once` });
  if (seen.has(NO_FACTORS)) {
    if (seen.size > 1) problems.push({ rule: 'no-factors-alone', message: '‘No factors identified’ cannot be chosen with other factors. Untick it, or untick the other factors' });
    if (context.outcome && context.outcome !== 'nfa') {
      problems.push({ rule: 'no-factors-nfa', message: '‘No factors identified’ can only be chosen when the outcome is no further action. Choose the factors that led to this outcome' });
    }
  }
  const fostering = PRIVATE_FOSTERING.filter((c) => seen.has(c));
  if (fostering.length > 1) problems.push({ rule: 'one-private-fostering', message: `Choose one private fostering factor only: ${fostering.join(', ')} are chosen` });
  if (seen.has(OTHER_FACTOR) && context.complete && !(context.otherFactor ?? '').trim()) {
    problems.push({ rule: 'other-described', message: 'Say what the other factor (20) is' });
  }
  if (context.complete && seen.size === 0) {
    problems.push({ rule: 'at-least-one', message: 'Choose the factors identified at the end of the assessment, or ‘No factors identified’' });
  }
  return problems;
}
