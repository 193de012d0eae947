/**
 * Our social-work word list (A12): words and phrases that families find hard, that blame them, or that
 * hide how serious something was, each with a plain suggestion. This is the starting list: migration
 * 013 copies it into plain_language_terms, and from then on the council's administrator keeps the list
 * (/admin/plain-language). The checker reads the table; tests read this file. A term added here later
 * reaches databases made before it through a migration of its own, which adds it only where the
 * council's list has no term of that spelling (025 added "commenced").
 *
 * Terms are matched as whole words, ignoring case, with a space or a hyphen between words; a term in
 * capitals (an abbreviation such as LAC) is matched only in capitals.
 */
export type TermKind = 'jargon' | 'blaming' | 'vague-severity' | 'describing' | 'state';

/** The kinds the check points out to the worker, each term with a plainer way to say it. */
export type FlaggedKind = 'jargon' | 'blaming' | 'vague-severity';

export type PlainLanguageTerm = { term: string; kind: TermKind; suggestion: string };

/**
 * What each kind of word on the list does. The first three are pointed out, with the suggestion. The
 * other two are never pointed out: they stop the check pointing at something that is fine, so they
 * need no suggestion.
 */
export const TERM_KINDS: { code: TermKind; label: string; hint: string; flagged: boolean }[] = [
  { code: 'jargon', label: 'Jargon', hint: 'A word professionals use that families may not know', flagged: true },
  { code: 'blaming', label: 'Blaming or labelling', hint: 'A word that blames or labels a parent or child instead of saying what happened', flagged: true },
  { code: 'vague-severity', label: 'Hides how serious something was', hint: 'A summary that does not say what happened', flagged: true },
  {
    code: 'describing',
    label: 'Says what happened',
    hint: 'A word that shows a summary is explained: “three incidents” or “an altercation” is not pointed out when this word is in the same sentence or the next, as in “Dad hit Mum”',
    flagged: false,
  },
  {
    code: 'state',
    label: 'Says how someone is',
    hint: 'After “is” or “was”, this word says how someone is, not what was done to them, so it is not passive: “Mum is worried”, “Dad was drunk”',
    flagged: false,
  },
];

export const isFlagged = (kind: TermKind): kind is FlaggedKind => TERM_KINDS.some((k) => k.code === kind && k.flagged);

const jargon = (term: string, suggestion: string): PlainLanguageTerm => ({ term, kind: 'jargon', suggestion });
const blaming = (term: string, suggestion: string): PlainLanguageTerm => ({ term, kind: 'blaming', suggestion });
const vague = (term: string, suggestion: string): PlainLanguageTerm => ({ term, kind: 'vague-severity', suggestion });

const SAY_WHAT_HAPPENED = 'Say what happened, when, and how it affected the children';
const ENGAGE = 'Say what the person did or did not do, for example "you did not come to the last 3 meetings", and what might have made it hard';

export const STARTER_TERMS: PlainLanguageTerm[] = [
  // Blaming and labelling words: describe what happened instead.
  blaming('disguised compliance', 'Say what was agreed and what happened, for example "you said you would take Ellie to the dentist, and she has not been yet"'),
  blaming('uncooperative', ENGAGE),
  blaming('non-compliant', ENGAGE),
  blaming('non-compliance', ENGAGE),
  blaming('non-engagement', ENGAGE),
  blaming('refused to engage', ENGAGE),
  blaming('failed to engage', ENGAGE),
  blaming('did not engage', ENGAGE),
  blaming('hard to reach', 'Say what we tried and what got in the way, for example "we could not reach you by phone, so we wrote to you"'),
  blaming('failed to attend', 'Say "did not come to" or "missed", and why if you know'),
  blaming('failed to protect', 'Say what happened and what you needed to do to keep the children safe'),
  blaming('resistant', 'Say what the person said or did, in their words if you can'),
  blaming('in denial', 'Say what the person told us, for example "you told us you do not think the children saw the fights"'),
  blaming('lacks insight', 'Say what the person told us they understand, and what we think they still need to see'),
  blaming('lack of insight', 'Say what the person told us they understand, and what we think they still need to see'),
  blaming('minimising', 'Say what the person told us, and how it differs from what others told us'),
  blaming('manipulative', 'Say what the person did'),
  blaming('attention seeking', 'Say what the child did and what they might have needed'),
  blaming('attention-seeking behaviour', 'Say what the child did and what they might have needed'),
  blaming('promiscuous', 'Say that the child may be at risk of sexual abuse or exploitation: a child cannot consent to being exploited'),
  blaming('sexually active', 'For a child, say what happened and that they may be at risk of sexual abuse or exploitation'),
  blaming('putting themselves at risk', 'Say who is harming or exploiting the child: the child is not to blame'),
  blaming('putting herself at risk', 'Say who is harming or exploiting the child: the child is not to blame'),
  blaming('putting himself at risk', 'Say who is harming or exploiting the child: the child is not to blame'),
  blaming('risk-taking behaviour', 'Say what happened and who may be harming the child'),
  blaming('lifestyle choice', 'Say what happened: a child cannot choose to be exploited'),
  blaming('absconded', 'Say "left" or "went missing from"'),
  blaming('absconding', 'Say "leaving" or "going missing from"'),
  blaming('chaotic', 'Say what the days are like for the children, for example "there is often no food in the house at teatime"'),
  blaming('toxic trio', 'Name each worry separately, for example drinking, mental health and violence at home'),
  blaming('hostile', 'Say what the person said or did'),
  blaming('aggressive', 'Say what the person said or did, for example "you shouted and swore at the teacher"'),
  blaming('neglectful', 'Say what the children did not have, for example "there was no food in the fridge"'),
  blaming('poor parenting', 'Say what the children needed and did not get'),
  // Professional words and abbreviations.
  jargon('engagement', 'Say "working with us" or say what the person did, for example "you came to 4 of the 6 meetings"'),
  jargon('engage', 'Say "work with" or "talk to"'),
  jargon('presenting as', 'Say what you saw or heard, for example "Sam looked tired and said he was hungry"'),
  jargon('presented as', 'Say what you saw or heard'),
  jargon('presents as', 'Say what you saw or heard'),
  jargon('contact centre', 'Say "family centre" or the name of the place where the children see their family'),
  jargon('supervised contact', 'Say "family time with a worker there" or "seeing your mum with a worker there"'),
  jargon('unsupervised contact', 'Say "family time on your own"'),
  jargon('direct contact', 'Say "seeing each other" or "family time"'),
  jargon('indirect contact', 'Say "letters, cards or calls"'),
  jargon('letterbox contact', 'Say "letters and cards"'),
  jargon('contact session', 'Say "family time" or "time with your mum"'),
  jargon('contact sessions', 'Say "family time" or "time with your mum"'),
  jargon('contact arrangements', 'Say "when you see each other"'),
  jargon('placement', 'Say "the home where you live" or name the foster carer'),
  jargon('placements', 'Say "homes" or "foster homes"'),
  jargon('placement breakdown', 'Say "had to move" and why'),
  jargon('placed with', 'Say "lives with" or "went to live with"'),
  jargon('respite', 'Say "short breaks"'),
  jargon('LAC', 'Say "children in care" or "looked after children", in full'),
  jargon('CLA', 'Say "children in care" in full'),
  jargon('looked after child', 'Say "child in care" or "child living with foster carers"'),
  jargon('CIN', 'Say "child in need" in full, and what it means for the family'),
  jargon('CP', 'Say "child protection" in full'),
  jargon('CPP', 'Say "child protection plan" in full'),
  jargon('ICPC', 'Say "the first child protection meeting" (initial child protection conference)'),
  jargon('RCPC', 'Say "the review child protection meeting"'),
  jargon('PLO', 'Say "the pre-proceedings process" and explain it: a formal meeting before we think about court'),
  jargon('TAF', 'Say "team around the family" and who is in it'),
  jargon('CAMHS', 'Say "the children’s mental health service"'),
  jargon('DV', 'Say "domestic abuse" and what happened'),
  jargon('DA', 'Say "domestic abuse" and what happened'),
  jargon('NFA', 'Say "we will not do anything more" and why'),
  jargon('MASH', 'Say "the team that decides what help is needed when someone is worried about a child"'),
  jargon('EHCP', 'Say "education, health and care plan" in full'),
  jargon('FGC', 'Say "family group meeting" and explain it'),
  jargon('IRO', 'Say "independent reviewing officer" and what they do'),
  jargon('s47', 'Say "a child protection enquiry": we look into whether a child is being harmed'),
  jargon('section 47', 'Say "a child protection enquiry": we look into whether a child is being harmed'),
  jargon('s17', 'Say "extra help for a child in need"'),
  jargon('section 17', 'Say "extra help for a child in need"'),
  jargon('section 20', 'Say "the child lives in care with your agreement"'),
  jargon('strategy discussion', 'Say "a meeting between social care, the police and health to decide what to do next"'),
  jargon('core group', 'Say "the group of family and workers who meet to check the plan is working"'),
  jargon('threshold', 'Say what the level of worry is and what that means for the family'),
  jargon('safeguarding concerns', 'Say what we are worried might happen to the children'),
  jargon('risk factors', 'Say "what we are worried about"'),
  jargon('protective factors', 'Say "what is going well" or "what keeps the children safe"'),
  jargon('parenting capacity', 'Say "how you look after the children"'),
  jargon('capacity to change', 'Say "whether things can change, and how quickly"'),
  jargon('statutory', 'Say "the law says we must"'),
  jargon('intervention', 'Say "help" or "support", and what it is'),
  jargon('interventions', 'Say "help" or "support", and what it is'),
  jargon('step down', 'Say "move to help from the early help team"'),
  jargon('escalate', 'Say "pass to a manager" or "take further"'),
  jargon('multi-agency', 'Say "the workers from different services"'),
  jargon('professionals meeting', 'Say "a meeting of the workers who know your family"'),
  jargon('significant harm', 'Say what harm we are worried about and why it is serious'),
  jargon('emotional dysregulation', 'Say what the child does when upset, for example "Leo shouts and throws things when he is upset"'),
  jargon('dysregulated', 'Say what the child did'),
  jargon('trauma-informed', 'Say what you will do, for example "we will be patient and go at your pace"'),
  jargon('domestics', 'Say what happened each time'),
  jargon('commenced', 'Say "started" or "began"'),
  // Vague summaries that hide how serious something was.
  vague('a number of concerns', 'Say what each worry is and what happened'),
  vague('some concerns', 'Say what the worries are and what happened'),
  vague('various concerns', 'Say what the worries are and what happened'),
  vague('ongoing concerns', 'Say what the worries are, what happened and when'),
  vague('ongoing issues', SAY_WHAT_HAPPENED),
  vague('historic concerns', 'Say what happened before and when'),
  vague('historical concerns', 'Say what happened before and when'),
  vague('concerns around', 'Say "we are worried that" and what happened'),
  vague('issues around', 'Say what the problem is and what happened'),
  vague('low-level concerns', 'Say what happened: small things can add up'),
  vague('volatile relationship', 'Say what happens between the adults, for example "you shout and throw things at each other most weekends"'),
  vague('domestic incident', SAY_WHAT_HAPPENED),
  vague('domestic incidents', SAY_WHAT_HAPPENED),
  vague('an altercation', 'Say what happened: who said or did what, and whether anyone was hurt'),
  vague('a verbal altercation', 'Say what was said and who heard it'),
  vague('an incident', SAY_WHAT_HAPPENED),
  vague('inappropriate', 'Say what happened and why it was not safe or not right for the child'),
  vague('unsuitable', 'Say what was wrong and why'),
  vague('relationship difficulties', 'Say what happens between the adults and how it affects the children'),
];

/**
 * Words that show what happened: when the sentence with a vague summary (or the next one) has one of
 * these, the summary is described and is not flagged. Starting list of the kind 'describing'.
 */
const DESCRIBING_WORDS: string[] = [
  'hit', 'hits', 'hitting', 'punch', 'punched', 'punching', 'slap', 'slapped', 'kick', 'kicked', 'push', 'pushed', 'shove', 'shoved',
  'strangle', 'strangled', 'choke', 'choked', 'grab', 'grabbed', 'throw', 'threw', 'thrown', 'bit', 'bite', 'burn', 'burned', 'burnt',
  'stab', 'stabbed', 'knife', 'weapon', 'threaten', 'threatened', 'threatening', 'shout', 'shouted', 'shouting', 'scream', 'screamed',
  'swear', 'swore', 'smash', 'smashed', 'broke', 'broken', 'locked', 'injury', 'injuries', 'injured', 'bruise', 'bruises', 'bruised',
  'bleeding', 'blood', 'hurt', 'hospital', 'drunk', 'overdose', 'hungry', 'dirty', 'cold', 'alone', 'left', 'missing', 'saw', 'heard',
];

/**
 * Words that, after "is" or "was", say how someone feels or what state something is in ("Mum is
 * scared", "Ruby is settled", "Dad is drunk"), not that someone did something to them: the passive
 * check (plainLanguageRules.ts) leaves these alone. Words beginning "un" ("unharmed") are left alone
 * too. Starting list of the kind 'state'.
 */
const NOT_PASSIVE_AFTER_BE: string[] = [
  'drunk', 'upset', 'stuck', 'torn', 'gone',
  'worried', 'concerned', 'scared', 'frightened', 'terrified', 'petrified', 'tired', 'exhausted', 'bored', 'interested', 'excited',
  'pleased', 'delighted', 'thrilled', 'surprised', 'shocked', 'amazed', 'confused', 'embarrassed', 'ashamed', 'relieved', 'stressed',
  'depressed', 'distressed', 'annoyed', 'irritated', 'frustrated', 'disappointed', 'overwhelmed', 'agitated', 'settled', 'attached',
  'committed', 'determined', 'motivated', 'dedicated', 'prepared', 'qualified', 'experienced', 'skilled', 'talented', 'gifted',
  'disabled', 'married', 'divorced', 'separated', 'engaged', 'involved', 'related', 'based', 'supposed', 'aged', 'naked', 'dressed',
  'cluttered', 'overcrowded', 'soiled', 'matted', 'intoxicated', 'addicted', 'obsessed', 'convinced', 'satisfied', 'dissatisfied', 'entitled', 'inclined', 'accustomed', 'acquainted',
  'indeed', 'hundred', 'sacred', 'wicked', 'beloved', 'crooked', 'wretched', 'ragged', 'rugged', 'jagged', 'learned', 'blessed',
];

/**
 * The starting words of the two kinds that are never pointed out ('describing' and 'state'). Migration
 * 031 adds them to the council's list (migration 013 made the list before those kinds existed); tests
 * check with STARTER_TERMS and these together (STARTER_LIST).
 */
export const STARTER_HINTS: PlainLanguageTerm[] = [
  ...DESCRIBING_WORDS.map((term) => ({ term, kind: 'describing' as const, suggestion: '' })),
  ...NOT_PASSIVE_AFTER_BE.map((term) => ({ term, kind: 'state' as const, suggestion: '' })),
];

/** The whole starting list, as a new council's database has it. */
export const STARTER_LIST: PlainLanguageTerm[] = [...STARTER_TERMS, ...STARTER_HINTS];
