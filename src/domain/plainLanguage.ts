/**
 * The plain-language check (A12) for everything written for families: reading level, long
 * sentences, passive voice, jargon, blaming words and vague summaries that hide how serious
 * something was, each with a plain suggestion. It never blocks a save: it helps the worker rewrite.
 *
 * Built on the retext family (unified + retext-english to split sentences and words,
 * retext-readability for hard sentences, retext-passive, retext-simplify for plain alternatives to
 * formal words) and the Flesch reading-ease formula for the whole text. Our own social-work word
 * list and rules are in plainLanguageRules.ts and plainLanguageTerms.ts.
 */
import { unified, type Processor } from 'unified';
import retextEnglish from 'retext-english';
import retextReadability from 'retext-readability';
import retextPassive from 'retext-passive';
import retextSimplify from 'retext-simplify';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { toString } from 'nlcst-to-string';
import { syllable } from 'syllable';
import { flesch } from 'flesch';
import type { Root } from 'nlcst';
import { describesNotPassive, PASSIVE_SUGGESTION, passiveStart, ruleFindings, type Span } from './plainLanguageRules';
import type { PlainLanguageTerm } from './plainLanguageTerms';

export type FindingKind = 'reading-level' | 'long-sentence' | 'passive' | 'jargon' | 'blaming' | 'vague-severity';

export type Finding = { kind: FindingKind; text: string; suggestion: string; start: number; end: number };

export type PlainLanguageStats = { words: number; sentences: number; readingEase: number | null; readingAge: number | null };

export type PlainLanguageReport = { findings: Finding[]; stats: PlainLanguageStats };

export type PlainLanguageOptions = {
  /** The council's word list (the plain_language_terms table), or STARTER_LIST in tests. */
  terms: readonly PlainLanguageTerm[];
  /** The reading age to write for: 13 for parents, lower for a child's version. */
  readingAge?: number;
  /** Sentences longer than this many words are flagged. */
  maxWords?: number;
};

export const FINDING_LABELS: Record<FindingKind, string> = {
  'reading-level': 'Hard to read',
  'long-sentence': 'Long sentence',
  passive: 'Passive voice',
  jargon: 'Jargon',
  blaming: 'Blaming or labelling',
  'vague-severity': 'Does not say what happened',
};

export const PARENT_READING_AGE = 13;
export const MAX_SENTENCE_WORDS = 25;
/** Below this many words a reading-ease score for the whole text says little. */
const MIN_WORDS_FOR_READING_AGE = 30;

/**
 * Formal words retext-simplify lists that are fine in a letter to a family, or that our own list
 * already covers with a better suggestion.
 */
const SIMPLIFY_IGNORE = [
  'it is', 'there is', 'there are', 'very', 'type', 'however', 'function', 'effect', 'aircraft', 'combat environment', 'vice', 'address',
  'forward', 'delete', 'option', 'benefit', 'combined', 'contains', 'accurate', 'identical', 'immediately', 'remain', 'request',
  'provide', 'previous', 'multiple', 'overall', 'minimum', 'maximum', 'honest truth', 'literally', 'equipments', 'females',
  'your office', 'arrive onboard', 'addressees', 'addressees are requested', 'the undersigned', 'not many', 'not often', 'in between',
  'purchase', 'permit', 'selection', 'failed to', 'a number of', 'witnessed', 'currently', 'maintain', 'identify',
];

const processors = new Map<number, Processor<Root, Root, Root>>();

function processorFor(age: number): Processor<Root, Root, Root> {
  let processor = processors.get(age);
  if (!processor) {
    processor = unified()
      .use(retextEnglish)
      // Five of its seven formulas must agree: a sentence is flagged when it is clearly hard, not on one formula's word.
      .use(retextReadability, { age, minWords: 6, threshold: 5 / 7 })
      .use(retextPassive)
      .use(retextSimplify, { ignore: SIMPLIFY_IGNORE })
      .freeze() as unknown as Processor<Root, Root, Root>;
    processors.set(age, processor);
  }
  return processor;
}

/** The reading age a Flesch reading-ease score suggests (the formula's own rule of thumb: 20 - score / 10). */
export function readingAgeFromEase(ease: number): number {
  return Math.max(8, Math.min(22, 20 - Math.floor(ease / 10)));
}

type Place = { start?: { offset?: number }; end?: { offset?: number }; offset?: number } | null | undefined;
const offsets = (place: Place): Span | null => {
  const start = place?.start?.offset;
  const end = place?.end?.offset;
  return typeof start === 'number' && typeof end === 'number' ? { start, end } : null;
};

/**
 * The English parser (parse-latin) does not end a sentence at a full stop after a number ("on
 * 3 March 2026. Ellie heard it." is one sentence to it), and a list item runs on from the line before.
 * Both become paragraph breaks here, keeping the text's length so every offset still points into the
 * original text.
 */
export function prepareForParsing(text: string): string {
  return text
    .replace(/(^|\n)([ \t]*)[-•*]([ \t])/g, (_m, nl: string, space: string, after: string) => `${nl}${space}${nl ? '\n' : ' '}${after}`)
    .replace(/(\d)\.([ \t]+)(?=[\p{Lu}"“‘(])/gu, (_m, digit: string, space: string) => `${digit}\n\n${space.slice(1)}`);
}

/** Checks one piece of writing. Pure: the same text and word list always give the same findings. */
export function checkPlainLanguage(text: string, options: PlainLanguageOptions): PlainLanguageReport {
  const age = options.readingAge ?? PARENT_READING_AGE;
  const maxWords = options.maxWords ?? MAX_SENTENCE_WORDS;
  if (!text.trim()) return { findings: [], stats: { words: 0, sentences: 0, readingEase: null, readingAge: null } };
  const processor = processorFor(age);
  const prepared = prepareForParsing(text);
  const file = new VFile(prepared);
  const tree = processor.runSync(processor.parse(file), file);

  const findings: Finding[] = [];
  const sentences: Span[] = [];
  let words = 0;
  let syllables = 0;
  visit(tree, 'SentenceNode', (sentence) => {
    const span = offsets(sentence.position);
    let count = 0;
    visit(sentence, 'WordNode', (word) => {
      count += 1;
      syllables += syllable(toString(word));
    });
    words += count;
    if (!span) return;
    sentences.push(span);
    if (count > maxWords) {
      findings.push({ kind: 'long-sentence', text: text.slice(span.start, span.end), suggestion: `This sentence has ${count} words. Split it into shorter sentences of ${maxWords} words or fewer`, ...span });
    }
  });

  for (const message of file.messages) {
    const span = offsets(message.place as Place);
    if (!span) continue;
    if (message.source === 'retext-readability') {
      const agree = /(\d+) out of (\d+)/.exec(message.reason);
      const tests = agree ? ` (${agree[1]} of ${agree[2]} reading tests agree)` : '';
      findings.push({ kind: 'reading-level', text: text.slice(span.start, span.end), suggestion: `This sentence may be hard to read for a reading age of ${age}${tests}. Use shorter, everyday words and split it up`, ...span });
    } else if (message.source === 'retext-passive') {
      if (describesNotPassive(text, span, options.terms)) continue;
      const start = passiveStart(text, span.start);
      findings.push({ kind: 'passive', text: text.slice(start, span.end), suggestion: PASSIVE_SUGGESTION, start, end: span.end });
    } else if (message.source === 'retext-simplify') {
      const instead = (message.expected ?? []).slice(0, 3).map((w) => `"${w}"`);
      const suggestion = instead.length ? `Use a simpler word: ${instead.join(' or ')}` : 'Leave this out or say it more simply';
      findings.push({ kind: 'jargon', text: text.slice(span.start, span.end), suggestion, ...span });
    }
  }

  const own = ruleFindings(text, options.terms, sentences);
  const result = dedupe(own, findings);

  const sentenceCount = Math.max(1, sentences.length);
  const readingEase = words > 0 ? Math.round(flesch({ sentence: sentenceCount, word: words, syllable: syllables })) : null;
  const readingAge = readingEase === null ? null : readingAgeFromEase(readingEase);
  // The formula cannot tell texts apart below a reading age of 11 (its easiest band): younger
  // readers are served by the sentence checks, whose formulas include ones made for young children.
  if (readingAge !== null && words >= MIN_WORDS_FOR_READING_AGE && readingAge > Math.max(age, 11)) {
    result.unshift({
      kind: 'reading-level',
      text: 'The whole text',
      suggestion: `This reads at about age ${readingAge} (Flesch reading ease ${readingEase}). Aim for a reading age of ${age} or under: use shorter sentences and everyday words`,
      start: 0,
      end: text.length,
    });
  }
  return { findings: result, stats: { words, sentences: sentences.length, readingEase, readingAge } };
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Our own findings win over a library's on the same words (the word list has the better suggestion);
 * of two findings of one kind on overlapping words, the longer is kept.
 */
function dedupe(own: Finding[], library: Finding[]): Finding[] {
  const wordFindings = own.filter((f) => f.kind !== 'passive');
  const fromLibrary = library.filter((f) => !(f.kind === 'jargon' && wordFindings.some((o) => overlaps(o, f))));
  const all = [...own, ...fromLibrary].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  for (const finding of all) {
    const sameKind = kept.find((k) => k.kind === finding.kind && overlaps(k, finding) && finding.kind !== 'long-sentence' && finding.kind !== 'reading-level');
    if (!sameKind) kept.push(finding);
  }
  return kept;
}
