/**
 * Words for the analysis (A7), decision (A8) and manager's checklist (A9) of synthetic assessments,
 * beside the theme's own words (assessmentThemes.ts). {child} is the child's first name, {carer}
 * the first name of the parent or carer the child lives with and {name} a person not seen. All fictional.
 *
 * A baby not born yet (a pre-birth assessment) has its own words, the UNBORN_* ones: they never use
 * {child} (an unborn baby's record has the first name 'Unborn') and are about the pregnancy, the
 * parents and getting ready for the birth.
 */

export const PROTECTIVE_YOUNG = [
  '{carer} loves {child} and wants things to change. {child}’s grandmother lives close by and helps every week. The health visitor knows the family well.',
  '{child} has a warm bond with {carer}, who has accepted help before and used it.',
  '{child} is thriving at nursery. An aunt is ready to help look after {child} if {carer} needs a break.',
];

export const GOING_WELL_YOUNG = [
  '{child} is growing well and meeting milestones. {carer} has started going to the baby group and says the nights are easier.',
  '{carer} has kept every health appointment during the assessment and the home has been warm and tidy at the last three visits.',
  '{child} is a happy, curious child who is close to {carer}.',
];

export const UNBORN_PROTECTIVE = [
  '{carer} wants to keep the baby safe and has been honest with us about the worries. The baby’s grandmother lives close by and will help after the birth. The midwife knows {carer} well.',
  '{carer} has been to every antenatal appointment, and has accepted help before and used it.',
  '{carer} is open with the midwife and asks for help when it is needed. An aunt is ready to help with the baby in the first weeks after the birth.',
];

export const UNBORN_GOING_WELL = [
  '{carer} has kept every antenatal appointment during the assessment and the scans show the baby growing well.',
  '{carer} has started the antenatal classes at the children’s centre and has a cot, a car seat and clothes ready for the baby.',
  '{carer} has talked openly with the midwife about low mood, and has a plan for who will help in the first weeks after the birth.',
];

export const PROTECTIVE = [
  '{carer} loves {child} and wants things to change. {child}’s grandmother lives close by and helps every week. The school know {child} well and notice quickly when something is wrong.',
  '{child} has a warm relationship with {carer} and can talk to a trusted teacher. {carer} has accepted help before and used it.',
  '{child} has good friends and a trusted adult at school. An aunt is ready to look after {child} if {carer} needs a break.',
];

export const GOING_WELL = [
  '{child} has good friends and enjoys football club. {carer} has started the parenting group and says bedtimes are easier.',
  '{carer} has kept every appointment during the assessment and the home has been warm and tidy at the last three visits.',
  '{child} says home feels calmer. {carer} has told the school what is happening so that staff can help.',
];

export const CAPACITY = [
  '{carer} made changes quickly when given help, such as a bedtime routine and keeping health appointments. Earlier improvements did not last once support ended, so help needs to carry on for at least six months.',
  '{carer} agrees with most of the worries and has taken the first steps: a GP appointment and asking for the support on offer. We think change is possible within {child}’s timescale if the support is in place.',
  '{carer} says things are fine and does not yet see why we are worried. Change is possible, but it will need {carer} to accept help, and we will know within three months whether it is working.',
];

export const UNBORN_CAPACITY = [
  '{carer} made changes quickly when given help, such as keeping every antenatal appointment. Earlier improvements did not last once support ended, so help needs to carry on after the birth.',
  '{carer} agrees with most of the worries and has taken the first steps: seeing the GP and the midwife, and asking for the support on offer. We think change is possible before the baby is due if the support is in place.',
  '{carer} says things are fine and does not yet see why we are worried. Change is possible, but it has to happen before the birth, and we will know within a month whether it is working.',
];

/** What needs to happen after no further action: the worries were looked into and did not need help from children’s services. */
export const NFA_NEXT = [
  'Nothing more is needed from children’s services. {carer} knows who to call if things get hard again, and the professionals who know {child} will keep an eye out.',
  'No further help from us is needed. {carer} has the numbers for the family support line and the health visitor or school.',
];

export const UNBORN_NFA_NEXT = [
  'Nothing more is needed from children’s services. The midwife and the health visitor will carry on as usual, and {carer} knows who to call if things get hard before or after the birth.',
  'No further help from us is needed. {carer} has the numbers for the family support line, and the health visitor will visit soon after the birth.',
];

export const SCALING_REASONS: Record<'low' | 'middle' | 'high', string[]> = {
  low: ['The worries are serious and nothing has changed yet.', 'Until the adult who hurt {child} is out of the home, {child} is not safe.'],
  middle: ['Some things are better, but the big worries are still there.', '{carer} is trying hard, but it is early days.'],
  high: ['Things are much better than when the referral came in.', '{child} is safe and well cared for; a little help will make the difference.'],
};

export const UNBORN_SCALING_REASONS: Record<'low' | 'middle' | 'high', string[]> = {
  low: ['The worries are serious, nothing has changed yet and the baby is due soon.', 'Until things change at home, the baby will not be safe there after the birth.'],
  middle: ['Some things are better, but the big worries are still there and the birth is getting close.', '{carer} is trying hard, but it is early days.'],
  high: ['Things are much better than when the referral came in.', '{carer} is well prepared for the baby; a little help will make the difference.'],
};

export const FAMILY_SCORE_REASONS = ['We are a good family and we are getting there.', 'It is hard at the moment, but we are trying.', 'I know it needs to get better for the kids.'];
export const UNBORN_FAMILY_SCORE_REASONS = ['We are getting ready for the baby and we are getting there.', 'It is hard at the moment, but we are trying.', 'I know things need to be better before the baby comes.'];

/** The second part of the reasons for the decision, by outcome. */
export const OUTCOME_REASONS: Record<string, string[]> = {
  nfa: [
    'The worries in the referral were looked into: {child} is well cared for, {carer} acted quickly and the professionals who know {child} have no further worries. No further action, with advice to the family about who to call if things change.',
    'What happened was a one-off and {carer} has already put things right. {child} does not need help from children’s services.',
  ],
  'early-help': [
    '{child} and the family need some help, but {child} is not at risk of harm. {carer} agreed to work with the early help team on routines and money.',
    'The family asked for help with {child}’s behaviour and the school will lead an early help plan with them.',
  ],
  'cin-plan': [
    '{child} needs help from children’s services to stay healthy and safe and to do well. A child in need plan will set out who does what, and it will be reviewed in three months.',
    '{carer} wants help and agrees with the plan. {child} is a child in need and the help must be coordinated by a social worker.',
  ],
  'specialist-assessment': [
    'We need a fuller picture of {carer}’s parenting before deciding on a plan: a specialist parenting assessment will be done alongside the help already in place.',
  ],
  'strategy-discussion': [
    'A strategy discussion with the police and health is needed to plan a section 47 enquiry and to keep {child} safe in the meantime.',
    'The police and health will join a strategy discussion tomorrow to decide how to make enquiries and keep {child} safe.',
  ],
  'emergency-action': [
    '{child} could not safely stay at home tonight. {child} is staying with a relative while a strategy discussion plans what happens next.',
  ],
};

/**
 * The same for a baby not born yet: a plan made before the birth (a pre-birth child in need plan, a
 * child protection conference before the birth). Nothing can be done at once for a baby not born,
 * so there is no emergency action (chooseAnswers never makes one for a pre-birth assessment).
 */
export const UNBORN_OUTCOME_REASONS: Record<string, string[]> = {
  nfa: [
    'The worries in the referral were looked into: {carer} is getting ready for the baby, has kept every antenatal appointment and the midwife has no further worries. No further action, with advice to {carer} about who to call if things change before or after the birth.',
    'What happened was a one-off and {carer} has already put things right. The midwife and the health visitor will support {carer} as usual; the baby will not need help from children’s services.',
  ],
  'early-help': [
    '{carer} needs some help getting ready for the baby, but the baby is not likely to be at risk of harm. {carer} agreed to work with the early help team, starting before the birth.',
    '{carer} asked for help with money and housing before the baby arrives, and the children’s centre will lead an early help plan with {carer}.',
  ],
  'cin-plan': [
    'The baby will need help from children’s services from birth. A pre-birth child in need plan will set out who does what before and after the birth, and it will be reviewed before the due date.',
    '{carer} wants help and agrees with the plan. The help must start before the birth and be coordinated by a social worker, with a birth plan shared with the hospital.',
  ],
  'specialist-assessment': [
    'We need a fuller picture of {carer}’s parenting before the birth: a pre-birth parenting assessment will be done alongside the help already in place, and finished before the due date.',
  ],
  'strategy-discussion': [
    'A strategy discussion with the police, the midwife and the GP is needed to plan a section 47 enquiry and to decide whether to hold a child protection conference before the birth.',
    'The police and the hospital safeguarding midwife will join a strategy discussion tomorrow, to plan enquiries and a pre-birth child protection conference, so that a plan is in place well before the due date.',
  ],
};

export const CHECKLIST_COMMENTS = [
  'A clear assessment that puts {child}’s experience at the centre. The plan follows from the analysis. Agreed.',
  'Good use of the family’s own words. Make sure the plan says who will do each action, and by when.',
  'Agreed. The analysis weighs the explanations well. Share the family version with {carer} this week.',
  null,
];

export const UNBORN_CHECKLIST_COMMENTS = [
  'A clear pre-birth assessment that keeps the baby’s needs at the centre. The plan follows from the analysis and starts before the birth. Agreed.',
  'Good use of the family’s own words. Make sure the birth plan says who will do each action, and by when.',
  'Agreed. The analysis weighs the explanations well. Share the family version with {carer} this week.',
  null,
];

export const CHECKLIST_REASONS: Record<string, string> = {
  childSeenAlone: '{child} is too young to be seen alone. I have read the observations of {child} with {carer} and at nursery.',
  unborn: 'The baby is not born yet. The plan says when the baby will be seen after the birth.',
  childRefused: '{child} would not be seen without {carer}. The school nurse saw {child} alone at school and the notes are on file.',
  allChildrenSeen: 'Not every child in the household was seen: one was staying with relatives and was spoken to by phone. A visit is booked.',
  parentsSeen: '{name} was not seen: the reason is in the voices section. The plan says how {name}’s views will be sought.',
};
