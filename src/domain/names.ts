/**
 * Names as search sees them. The database keeps `people.search_name` as the lower-case, accent-free
 * name line (migration 004); the trigram index splits it into words at anything that is not a letter
 * or digit. The functions here put what someone types into the same shape.
 */

const MAX_TOKENS = 6;
const MAX_TOKEN_LENGTH = 50;

/** Lower case, no accents, and every run of non-letters (hyphens, apostrophes, commas) one space. */
export function normaliseName(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The distinct words of a name, in order: what search matches one by one. */
export function nameTokens(input: string): string[] {
  const seen = new Set<string>();
  for (const word of normaliseName(input).split(' ')) {
    if (!word) continue;
    seen.add(word.slice(0, MAX_TOKEN_LENGTH));
    if (seen.size >= MAX_TOKENS) break;
  }
  return [...seen];
}

export function fullName(p: { firstName: string; middleNames?: string | null; lastName: string }): string {
  return [p.firstName, p.middleNames, p.lastName].filter((part) => part && part.trim()).join(' ');
}

/**
 * Names that are the same name to a social worker: a formal name with its usual short forms, or the
 * spellings of one name. A short form may belong to several groups (Chris: Christopher, Christine).
 */
const NICKNAME_GROUPS: string[][] = [
  ['william', 'bill', 'billy', 'will', 'willie', 'willy', 'liam'],
  ['elizabeth', 'liz', 'lizzie', 'lizzy', 'beth', 'betty', 'bess', 'bessie', 'eliza', 'libby', 'elsie'],
  ['james', 'jim', 'jimmy', 'jimmie', 'jamie'],
  ['john', 'jack', 'johnny', 'jon', 'jonny'],
  ['jonathan', 'jon', 'jonny', 'johnny', 'jonty'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['thomas', 'tom', 'tommy'],
  ['michael', 'mike', 'mick', 'micky', 'mickey', 'mikey'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['christine', 'christina', 'chris', 'chrissie', 'chrissy', 'tina'],
  ['margaret', 'maggie', 'meg', 'peggy', 'madge', 'greta', 'maisie', 'margo'],
  ['catherine', 'katherine', 'kathryn', 'katharine', 'catharine', 'kate', 'katie', 'katy', 'kath', 'cathy', 'kathy', 'kitty', 'kat', 'cat'],
  ['anthony', 'antony', 'tony', 'ant'],
  ['alexander', 'alex', 'alec', 'alasdair', 'alistair', 'sandy', 'xander', 'al'],
  ['alexandra', 'alex', 'lexi', 'lexie', 'sandra', 'sandy'],
  ['andrew', 'andy', 'drew'],
  ['daniel', 'dan', 'danny'],
  ['danielle', 'dani', 'ellie'],
  ['david', 'dave', 'davey', 'davy'],
  ['edward', 'ed', 'eddie', 'eddy', 'ted', 'teddy', 'ned'],
  ['joseph', 'joe', 'joey', 'jo'],
  ['josephine', 'jo', 'josie', 'jose'],
  ['joanne', 'joanna', 'joann', 'jo'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammie', 'sammy'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['matthew', 'mathew', 'matt', 'matty'],
  ['nicholas', 'nicolas', 'nick', 'nicky', 'nico'],
  ['nicola', 'nicole', 'nicky', 'nikki', 'nic'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['peter', 'pete'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['stephanie', 'steph', 'stevie'],
  ['timothy', 'tim', 'timmy'],
  ['charles', 'charlie', 'chas', 'chaz', 'chuck'],
  ['charlotte', 'charlie', 'lottie', 'lotte'],
  ['henry', 'harry', 'hal', 'hank'],
  ['harold', 'harry', 'hal'],
  ['harriet', 'hattie', 'harri'],
  ['frederick', 'frederic', 'fred', 'freddie', 'freddy'],
  ['alfred', 'alf', 'alfie', 'fred', 'freddie'],
  ['francis', 'frank', 'frankie', 'fran'],
  ['frances', 'fran', 'frankie', 'fanny'],
  ['jennifer', 'jen', 'jenny', 'jenni'],
  ['rebecca', 'becky', 'becca', 'bex'],
  ['deborah', 'debra', 'debbie', 'deb'],
  ['victoria', 'vicky', 'vicki', 'tori'],
  ['susan', 'suzanne', 'susanne', 'sue', 'susie', 'suzy'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['gerald', 'gerard', 'gerry', 'jerry'],
  ['lawrence', 'laurence', 'larry', 'laurie'],
  ['leonard', 'len', 'lenny', 'leo'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donny'],
  ['raymond', 'ray'],
  ['terence', 'terrence', 'terry'],
  ['isabella', 'isabel', 'isabelle', 'bella', 'izzy', 'issy'],
  ['abigail', 'abby', 'abbie', 'gail'],
  ['amelia', 'millie', 'milly', 'amy'],
  ['emily', 'emmy', 'millie', 'em'],
  ['emma', 'em', 'emmy'],
  ['eleanor', 'elinor', 'ellie', 'nell', 'nellie', 'nora', 'elle'],
  ['helen', 'ellen', 'nell', 'nellie'],
  ['oliver', 'ollie', 'olly'],
  ['olivia', 'liv', 'livvy', 'ollie'],
  ['sophia', 'sophie', 'soph'],
  ['archibald', 'archie'],
  ['jessica', 'jess', 'jessie'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['zachary', 'zak', 'zac', 'zach', 'zack'],
  ['nathaniel', 'nathan', 'nat', 'nate'],
  ['gabriel', 'gabe'],
  ['gabrielle', 'gabby', 'gabi'],
  ['philip', 'phillip', 'phil', 'pip'],
  ['geoffrey', 'jeffrey', 'geoff', 'jeff'],
  ['gareth', 'gaz'],
  ['gary', 'garry', 'gaz'],
  ['dominic', 'dom'],
  ['douglas', 'doug', 'dougie'],
  ['kimberley', 'kimberly', 'kim'],
  ['louise', 'lou', 'louisa'],
  ['lewis', 'louis', 'lou'],
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'muhammed', 'mohamad', 'mohamud', 'mo'],
  ['sean', 'shaun', 'shawn'],
  ['leigh', 'lee'],
  ['sarah', 'sara', 'sally', 'sadie'],
  ['hannah', 'hanna'],
  ['rachel', 'rachael'],
  ['aaron', 'aron'],
  ['zoe', 'zoey'],
  ['kayleigh', 'kayley', 'kaylee', 'kayla'],
  ['aimee', 'amy'],
  ['ashley', 'ashleigh', 'ash'],
  ['bradley', 'brad'],
  ['cameron', 'cam'],
  ['connor', 'conor'],
  ['kieran', 'ciaran'],
  ['siobhan', 'shivaun'],
  ['niamh', 'neve', 'neave'],
  ['mary', 'molly', 'polly', 'mae', 'may'],
  ['dorothy', 'dot', 'dotty', 'dolly'],
  ['ruth', 'ruthie'],
];

const GROUPS_BY_NAME: Map<string, Set<string>> = (() => {
  const byName = new Map<string, Set<string>>();
  for (const group of NICKNAME_GROUPS) {
    for (const name of group) {
      const alternatives = byName.get(name) ?? new Set<string>();
      for (const other of group) if (other !== name) alternatives.add(other);
      byName.set(name, alternatives);
    }
  }
  return byName;
})();

/** Other names that may be the same person's name: Bill for William, William for Bill. */
export function nicknameAlternatives(name: string, max = 12): string[] {
  const alternatives = GROUPS_BY_NAME.get(normaliseName(name));
  return alternatives ? [...alternatives].slice(0, max) : [];
}
