/**
 * Words for the analysis (A7), decision (A8) and manager's checklist (A9) of synthetic assessments,
 * beside the theme's own words (assessmentThemes.ts). {child} is the child's first name, {carer}
 * the first name of the parent or carer the child lives with and {name} a person not seen. All fictional.
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

/** What needs to happen after no further action: the worries were looked into and did not need help from children’s services. */
export const NFA_NEXT = [
  'Nothing more is needed from children’s services. {carer} knows who to call if things get hard again, and the professionals who know {child} will keep an eye out.',
  'No further help from us is needed. {carer} has the numbers for the family support line and the health visitor or school.',
];

export const SCALING_REASONS: Record<'low' | 'middle' | 'high', string[]> = {
  low: ['The worries are serious and nothing has changed yet.', 'Until the adult who hurt {child} is out of the home, {child} is not safe.'],
  middle: ['Some things are better, but the big worries are still there.', '{carer} is trying hard, but it is early days.'],
  high: ['Things are much better than when the referral came in.', '{child} is safe and well cared for; a little help will make the difference.'],
};

export const FAMILY_SCORE_REASONS = ['We are a good family and we are getting there.', 'It is hard at the moment, but we are trying.', 'I know it needs to get better for the kids.'];

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

export const CHECKLIST_COMMENTS = [
  'A clear assessment that puts {child}’s experience at the centre. The plan follows from the analysis. Agreed.',
  'Good use of the family’s own words. Make sure the plan says who will do each action, and by when.',
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
