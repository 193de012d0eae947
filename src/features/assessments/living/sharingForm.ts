/**
 * The form that records sharing an assessment (A11): with whom, when, how and in what language or
 * format, or why it was not shared. Telling the referrer the outcome is recorded the same way.
 */
import { z } from 'zod';
import type { Choice } from '../../../domain/assessmentContent';
import { text, type FieldErrors } from '../../../platform/validation';
import { cleanText, dateValues, readDate } from '../../../platform/formFields';
import type { NewSharing } from './familyVersions';
import { versionName, type VersionSummary } from './versionTexts';

export const AUDIENCES: Choice[] = [
  { value: 'family', text: 'The parents or carers' },
  { value: 'child', text: 'The child' },
  { value: 'referrer', text: 'The person or agency who made the referral', hint: 'Telling them the outcome, as far as confidentiality allows' },
];
export const SHARING_METHODS: Choice[] = [
  { value: 'in-person', text: 'In person' },
  { value: 'post', text: 'By post' },
  { value: 'email', text: 'By email' },
  { value: 'secure-portal', text: 'Through the secure portal' },
  { value: 'phone', text: 'By phone' },
];
export const FORMATS: Choice[] = [
  { value: 'standard', text: 'Standard print' },
  { value: 'easy-read', text: 'Easy read' },
  { value: 'large-print', text: 'Large print' },
  { value: 'audio', text: 'Audio recording' },
  { value: 'braille', text: 'Braille' },
  { value: 'talked-through', text: 'Read aloud and talked through' },
];
export const NOT_SHARED_REASONS: Choice[] = [
  { value: 'risk-to-child', text: 'Sharing it would put the child at risk' },
  { value: 'police-investigation', text: 'It would harm a police investigation' },
  { value: 'other', text: 'Another reason' },
];

const label = (choices: Choice[], value: string | null) => choices.find((c) => c.value === value)?.text ?? value ?? '';

/** A sharing record's choices in the words the form showed, for the pages that list sharing. */
export function sharingLabels(s: { audience: string; method: string | null; format: string | null }) {
  return { audienceLabel: label(AUDIENCES, s.audience), methodLabel: label(SHARING_METHODS, s.method), formatLabel: label(FORMATS, s.format) };
}
const values = (choices: Choice[]) => choices.map((c) => c.value) as [string, ...string[]];
const optional = (max: number, message: string) => z.preprocess((v) => (v === undefined ? '' : cleanText(v)), z.string({ error: message }).max(max, message));

const schema = z.object({
  audience: z.enum(values(AUDIENCES), { error: 'Choose who it was for' }),
  shared: z.enum(['yes', 'no'], { error: 'Choose whether it was shared' }),
  method: z.string().optional(),
  sharedWith: optional(200, 'Who it was shared with must be 200 characters or fewer'),
  language: optional(100, 'The language must be 100 characters or fewer'),
  format: z.string().optional(),
  notSharedReason: z.string().optional(),
  notSharedDetails: optional(1000, 'The details must be 1,000 characters or fewer'),
  sharedVersion: z.string().optional(),
});

export const FIELD_ORDER = ['audience', 'shared', 'sharedOn', 'method', 'sharedWith', 'sharedVersion', 'language', 'format', 'notSharedReason', 'notSharedDetails'];

/** The answer that no saved version was shared (talked through, or the referrer told the outcome). */
export const NO_VERSION = 'none';
/** A saved version as the form names it: "family:2". */
export const versionValue = (v: { audience: string; version: number }) => `${v.audience}:${v.version}`;

/**
 * Which saved version was shared: asked when there is one to choose. The answer must be one the form
 * offered (or none); an assessment with no saved version has nothing to choose, so nothing is kept.
 */
function readVersion(answer: string | undefined, versions: VersionSummary[]): { value: VersionSummary | null } | { error: string } {
  if (versions.length === 0) return { value: null };
  if (!answer) return { error: 'Choose which version was shared, or ‘No written version’' };
  if (answer === NO_VERSION) return { value: null };
  const found = versions.find((v) => versionValue(v) === answer);
  return found ? { value: found } : { error: 'Choose a version from the list, or ‘No written version’' };
}

/** Reads the form: the sharing to record, or the errors in GOV.UK wording. */
export function readSharing(body: unknown, today: string, versions: VersionSummary[]): { ok: true; value: NewSharing } | { ok: false; errors: FieldErrors } {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  // A repeated choice (an array) becomes a value no list has, so it gets the choice's own message; a
  // repeated text field is passed on as it is, so the text's schema refuses it (never stored as text).
  const texts = new Set(['sharedWith', 'language', 'notSharedDetails']);
  const flat = Object.fromEntries(['audience', 'shared', 'method', 'sharedWith', 'language', 'format', 'notSharedReason', 'notSharedDetails', 'sharedVersion'].map((k) => [k, typeof form[k] === 'string' || form[k] === undefined || texts.has(k) ? form[k] : 'not-a-string']));
  const parsed = schema.safeParse(flat);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'audience')] ??= issue.message;
    return { ok: false, errors };
  }
  const v = parsed.data;
  const who = label(AUDIENCES, v.audience).replace(/^The /, 'the ');
  if (v.shared === 'yes') {
    const date = readDate(form, 'sharedOn', { label: 'date it was shared', today });
    if (date.error) errors.sharedOn = date.error;
    if (!v.method || !SHARING_METHODS.some((m) => m.value === v.method)) errors.method = 'Choose how it was shared';
    if (!v.sharedWith) errors.sharedWith = 'Enter who it was shared with, for example Sarah Jones (mother)';
    if (!v.format || !FORMATS.some((f) => f.value === v.format)) errors.format = 'Choose the format it was shared in';
    const version = readVersion(v.sharedVersion, versions);
    if ('error' in version) errors.sharedVersion = version.error;
    if (Object.keys(errors).length || 'error' in version) return { ok: false, errors };
    const shown = version.value;
    // Left blank, it was shared in the language the version is written in.
    const language = v.language || shown?.language || 'English';
    const what = shown ? `, ${versionName(shown.audience, shown.version)}` : '';
    return {
      ok: true,
      value: {
        audience: v.audience as NewSharing['audience'],
        sharedOn: date.value,
        method: v.method!,
        sharedWith: v.sharedWith,
        language,
        format: v.format!,
        notSharedReason: null,
        versionAudience: shown?.audience ?? null,
        versionNumber: shown?.version ?? null,
        summary:
          v.audience === 'referrer'
            ? `Outcome of the assessment told to the referrer (${v.sharedWith}), ${label(SHARING_METHODS, v.method!).toLowerCase()}${what}`
            : `Assessment shared with ${who} (${v.sharedWith}), ${label(SHARING_METHODS, v.method!).toLowerCase()}, in ${language}, ${label(FORMATS, v.format!).toLowerCase()}${what}`,
      },
    };
  }
  if (!v.notSharedReason || !NOT_SHARED_REASONS.some((r) => r.value === v.notSharedReason)) errors.notSharedReason = 'Choose why it was not shared';
  else if (v.notSharedReason === 'other' && !v.notSharedDetails) errors.notSharedDetails = 'Say why it was not shared';
  if (Object.keys(errors).length) return { ok: false, errors };
  const reason = `${label(NOT_SHARED_REASONS, v.notSharedReason!)}${v.notSharedDetails ? `: ${v.notSharedDetails}` : ''}`;
  return {
    ok: true,
    value: {
      audience: v.audience as NewSharing['audience'],
      sharedOn: null,
      method: null,
      sharedWith: null,
      language: null,
      format: null,
      notSharedReason: reason,
      versionAudience: null,
      versionNumber: null,
      summary: `${v.audience === 'referrer' ? 'Outcome of the assessment not told to the referrer' : `Assessment not shared with ${who}`}: ${reason}`,
    },
  };
}

/** What the form shows again after an error: what was typed, cut short. */
export function keptSharing(body: unknown): Record<string, unknown> {
  const pick = (k: string, max: number) => text(body, k).slice(0, max);
  return {
    audience: pick('audience', 20),
    shared: pick('shared', 5),
    sharedOn: dateValues(body, 'sharedOn'),
    method: pick('method', 20),
    sharedWith: pick('sharedWith', 250),
    language: pick('language', 120),
    format: pick('format', 20),
    notSharedReason: pick('notSharedReason', 30),
    notSharedDetails: pick('notSharedDetails', 1100),
    sharedVersion: pick('sharedVersion', 20),
  };
}
