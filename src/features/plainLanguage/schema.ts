import { z } from 'zod';
import { isFlagged, TERM_KINDS, type TermKind } from '../../domain/plainLanguageTerms';
import { cleanText, requiredText } from '../../platform/formFields';

/** The most text the check reads at once: longer than any family version, short enough to answer as the worker types. */
export const MAX_CHECK_LENGTH = 20_000;

const kinds = TERM_KINDS.map((k) => k.code) as [TermKind, ...TermKind[]];

const SUGGESTION_NEEDED = 'Enter a plainer way to say it';
const fields = {
  term: requiredText(100, 'Enter the word or phrase to look for', 'The word or phrase must be 100 characters or fewer'),
  kind: z.enum(kinds, { error: 'Choose what kind of word or phrase this is' }),
  // Needed for the words the check points out; the words that only stop a finding are never shown with one.
  suggestion: z.preprocess((v) => (v === undefined ? '' : cleanText(v)), z.string({ error: SUGGESTION_NEEDED }).max(500, 'The suggestion must be 500 characters or fewer')),
  // A single checkbox: ticked ('yes') or not (nothing posted). Anything else is refused, not read as unticked.
  active: z.preprocess(
    (v) => (v === undefined ? '' : v),
    z
      .unknown()
      .refine((v) => v === '' || v === 'yes', { message: 'Tick the box, or leave it empty' })
      .transform((v) => v === 'yes'),
  ),
};

/** A word pointed out needs its suggestion (checked even when another field failed, so every problem shows at once). */
function suggestionWhereNeeded(value: { term?: unknown; kind?: unknown; suggestion?: unknown }, ctx: z.RefinementCtx): void {
  const kind = TERM_KINDS.find((k) => k.code === value.kind)?.code;
  if (kind && isFlagged(kind) && (typeof value.suggestion !== 'string' || value.suggestion === '')) ctx.addIssue({ code: 'custom', path: ['suggestion'], message: SUGGESTION_NEEDED });
  // The check looks at the one word after "is" or "was": a phrase of this kind would never be used.
  if (kind === 'state' && typeof value.term === 'string' && /[\s-]/.test(value.term.trim())) {
    ctx.addIssue({ code: 'custom', path: ['term'], message: 'A word that says how someone is must be one word, for example worried' });
  }
}
const always = { when: () => true };

export const termSchema = z.object(fields).superRefine(suggestionWhereNeeded, always);

export const termEditSchema = z
  .object({
    ...fields,
    version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1, 'Reload the page and try again').max(1_000_000),
  })
  .superRefine(suggestionWhereNeeded, always);

export const checkSchema = z.object({
  text: z.string({ error: 'Enter the text to check' }).max(MAX_CHECK_LENGTH, `The text to check must be ${MAX_CHECK_LENGTH.toLocaleString('en-GB')} characters or fewer`),
  readingAge: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? undefined : v),
    z.coerce.number({ error: 'Enter a reading age from 6 to 18' }).int('Enter a reading age from 6 to 18').min(6, 'Enter a reading age from 6 to 18').max(18, 'Enter a reading age from 6 to 18').optional(),
  ),
});
