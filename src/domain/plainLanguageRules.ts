/**
 * The plain-language checks that are ours rather than a library's (A12): the council's word list,
 * "domestic" used as a noun, "contact" meaning family time, vague counts of incidents that hide what
 * happened, and passive verbs the retext-passive list does not know. That list has irregular
 * participles only ("taken", "seen"), and it looks only at the word just before one, so "were called",
 * "is anticipated" and "was quickly taken" were all missed: here any regular participle ("-ed") after a
 * form of "be" counts, with "will", "has" and the like before it and up to two words such as "not" or
 * "quickly" between, except the words that say how someone feels or is ("Mum is scared"); irregular
 * participles likewise ("was quickly taken"); words of the list's kind 'state' ("scared", "drunk",
 * "upset") and "fed up" are not passive. Pure
 * functions over the text; offsets are UTF-16 indexes into it, as JavaScript strings are.
 */
import { isFlagged, type FlaggedKind, type PlainLanguageTerm } from './plainLanguageTerms';

export type RuleFinding = { kind: FlaggedKind | 'passive'; text: string; suggestion: string; start: number; end: number };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** A term as a pattern: whole words, any case (capitals only for abbreviations), a space or hyphen between words. */
export function termPattern(term: string): RegExp | null {
  const words = term.trim().split(/[\s\u00a0-]+/).filter(Boolean);
  if (words.length === 0) return null;
  const acronym = /\p{Lu}/u.test(term) && !/\p{Ll}/u.test(term);
  return new RegExp(`${BEFORE}${words.map(escape).join('[\\s\\u00a0-]+')}${AFTER}`, acronym ? 'gu' : 'giu');
}

/** A word list made ready to check with: patterns for the words pointed out, and the two sets of words that stop a finding. */
type Compiled = { flagged: { term: PlainLanguageTerm & { kind: FlaggedKind }; pattern: RegExp }[]; describing: Set<string>; state: Set<string> };
const compiled = new WeakMap<readonly PlainLanguageTerm[], Compiled>();

export function compile(terms: readonly PlainLanguageTerm[]): Compiled {
  let found = compiled.get(terms);
  if (!found) {
    const words = (kind: string) => new Set(terms.filter((t) => t.kind === kind).map((t) => t.term.trim().toLowerCase()));
    found = {
      flagged: terms.flatMap((term) => {
        const pattern = isFlagged(term.kind) ? termPattern(term.term) : null;
        return pattern ? [{ term: term as PlainLanguageTerm & { kind: FlaggedKind }, pattern }] : [];
      }),
      describing: words('describing'),
      state: words('state'),
    };
    compiled.set(terms, found);
  }
  return found;
}

function matches(text: string, pattern: RegExp): RegExpMatchArray[] {
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)];
}

/** Sentence boundaries, used to look for a description near a vague summary. */
export type Span = { start: number; end: number };

/** Does the sentence with this position, or the sentence after it, have a word of the list's kind 'describing' (say what happened)? */
function described(text: string, sentences: Span[], at: number, describing: Set<string>): boolean {
  const i = sentences.findIndex((s) => at >= s.start && at < s.end);
  const near = i === -1 ? [{ start: at, end: text.length }] : sentences.slice(i, i + 2);
  return near.some((s) => {
    const part = text.slice(s.start, s.end).toLowerCase();
    const words = part.match(/\p{L}+/gu) ?? [];
    // A phrase ("passed out") is found as whole words in a row, never inside others ("bypassed outcomes").
    const inOrder = ` ${words.join(' ')} `;
    return words.some((w) => describing.has(w)) || [...describing].some((d) => d.includes(' ') && inOrder.includes(` ${(d.match(/\p{L}+/gu) ?? []).join(' ')} `));
  });
}

const COUNT = '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|numerous|multiple|many|repeated|a\\s+few|a\\s+number\\s+of|various)';
const QUALIFIER = '(?:(?:previous|reported|further|recent|historic|historical|separate|police|domestic|serious|minor|known)\\s+)*';
const EVENT = '(?:incidents?|instances?|episodes?|occasions?|reports?|allegations?|call-?outs?|notifications?)';
const STOP = '(?:in|at|on|since|during|between|over|this|last|and|but|which|that|when|where|with|from|to|for|by|were|was|have|has|had)';
const OF_WHAT = `(?:\\s+of\\s+(?!${STOP}${AFTER})[\\p{L}-]+(?:\\s+(?!${STOP}${AFTER})[\\p{L}-]+)?)?`;
const COUNTED_EVENTS = new RegExp(`${BEFORE}${COUNT}\\s+${QUALIFIER}${EVENT}${OF_WHAT}${AFTER}`, 'giu');

const DOMESTIC_NOUN = new RegExp(
  `${BEFORE}(?:a|the|another|this|that|one|two|three|several|any|no|further|last)\\s+domestic${AFTER}(?!\\s+(?:abuse|violence|incidents?|abuser|setting|situations?|arguments?|chores?|duties|work|workers?|role|life|tasks?|environment|issues?|matters?|circumstances|helper|appliances?|house|home|unit|routine|skills|cleaning|staff|abuse-related)${AFTER})`,
  'giu',
);
const FAMILY = '(?:(?:his|her|their|your|the|birth)\\s+)*(?:mum|dad|mother|father|parents?|siblings?|brothers?|sisters?|grandparents?|nan|nana|grandma|grandad|grandmother|grandfather|family)';
const CONTACT_FAMILY_TIME = new RegExp(
  `${BEFORE}(?:contact\\s+(?:with|between)\\s+${FAMILY}|(?:during|at|after|before|attended|attends|attending|missed|cancelled|weekly|monthly|fortnightly|family)\\s+contact)${AFTER}`,
  'giu',
);
const BE = '(?:am|is|are|was|were|be|been|being)';
/** "will", "has" and the like before the form of "be", so the finding reads "will be facilitated". */
const HELPER = '(?:(?:will|would|shall|should|can|could|may|might|must|has|have|had)\\s+(?:not\\s+)?)?';
/** Up to two words between the form of "be" and the verb: "was not", "has been repeatedly", "were being". */
const BETWEEN = '(?:(?:not|also|then|later|never|previously|already|still|just|now|often|always|all|both|again|once|twice|being|well|\\p{L}+ly)\\s+){0,2}';
const REGULAR_PASSIVE = new RegExp(`${BEFORE}${HELPER}${BE}\\s+${BETWEEN}(\\p{L}{2,}ed)${AFTER}`, 'giu');
/**
 * Irregular participles, so "was quickly taken", "was badly hurt" and "is well known" are found with
 * words between (retext-passive looks only at the word just before). Left out: those that after "be"
 * say how someone is rather than what was done to them ("gone", "stuck", "torn": the list's kind 'state').
 */
const IRREGULAR_PARTICIPLES = [
  'arisen', 'awoken', 'beaten', 'begun', 'bent', 'bitten', 'bled', 'blown', 'broken', 'brought', 'built', 'burnt', 'bought', 'caught',
  'chosen', 'cut', 'dealt', 'done', 'drawn', 'driven', 'eaten', 'fed', 'felt', 'fought', 'found', 'flung', 'forbidden', 'forgotten',
  'forgiven', 'frozen', 'given', 'grown', 'hung', 'heard', 'hidden', 'hit', 'held', 'hurt', 'kept', 'known', 'laid', 'led', 'left',
  'lent', 'lit', 'lost', 'made', 'meant', 'met', 'paid', 'put', 'rung', 'said', 'seen', 'sought', 'sold', 'sent', 'shaken', 'shot',
  'shown', 'shut', 'slapped', 'spoken', 'spent', 'split', 'spread', 'stolen', 'stung', 'struck', 'sworn', 'swept', 'taken', 'taught',
  'told', 'thought', 'thrown', 'understood', 'woken', 'worn', 'won', 'withdrawn', 'written',
];
const IRREGULAR_PASSIVE = new RegExp(`${BEFORE}${HELPER}${BE}\\s+${BETWEEN}(${IRREGULAR_PARTICIPLES.join('|')})${AFTER}(?!\\s+up${AFTER})`, 'giu');

/**
 * Is the word retext-passive found here one that says how someone is (a word of the list's kind
 * 'state', such as "drunk" or "upset"; or "fed up"), not a passive verb?
 */
export function describesNotPassive(text: string, span: Span, terms: readonly PlainLanguageTerm[]): boolean {
  const word = text.slice(span.start, span.end).toLowerCase();
  return compile(terms).state.has(word) || (word === 'fed' && /^\s+up(?![\p{L}\p{N}])/u.test(text.slice(span.end)));
}
/** "-eed" words that are participles ("agreed"); the others are not ("need", "proceed"). */
const EED_PARTICIPLES = new Set(['agreed', 'freed', 'guaranteed', 'decreed', 'refereed']);

/** Is this "-ed" word, after a form of "be", a verb made passive rather than a word saying how someone is? */
function isParticiple(word: string, state: Set<string>): boolean {
  const w = word.toLowerCase();
  if (state.has(w) || (w.startsWith('un') && w.length > 5)) return false;
  return !w.endsWith('eed') || EED_PARTICIPLES.has(w);
}

export const PASSIVE_SUGGESTION = 'Say who did it, for example "the police took Dad to the station" rather than "Dad was taken to the station"';
const VAGUE_COUNT_SUGGESTION =
  'Say what happened each time: who did what, whether anyone was hurt, and whether the children saw or heard it. "Three incidents" could be an argument or a serious assault';

/** Every finding from the word list and our own rules, before de-duplication. */
export function ruleFindings(text: string, terms: readonly PlainLanguageTerm[], sentences: Span[]): RuleFinding[] {
  const found: RuleFinding[] = [];
  const add = (kind: RuleFinding['kind'], m: RegExpMatchArray, suggestion: string) => {
    const start = m.index ?? 0;
    found.push({ kind, text: m[0], suggestion, start, end: start + m[0].length });
  };
  const list = compile(terms);
  for (const { term, pattern } of list.flagged) {
    for (const m of matches(text, pattern)) {
      if (term.kind === 'vague-severity' && described(text, sentences, m.index ?? 0, list.describing)) continue;
      add(term.kind, m, term.suggestion);
    }
  }
  for (const m of matches(text, COUNTED_EVENTS)) {
    if (!described(text, sentences, m.index ?? 0, list.describing)) add('vague-severity', m, VAGUE_COUNT_SUGGESTION);
  }
  for (const m of matches(text, DOMESTIC_NOUN)) add('jargon', m, 'Do not use "domestic" on its own: say what happened, for example "Tom hit you and the children heard it"');
  for (const m of matches(text, CONTACT_FAMILY_TIME)) add('jargon', m, 'Say "family time" or "seeing your dad" rather than "contact"');
  for (const m of matches(text, REGULAR_PASSIVE)) if (isParticiple(m[1]!, list.state)) add('passive', m, PASSIVE_SUGGESTION);
  for (const m of matches(text, IRREGULAR_PASSIVE)) if (!list.state.has(m[1]!.toLowerCase())) add('passive', m, PASSIVE_SUGGESTION);
  return found;
}

/** Where a passive verb found by retext-passive really starts: at the "was" or "been" before it, or the "will" or "has" before that. */
const PASSIVE_LEAD = new RegExp(`${BEFORE}${HELPER}${BE}\\s+${BETWEEN}$`, 'iu');

export function passiveStart(text: string, participleStart: number): number {
  const from = Math.max(0, participleStart - 80);
  const before = PASSIVE_LEAD.exec(text.slice(from, participleStart));
  return before ? from + before.index : participleStart;
}
