import { describe, expect, it } from 'vitest';
import { checkPlainLanguage, readingAgeFromEase, type Finding, type FindingKind } from './plainLanguage';
import { termPattern } from './plainLanguageRules';
import { STARTER_HINTS, STARTER_LIST, STARTER_TERMS, type PlainLanguageTerm } from './plainLanguageTerms';

const check = (text: string, readingAge?: number) => checkPlainLanguage(text, { terms: STARTER_LIST, readingAge });
const found = (text: string, kind?: FindingKind): Finding[] => check(text).findings.filter((f) => !kind || f.kind === kind);
const words = (text: string, kind: FindingKind) => found(text, kind).map((f) => f.text);

describe('the social-work word list', () => {
  it('finds blaming words with a plain suggestion, at the right place', () => {
    const text = 'Mum has demonstrated disguised compliance and has been uncooperative with professionals.';
    const blaming = found(text, 'blaming');
    expect(blaming.map((f) => f.text)).toEqual(['disguised compliance', 'uncooperative']);
    for (const f of blaming) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
      expect(f.suggestion.length).toBeGreaterThan(10);
    }
  });

  it('does not blame a child for being exploited', () => {
    expect(words('Kayleigh (14) is sexually active and is putting herself at risk by going to parties.', 'blaming')).toEqual(['sexually active', 'putting herself at risk']);
  });

  it('finds "failed to attend", "hard to reach" and "non-compliant", with or without hyphens', () => {
    expect(words('Dad failed to attend the meeting. The family are hard-to-reach and non compliant.', 'blaming')).toEqual(['failed to attend', 'hard-to-reach', 'non compliant']);
  });

  it('finds jargon: presenting as, engagement, LAC, placement and contact meaning family time', () => {
    const text = 'Ruby is LAC and presenting as settled in her placement. Supervised contact with dad continues at the contact centre. Engagement has improved.';
    expect(words(text, 'jargon')).toEqual(['LAC', 'presenting as', 'placement', 'Supervised contact', 'contact centre', 'Engagement']);
    expect(words('Contact with her birth mother is every Friday.', 'jargon')).toEqual(['Contact with her birth mother']);
  });

  it('finds "commenced" and suggests "started" or "began", as a word and inside a passive verb', () => {
    const text = 'Work with the family commenced in May.';
    const jargon = found(text, 'jargon');
    expect(jargon.map((f) => f.text)).toEqual(['commenced']);
    expect(jargon[0]!.suggestion).toMatch(/"started" or "began"/);
    expect(words('The assessment was commenced on 4 March.', 'jargon')).toEqual(['commenced']);
    expect(found('We started work with the family in May.', 'jargon')).toEqual([]);
  });

  it('reads abbreviations only in capitals, and does not flag "contact" when it means getting in touch', () => {
    expect(words('We will contact the school and the lac of sleep is a worry.', 'jargon')).toEqual([]);
  });

  it('flags "domestic" used as a noun but not "domestic abuse"', () => {
    expect(words('There was a domestic at the weekend.', 'jargon')).toEqual(['a domestic']);
    expect(found('Dad hit Mum in a domestic abuse incident and the children heard it.', 'jargon')).toEqual([]);
  });
});

describe('vague summaries that hide how serious something was', () => {
  it('flags a count of incidents with nothing about what happened', () => {
    const vague = found('There have been three incidents of domestic abuse since March.', 'vague-severity');
    expect(vague.map((f) => f.text)).toEqual(['three incidents of domestic abuse']);
    expect(vague[0]!.suggestion).toMatch(/what happened/);
  });

  it('does not flag the same count when the next sentence says what happened', () => {
    expect(found('There have been three incidents of domestic abuse since March. Each time Dad punched Mum while the children watched.', 'vague-severity')).toEqual([]);
  });

  it('flags "ongoing issues" and "a number of concerns", and the police call-outs that say nothing', () => {
    expect(words('There are ongoing issues in the home and a number of concerns have been raised.', 'vague-severity')).toEqual(['ongoing issues', 'a number of concerns']);
    expect(words('Police were called to the address on 4 occasions last year.', 'vague-severity')).toEqual(['4 occasions']);
  });
});

describe('passive voice', () => {
  it('finds passive verbs the library knows and the regular ones it does not, from the "was"', () => {
    expect(words('Jayden was taken to hospital by ambulance.', 'passive')).toEqual(['was taken']);
    expect(words('The children were observed to be hungry and the home was noted to be cold.', 'passive')).toEqual(['were observed', 'was noted']);
  });

  it('does not call "we are worried" passive', () => {
    expect(found('We are worried because Dad hit Mum when she was holding the baby.', 'passive')).toEqual([]);
  });

  it('finds any regular verb made passive, not only those on a list, with "will", "has" or a word such as "quickly" before it', () => {
    expect(words('Police were called to the family home at 2am after neighbours heard shouting.', 'passive')).toEqual(['were called']);
    expect(words('A further period of instability is anticipated when Dad is released from prison.', 'passive')).toEqual(['is anticipated', 'is released']);
    expect(words('Family time will be facilitated by the contact team at the family centre.', 'passive')).toEqual(['will be facilitated']);
    expect(words('The assessment was commenced on 4 March after the school rang us.', 'passive')).toEqual(['was commenced']);
    expect(words('Mia was quickly removed from the room and Sam has been repeatedly excluded from school.', 'passive')).toEqual(['was quickly removed', 'has been repeatedly excluded']);
    expect(words('The children were being watched by a neighbour and Jayden will not be taken to school.', 'passive')).toEqual(['were being watched', 'will not be taken']);
  });

  it('finds irregular verbs made passive with words between: "was quickly taken", "was badly hurt", "is well known"', () => {
    expect(words('Jayden was quickly taken to hospital. Ruby was badly hurt.', 'passive')).toEqual(['was quickly taken', 'was badly hurt']);
    expect(words('Dad is well known to the police and the children were all given breakfast.', 'passive')).toEqual(['is well known', 'were all given']);
    expect(words('Dad was not seen at the visit.', 'passive')).toEqual(['was not seen']);
  });

  it('does not call active sentences passive, whatever the tense', () => {
    for (const text of [
      'She called the police when Dad came home drunk.',
      'We are anticipating that Dad will want to see the children at Christmas.',
      'Mum facilitated the visit herself and the children enjoyed it.',
      'The school started a plan for Mia and her teacher commenced the reading group.',
      'Dad has called the school twice this week.',
    ]) {
      expect(found(text, 'passive'), text).toEqual([]);
    }
  });

  it('does not call a word for how someone feels or is passive: "Mum is scared", "Ruby is settled", "Dad is drunk"', () => {
    for (const text of [
      'We are worried and Mum is scared when Dad has been drinking.',
      'Ruby is settled at school and is interested in art.',
      'Mum and Dad are separated, and Dad is not involved in Ruby’s care.',
      'Leo was unharmed, but he was very frightened and is still upset.',
      'There was a need for food in the house, and that is indeed what Mum told us.',
      'Dad was supposed to come on Friday. The family is based in Leeds.',
      'Dad is drunk most evenings and Mum was upset when we visited.',
      'Mum is fed up with the noise and feels stuck.',
    ]) {
      expect(found(text, 'passive'), text).toEqual([]);
    }
  });
});

describe('long sentences and reading level', () => {
  const long =
    'In order to facilitate change, it is essential that the parents demonstrate sustained engagement with the plan and utilise the support that has been offered to them by the multi-agency network over the coming months.';

  it('flags a sentence over 25 words with its length, and formal words with simpler ones', () => {
    const report = check(long);
    const longOne = report.findings.find((f) => f.kind === 'long-sentence');
    expect(longOne?.suggestion).toMatch(/35 words/);
    expect(words(long, 'jargon')).toEqual(expect.arrayContaining(['In order to', 'facilitate', 'demonstrate', 'engagement', 'utilise', 'multi-agency']));
    expect(report.findings.find((f) => f.text === 'utilise')?.suggestion).toMatch(/"use"/);
  });

  it('gives a reading age for the whole text by the Flesch reading-ease formula and flags text above the target', () => {
    const report = check(long);
    expect(report.stats.readingAge).toBeGreaterThan(13);
    expect(report.findings[0]).toMatchObject({ kind: 'reading-level', text: 'The whole text', start: 0, end: long.length });
  });

  it('passes plain writing for a family without any finding', () => {
    const plain = 'We are worried because Dad hit Mum when she was holding the baby. You told us you want things to change. We will meet you every week. We will help you find a safe place to live if you want to.';
    const report = check(plain);
    expect(report.findings).toEqual([]);
    expect(report.stats.readingAge).toBeLessThanOrEqual(13);
  });

  it('is stricter for a young child than for a parent', () => {
    const text = 'Your social worker talked to your teachers and your mum about what happens at home. Everybody wants you to be safe and happy, and to enjoy school.';
    expect(check(text, 13).findings.filter((f) => f.kind === 'reading-level')).toEqual([]);
    expect(check(text, 8).findings.some((f) => f.kind === 'reading-level')).toBe(true);
  });

  it('maps reading ease to a reading age the way the formula’s authors suggest', () => {
    expect(readingAgeFromEase(95)).toBe(11);
    expect(readingAgeFromEase(65)).toBe(14);
    expect(readingAgeFromEase(25)).toBe(18);
  });
});

describe('the checker', () => {
  it('says nothing about empty text', () => {
    expect(check('   ')).toEqual({ findings: [], stats: { words: 0, sentences: 0, readingEase: null, readingAge: null } });
  });

  it('uses the council’s own list: a term an administrator added is found, one switched off is not', () => {
    const terms: PlainLanguageTerm[] = [{ term: 'TAC meeting', kind: 'jargon', suggestion: 'Say "team around the child meeting"' }];
    const report = checkPlainLanguage('The TAC meeting is on Monday. Mum was uncooperative.', { terms });
    expect(report.findings.map((f) => f.text)).toEqual(['TAC meeting']);
  });

  it('copes with hostile text: markup, control characters and very long input', () => {
    const text = `<script>alert(1)</script> \u0000 ${'Mum was uncooperative. '.repeat(800)}`;
    const report = check(text);
    expect(report.findings.filter((f) => f.kind === 'blaming')).toHaveLength(800);
  });

  it('never matches part of a word', () => {
    expect(termPattern('LAC')!.test('LACK')).toBe(false);
    expect(termPattern('engage')!.test('disengaged')).toBe(false);
    expect(termPattern('hard to reach')!.test('it is hard to reach the shelf')).toBe(true);
  });

  it('keeps its findings in text order', () => {
    const report = check('Mum failed to attend. There was a domestic. Dad is uncooperative.');
    const starts = report.findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('the starting word list', () => {
  it('has each term once (the table keeps one row per term, ignoring case), every one with a suggestion', () => {
    const seen = new Set<string>();
    for (const t of STARTER_TERMS) {
      expect(seen.has(t.term.toLowerCase()), t.term).toBe(false);
      seen.add(t.term.toLowerCase());
      expect(t.suggestion.length).toBeGreaterThan(5);
      expect(t.term.length).toBeLessThanOrEqual(100);
      expect(t.suggestion.length).toBeLessThanOrEqual(500);
    }
  });

  it('has each word that stops a finding once in its kind, with no suggestion (it is never pointed out)', () => {
    for (const kind of ['describing', 'state'] as const) {
      const words = STARTER_HINTS.filter((t) => t.kind === kind).map((t) => t.term);
      expect(words.length).toBeGreaterThan(20);
      expect(new Set(words).size).toBe(words.length);
    }
    expect(STARTER_HINTS.every((t) => t.suggestion === '')).toBe(true);
  });
});

describe('the words that stop a finding are the council’s to change', () => {
  const without = (kind: string, term: string) => STARTER_LIST.filter((t) => !(t.kind === kind && t.term === term));
  const kinds = (text: string, terms: readonly PlainLanguageTerm[]) => checkPlainLanguage(text, { terms }).findings.map((f) => [f.kind, f.text]);

  it('a summary next to a word of the kind "says what happened" is not pointed out; take the word off and it is', () => {
    const text = 'There were three incidents of domestic abuse. Dad hit Mum.';
    expect(kinds(text, STARTER_LIST)).toEqual([]);
    expect(kinds(text, without('describing', 'hit'))).toEqual([['vague-severity', 'three incidents of domestic abuse']]);
    // A council can add its own, a phrase too.
    const faint = 'There have been several incidents. Mum passed out.';
    expect(kinds(faint, STARTER_LIST)).toEqual([['vague-severity', 'several incidents']]);
    expect(kinds(faint, [...STARTER_LIST, { term: 'passed out', kind: 'describing', suggestion: '' }])).toEqual([]);
    // Found as whole words only: "bypassed outcomes" does not say what happened.
    expect(kinds('There have been several incidents. The plan bypassed outcomes.', [...STARTER_LIST, { term: 'passed out', kind: 'describing', suggestion: '' }])).toEqual([['vague-severity', 'several incidents']]);
  });

  it('a word of the kind "says how someone is" after "is" or "was" is not passive; take it off and it is', () => {
    expect(kinds('Mum was worried.', STARTER_LIST)).toEqual([]);
    expect(kinds('Mum was worried.', without('state', 'worried'))).toEqual([['passive', 'was worried']]);
    expect(kinds('Dad was drunk.', STARTER_LIST)).toEqual([]);
    expect(kinds('Dad was drunk.', without('state', 'drunk')).map(([k]) => k)).toContain('passive');
    expect(kinds('Mum is done with him.', STARTER_LIST)).toEqual([['passive', 'is done']]);
    expect(kinds('Mum is done with him.', [...STARTER_LIST, { term: 'done', kind: 'state', suggestion: '' }])).toEqual([]);
  });
});

describe('sentences', () => {
  it('ends a sentence at a full stop after a number or date, and treats each list item as a sentence', () => {
    const text = 'Dad hit Mum on 3 March 2026. Ellie heard it from upstairs and hid under her bed with her rabbit until the police came to the house late that night and she was very scared.';
    const report = check(text);
    expect(report.stats.sentences).toBe(2);
    expect(found(text, 'long-sentence').map((f) => f.text)).toEqual([text.slice(29)]);
    expect(check('We are worried that:\n- Dad hits Mum\n- Ellie hears it').stats.sentences).toBe(3);
  });
});
