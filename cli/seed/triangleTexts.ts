import type { DIMENSIONS, TriangleKey } from '../../src/domain/assessmentContent';

/**
 * Words for the assessment triangle (A4) in the synthetic data: for every dimension, a few
 * strengths and worries a worker might write, each saying whether it is a fact or an opinion and
 * where it came from. {child} is the child's first name, {carer} the first name of the parent or
 * carer the child lives with. `ages` limits a statement to children of those ages (inclusive).
 * Small pools on purpose: the scale dataset draws on them hundreds of thousands of times.
 */
export type StatementText = { text: string; kind: 'fact' | 'opinion'; source: string; ages?: readonly [number, number] };
export type DimensionKey<K extends TriangleKey> = (typeof DIMENSIONS)[K][number]['key'];
export type DimensionTexts = { [K in TriangleKey]: Record<DimensionKey<K>, StatementText[]> };

const fact = (text: string, source: string, ages?: readonly [number, number]): StatementText => ({ text, kind: 'fact', source, ages });
const opinion = (text: string, source: string, ages?: readonly [number, number]): StatementText => ({ text, kind: 'opinion', source, ages });

const BABY = [0, 4] as const;
const SCHOOL = [5, 17] as const;
const TEEN = [11, 17] as const;
/** Any child already born: about the children or the school run, never said before the birth (pre-birth assessments). */
const BORN = [0, 17] as const;

export const STRENGTHS: DimensionTexts = {
  'developmental-needs': {
    health: [
      fact('{child} is up to date with immunisations and had a dental check in the last six months.', 'GP surgery records'),
      fact('{child} is growing well and is on the 50th centile for height and weight.', 'Health visitor records', BABY),
      opinion('{child} says they feel well, eat well and sleep through most nights.', '{child}, seen alone', SCHOOL),
    ],
    education: [
      fact('{child}’s attendance this term is 96% and teachers say {child} tries hard in class.', 'School attendance record', SCHOOL),
      fact('{child} goes to nursery three mornings a week and has settled well.', 'Nursery manager', BABY),
      opinion('{child} enjoys art and science and wants to go to college.', '{child}, seen alone', TEEN),
    ],
    emotionalBehavioural: [
      opinion('Staff describe {child} as kind and thoughtful, and able to say when something is wrong.', 'Class teacher', SCHOOL),
      fact('{child} calmed down quickly when an adult they knew stayed close and talked quietly.', 'Seen on a home visit'),
      fact('{child} is a content baby who feeds well and settles after a cuddle.', 'Health visitor', [0, 1]),
    ],
    identity: [
      opinion('{child} is proud of the family’s heritage and enjoys family celebrations.', '{child}, seen alone', [6, 17]),
      fact('{child} knows the story of the family and can name the important people in it.', 'Words and pictures work with the social worker', [5, 17]),
      fact('{child} answers to their name and to both of the languages spoken at home.', 'Seen on a home visit', BABY),
    ],
    familySocial: [
      opinion('{child} is close to the other children in the family and they look out for each other.', '{carer}'),
      fact('{child} has a group of friends at school and goes to a football club on Saturdays.', '{child}, seen alone', [6, 17]),
      fact('{child} plays happily alongside other children at the family centre.', 'Family centre worker', [1, 5]),
    ],
    socialPresentation: [
      fact('{child} arrives at school clean and in uniform, and is polite with staff.', 'School', SCHOOL),
      fact('{child} was well dressed for the weather at every visit.', 'Seen on home visits'),
    ],
    selfCare: [
      fact('{child} can make simple meals, get to school on the bus and manage pocket money.', '{child}, seen alone', TEEN),
      opinion('{child} dresses and washes with a little help, as expected for their age.', '{carer}', [4, 10]),
      fact('{child} is starting to feed themselves and enjoys trying new foods.', 'Seen on a home visit', [0, 3]),
    ],
  },
  'parenting-capacity': {
    basicCare: [
      fact('There was food in the fridge and cupboards at every visit, and the children had a cooked meal each evening.', 'Seen on home visits'),
      opinion('{carer} makes sure {child} has clean clothes and a bath most days.', '{carer}'),
      fact('{child} is registered with a GP and a dentist, and {carer} takes {child} to appointments.', 'GP surgery'),
    ],
    ensuringSafety: [
      fact('{carer} has fitted stair gates and keeps medicines in a locked box.', 'Seen on a home visit', BABY),
      opinion('{carer} knows where {child} is and who with, and sets a time to be home.', '{carer}', [8, 17]),
      fact('{carer} called the police straight away when a stranger followed {child} home.', 'Police notification'),
    ],
    emotionalWarmth: [
      fact('{carer} spoke warmly about {child} and praised them several times during the visit.', 'Seen on a home visit'),
      fact('{child} went to {carer} for a cuddle when upset and was comforted quickly.', 'Seen on a home visit', [0, 10]),
      fact('{child} says {carer} is the person they would go to if they were sad.', '{child}, seen alone', [5, 17]),
    ],
    stimulation: [
      fact('There are books and toys in the home and {carer} reads with {child} at bedtime.', 'Seen on a home visit', [0, 10]),
      opinion('{carer} takes the children to the park and the library most weekends.', '{carer}'),
      fact('{carer} goes to every parents’ evening and helps with homework.', 'School', SCHOOL),
    ],
    guidanceBoundaries: [
      fact('There is a clear bedtime routine and {child} knows the house rules.', '{carer} and {child}'),
      fact('{carer} stayed calm and used time out rather than shouting when {child} misbehaved.', 'Seen on a home visit'),
    ],
    stability: [
      fact('{child} has lived with {carer} all their life and has been at the same school since reception.', 'Children’s services and school records'),
      opinion('{carer} has kept the same routines for the children through a hard year.', 'Family support worker'),
    ],
  },
  'family-environment': {
    familyHistory: [
      opinion('The family say they have been through hard times before and pulled together.', '{carer}'),
      fact('Nothing was recorded about the family before this year apart from one request for advice.', 'Children’s services records'),
    ],
    widerFamily: [
      fact('{child}’s grandmother lives nearby, sees the children every week and collects them from school twice a week.', 'Grandmother, by phone'),
      fact('An aunt has offered to have the children at weekends to give {carer} a break.', 'Aunt, seen at home', BORN),
    ],
    housing: [
      fact('The flat is warm, clean and in good repair, and {child} has their own bed.', 'Seen on a home visit'),
      fact('The family have a secure council tenancy and like the area.', 'Housing officer'),
    ],
    employment: [
      fact('{carer} works part time in a supermarket and arranges shifts around school hours.', '{carer}', BORN),
      fact('{carer} has just started a college course to get back into work.', '{carer}'),
    ],
    income: [
      opinion('The family receive the benefits they are entitled to and budget carefully.', 'Family support worker'),
      fact('The welfare rights service helped {carer} claim what the family is owed, and the rent arrears are being paid off.', 'Welfare rights adviser'),
    ],
    socialIntegration: [
      fact('{carer} knows several parents from the school gate and goes to a weekly coffee morning.', '{carer}', BORN),
      opinion('The family belong to a close faith community who offer practical help.', '{carer}'),
    ],
    communityResources: [
      fact('The family use the local children’s centre and food bank, and know how to ask for help.', 'Children’s centre'),
      fact('{child} goes to a youth club twice a week run by a youth worker {child} trusts.', 'Youth worker', [10, 17]),
      fact('{child} has a funded nursery place and the family go to a weekly stay-and-play session.', 'Children’s centre', BABY),
    ],
  },
};

export const WORRIES: DimensionTexts = {
  'developmental-needs': {
    health: [
      fact('{child} has missed three hospital appointments for asthma since last spring.', 'Hospital letter to the GP'),
      fact('{child} has several decayed teeth and has complained of toothache at school.', 'School nurse', SCHOOL),
    ],
    education: [
      fact('{child}’s attendance has dropped to 78% this year, and most absences are on Mondays.', 'School attendance record', SCHOOL),
      fact('{child} is not using single words yet and is waiting for a speech and language assessment.', 'Health visitor', [1, 4]),
      fact('{child} has been sent home twice this year for walking out of lessons.', 'School', TEEN),
    ],
    emotionalBehavioural: [
      opinion('{child} has angry outbursts at home most evenings and has broken a door.', '{carer}, home visit', [4, 17]),
      fact('{child} told the school counsellor they often feel worried and cannot stop thinking about home.', 'School counsellor', [7, 17]),
      fact('{child} becomes very upset when {carer} leaves and is hard to settle at nursery.', 'Nursery key worker', [1, 4]),
    ],
    identity: [
      fact('{child} says other children at school make comments about the way they look.', '{child}, seen alone', [7, 17]),
      opinion('{child} does not know why they no longer see their father and has not been told.', 'Social worker', [4, 17]),
    ],
    familySocial: [
      opinion('{child} has lost touch with friends since the family moved across town.', '{carer}', [5, 17]),
      fact('{child} often argues with an older brother and the arguments sometimes turn into fights.', '{carer}, home visit', [5, 17]),
    ],
    socialPresentation: [
      fact('{child} has come to school in the same clothes for several days, and other children have mentioned a smell.', 'School', SCHOOL),
      opinion('{child} can be rude to adults they do not know and swears at staff when told no.', 'Class teacher', [8, 17]),
    ],
    selfCare: [
      fact('{child} often makes their own breakfast and tea because no adult is at home.', '{child}, seen alone', [8, 17]),
      opinion('{child} is given more responsibility than is safe for their age, such as looking after younger children.', 'Social worker', [6, 17]),
      fact('{child} is still in nappies during the day and {carer} is unsure how to start toilet training.', 'Health visitor', [3, 5]),
    ],
  },
  'parenting-capacity': {
    basicCare: [
      fact('There was little food in the home on two unannounced visits, and {child} said they were hungry.', 'Seen on home visits'),
      fact('The beds had no sheets and {child} sleeps under a coat.', 'Seen on a home visit'),
    ],
    ensuringSafety: [
      fact('Police found {child} alone in the street late at night twice this year and brought {child} home.', 'Police notifications', [5, 17]),
      fact('{carer} let a man known to the police for violence stay at the home for a week.', 'Police'),
    ],
    emotionalWarmth: [
      fact('{carer} called {child} ‘the difficult one’ in front of the other children.', 'Seen on a home visit'),
      fact('{child} says nobody at home asks about their day or notices when they are upset.', '{child}, seen alone', [6, 17]),
    ],
    stimulation: [
      fact('{child} spends most of the day in front of a screen and has few toys of their own.', 'Seen on a home visit', [0, 11]),
      fact('{child} arrives late to school on most days because nobody wakes them in time.', 'School attendance record', SCHOOL),
    ],
    guidanceBoundaries: [
      fact('There are no set mealtimes or bedtimes, and {child} often goes to bed after midnight.', '{child}, seen alone', [6, 17]),
      opinion('{carer} says they have given up setting rules because {child} does not listen.', '{carer}'),
    ],
    stability: [
      fact('The family have moved four times in three years, and {child} has been at three schools.', 'Housing and school records'),
      opinion('Several adults have lived in the home for short spells, and {child} does not always know who will be there.', 'Social worker'),
    ],
  },
  'family-environment': {
    familyHistory: [
      fact('Police were called five times to {carer}’s last home because of violence from a former partner.', 'Police records'),
      fact('{carer} was in care as a child and has little to do with their own family now.', '{carer}'),
    ],
    widerFamily: [
      fact('The wider family live abroad, and {carer} has nobody to call on in an emergency.', '{carer}'),
      opinion('{carer} has fallen out with their own parents, and the children have not seen them for a year.', '{carer}', BORN),
    ],
    housing: [
      fact('The family of five share a one-bedroom flat; {child} sleeps on the sofa.', 'Seen on a home visit'),
      fact('There is black mould in the children’s bedroom and the landlord has not mended the broken window.', 'Seen on a home visit', BORN),
    ],
    employment: [
      opinion('{carer} lost their job in the autumn and says the worry about money never stops.', '{carer}'),
      fact('{carer} works night shifts and the children are sometimes left with a neighbour.', '{carer}', BORN),
    ],
    income: [
      fact('The family owe over £1,200 in rent and the landlord has given notice.', 'Housing officer'),
      fact('The gas and electricity meters often run out before the end of the week.', '{carer}'),
    ],
    socialIntegration: [
      opinion('{carer} rarely leaves the flat and says they have no friends in the area.', '{carer}'),
      fact('Neighbours have complained about noise, and the family feel unwelcome on the estate.', 'Housing officer'),
    ],
    communityResources: [
      fact('There is a six-month wait for the local parenting course and no youth club nearby.', 'Early help service'),
      fact('{carer} did not know about free school meals or the holiday activities programme.', '{carer}', SCHOOL),
    ],
  },
};

/** Why a dimension was not assessed, for an unborn baby (pre-birth assessments). */
export const UNBORN_NOT_ASSESSED = 'The baby is not born yet: this will be looked at again after the birth.';

/**
 * Parenting capacity before the birth (pre-birth assessments): how the parent is getting ready for
 * the baby. Guidance and boundaries wait until the baby is born.
 */
export const UNBORN_PARENTING: Record<DimensionKey<'parenting-capacity'>, StatementText[]> = {
  basicCare: [
    fact('{carer} has a cot, a car seat, bottles and clothes ready for the baby.', 'Seen on a home visit'),
    opinion('{carer} has thought about feeding and has talked it through with the midwife.', 'Midwife'),
  ],
  ensuringSafety: [
    opinion('{carer} knows how to put the baby to sleep safely: on their back, in their own cot, in the same room.', 'Midwife'),
    fact('{carer} has stopped smoking in the home since finding out about the pregnancy.', '{carer}'),
  ],
  emotionalWarmth: [
    opinion('{carer} talks warmly about the baby and has been choosing names with the family.', 'Seen on a home visit'),
  ],
  stimulation: [
    fact('{carer} has been going to the antenatal classes at the children’s centre.', 'Children’s centre'),
  ],
  guidanceBoundaries: [],
  stability: [
    fact('{carer} has lived at the same address for three years and plans to stay after the birth.', '{carer}'),
  ],
};

/** The family around the baby before the birth, where the other texts are all about children already born. */
export const UNBORN_FAMILY: Partial<Record<DimensionKey<'family-environment'>, StatementText[]>> = {
  widerFamily: [
    fact('{carer}’s mother lives nearby and has offered to help with the baby in the first weeks after the birth.', 'Grandmother, by phone'),
    opinion('An aunt is close to {carer} and has said she will be there for the birth.', '{carer}'),
  ],
};

export const UNBORN_HEALTH = {
  strength: fact('{carer} has been to every antenatal appointment and the scans show the baby growing well.', 'Midwife'),
  worry: fact('{carer} booked late with the midwife, at 24 weeks, and missed the first scan.', 'Midwife'),
};
