/**
 * Words for the voices (A5) and identity (A6) sections of synthetic assessments. {child} is the
 * child's first name, {carer} the first name of the parent or carer the child lives with, {parent}
 * what the child calls them, and {name} the person a line is about. All fictional.
 */

/** What a child said, by age: used with the theme's own words for older children. */
export const CHILD_WORDS: { ages: readonly [number, number]; words: string[] }[] = [
  { ages: [2, 4], words: ['I like my bed. It has dinosaurs on.', '{parent} makes pasta. I like pasta.', 'I play cars at nursery with my friend.'] },
  {
    ages: [5, 9],
    words: [
      'I like it best when Nan picks me up from school because we go to the park.',
      'In my house of good things I put my bedroom and my cat. In my house of worries I put shouting.',
      'I want to stay living with {parent}. I wish there was more time to play.',
    ],
  },
  {
    ages: [10, 17],
    words: [
      'Home is all right most of the time. I just want things to be calmer.',
      'I’d give it a 6 out of 10 at home. It would be a 10 if people stopped arguing.',
      'I want to stay at my school and keep seeing my friends. Please don’t tell {parent} everything I said.',
    ],
  },
];

/** What was seen of a baby. */
export const OBSERVATIONS = [
  '{child} smiled and babbled at {carer}, crawled to the toy box and looked back to check {carer} was still there.',
  '{child} was alert and curious, reached for {carer} when a stranger came in and settled quickly in {carer}’s arms.',
  '{child} fed well from a bottle while being held and made good eye contact with {carer}.',
];

/** What was seen of a toddler, beside the few words they used. */
export const TODDLER_OBSERVATIONS = [
  '{child} chatted in short sentences while playing with the cars and brought toys over to show {carer}.',
  '{child} was shy at first, then showed me their bedroom and their favourite teddy.',
  '{child} played happily at the family centre and went to {carer} for a cuddle after a bump.',
];

/** What was seen while talking with an older child. */
export const OLDER_OBSERVATIONS = [
  '{child} was quiet at first, then chatted easily while drawing.',
  '{child} looked at the floor when asked about home and changed the subject twice.',
  '{child} was relaxed and laughed a lot, and was keen to show their bedroom.',
];

export const NOT_SEEN_ALONE = {
  young: '{child} is too young to be seen alone: {child} was seen with {carer} at every visit and observed at home.',
  refused: '{child} did not want to be seen without {carer}. {child} was seen with {carer} at home and the school nurse talked with {child} alone at school.',
};

/** What a parent or carer who lives with the child said, when the theme's words are not used. */
export const CARER_VIEWS = [
  'I love my kids and I’ll do whatever it takes. I just want people to stop judging us and actually help.',
  'Things have been hard this year. I know I need some help, especially with money and with the bedtimes.',
  'I didn’t agree with the referral at first, but talking it through has helped. I want {child} to be happy again.',
];

/** What a parent who does not live with the child said. */
export const ABSENT_PARENT_VIEWS = [
  'I want to see {child} more often. I didn’t know things were this bad. I can have {child} at weekends.',
  'I pay what I can and I ring {child} every Sunday. I’m worried about who is living in that house.',
];

export const NOT_HEARD_REASONS = [
  '{name} did not reply to two letters, a text message and a phone call.',
  '{name} lives abroad and no address or phone number could be found.',
  '{carer} asked us not to contact {name} because of past violence. The team manager agreed.',
];

export const WIDER_VIEWS = [
  'I help as much as I can. I have the children after school twice a week. I worry about {carer} when things get on top of them.',
  'I didn’t know what was going on in that house. {child} can always come to me if it’s needed.',
  'They are a good family who have had a lot of bad luck. I can help more now that I’ve retired.',
];

export const WIDER_NOT_SOUGHT = [
  '{carer} says there is no wider family in this country and there is nobody else the children see.',
  '{child}’s grandparents live abroad and are not in touch; {carer} asked us not to contact other relatives.',
];

export type ProfessionalText = { agency: string; role: string; names: string[]; views: string[]; ages: readonly [number, number] };

export const PROFESSIONALS: ProfessionalText[] = [
  {
    agency: 'Oakfield Primary School',
    role: 'Designated safeguarding lead',
    names: ['Helen Ward', 'Gareth Price', 'Naomi Fisher'],
    views: ['{child} is a bright child who has seemed more tired and withdrawn since the autumn. {carer} always comes to meetings when asked.', '{child}’s attendance has improved since September and {child} is doing well in reading. We will keep a close eye on {child}.'],
    ages: [4, 11],
  },
  {
    agency: 'Hillside Academy',
    role: 'Head of year',
    names: ['Marcus Allen', 'Joanne Hughes'],
    views: ['{child} has a small group of good friends but is often late and has missed coursework. We would welcome a support plan.', 'We have seen a real change in {child} this term: calmer in class and handing in homework.'],
    ages: [11, 17],
  },
  {
    agency: 'Riverside Medical Practice',
    role: 'GP',
    names: ['Dr Amir Khan', 'Dr Lucy Grant'],
    views: ['{child} is registered and up to date with checks. {carer} has been seen for low mood and is on a waiting list for talking therapy.', 'There are no health worries about {child}. {carer} has missed some of {carer}’s own appointments.'],
    ages: [-1, 17],
  },
  {
    agency: 'Health visiting team',
    role: 'Health visitor',
    names: ['Sarah Bell', 'Grace Odum'],
    views: ['{child} is meeting most milestones. The home was cluttered at my last visit but {child}’s cot was clean and safe.', '{carer} is a loving parent who asks for advice and uses it. I would like to keep visiting monthly.'],
    ages: [-1, 4],
  },
  {
    agency: 'Police public protection unit',
    role: 'Detective constable',
    names: ['DC Tom Reid', 'DC Aisha Begum'],
    views: ['Officers attended the address three times this year. The last call was about shouting and a broken window; no arrests were made.', 'There is no police record of concern about the adults in the household apart from one call about a noisy party.'],
    ages: [-1, 17],
  },
];

/** How the child's culture, faith and language matter, by what the record says. */
export const CULTURE = [
  'The family speak about their heritage with pride and celebrate the festivals of both sides of the family with {child}.',
  '{child} spends most weekends with relatives and takes part in family and community celebrations.',
  '{carer} wants {child} to grow up knowing where the family comes from, and takes the children to community events.',
];

export const HISTORY = [
  '{child} has lived in the area all their life. The family were known once before, when a referral was closed with advice.',
  '{child} and {carer} moved here after {carer} left a violent relationship. There were two earlier referrals, both closed after short assessments.',
  '{child} has had several changes of home. An early help plan helped last year, but closed when the family moved.',
];

export const CONSIDERED = [
  'We thought about how {child}’s culture and faith shape family life: the plan keeps {child}’s weekend activities and uses an interpreter for meetings with relatives.',
  '{child}’s history of moves explains some of the worry: the plan keeps {child} at the same nursery or school whatever happens with housing.',
  'We talked with the family about what matters about who {child} is: seeing grandparents and friends matters most, and the plan says how.',
];

export const DISABILITY_NOTES = [
  '{child} has an education, health and care plan and a teaching assistant for part of each day. {carer} knows what helps {child} at home.',
  '{child} needs help with some everyday tasks and has a support worker after school twice a week.',
];

export const RELIGION_NOTES: Record<string, string> = {
  'No religion': 'The family do not follow a religion.',
  'Not stated': '{carer} preferred not to say.',
};
export const RELIGION_NOTE = 'Faith matters to the family: {child} goes to services with {carer} on special days and at festivals.';
