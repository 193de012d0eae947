import type { Random } from '../../src/domain/random';
import { addWorkingDays } from '../../src/domain/workingDays';
import type { PlanSection } from '../../src/features/assessments/planValues';

/**
 * Words for synthetic assessment plans (A3), in the plain sentences a worker writes with a family.
 * {child} is the child's first name. Kept short: the scale dataset stores one plan per referral.
 */
const AIMS = [
  'Understand what a normal day is like for {child} at home and at school, and what would make it feel safer.',
  'Find out why {child} is often hungry and tired at school, and agree with mum what help would make a difference.',
  'Understand the impact on {child} of the arguments at home, and hear from {child} about what it is like.',
  'Work out with the family what support they need to care for {child}, and whether anyone in the wider family can help.',
  'Understand how {child} is spending time away from home, who with, and what would keep {child} safe.',
  'Agree with the parents what needs to change so that {child}\'s health appointments are kept.',
  'Find out what {child} wants to happen, and whether the family and school can agree a plan together.',
];

const COMMUNICATION = [
  '{child} talks more easily while drawing or walking than sitting face to face.',
  '{child} has speech and language support at school: use short questions and picture cards.',
  'Mum finds letters hard to read: explain things in person and follow up with a text message.',
  'Dad works nights: visits in the afternoon.',
  'No particular needs: the family prefer to meet at home.',
];

const HELD = [
  'Two earlier referrals from school about attendance; an early help plan closed last year.',
  'Police notifications of two domestic incidents in the last six months; the chronology shows a gap in contact since the last assessment.',
  'Health visitor records show missed development checks; GP letter about weight.',
  'A previous child and family assessment two years ago found no further action was needed.',
  'Nothing recorded before this referral apart from one contact for information and advice.',
];

/** What is held already, before the birth: about Mum, the pregnancy and the family. */
const PRE_BIRTH_HELD = [
  'The midwife’s referral at 20 weeks: a late booking and a missed scan.',
  'Police notifications of two domestic incidents at the address during the pregnancy.',
  'A child protection plan for Mum’s older child three years ago, ended when things improved.',
  'Nothing recorded before this referral apart from one contact for information and advice.',
];

const AGENCIES = [
  { agency: '{child}\'s school (designated safeguarding lead)', reason: 'Attendance, how {child} presents and what {child} has said' },
  { agency: 'GP surgery', reason: 'Health, missed appointments and any worries about the parents\' health' },
  { agency: 'Health visiting team', reason: 'Development checks and home conditions' },
  { agency: 'Police public protection unit', reason: 'Call-outs to the address and any offences by adults in the household' },
  { agency: 'Housing officer', reason: 'Rent arrears and the state of the flat' },
  { agency: 'Child and adolescent mental health services', reason: 'Whether {child} is known and any waiting list' },
  { agency: 'Adult substance misuse service', reason: 'Whether mum is engaged and how it is going' },
];

/** For an unborn baby (a pre-birth assessment): the baby cannot be seen or heard until after the birth. */
const PRE_BIRTH_AIMS = [
  'Understand how Mum is preparing for the baby, and what help she needs to keep the baby safe after the birth.',
  'Find out whether the baby will be safe at home after the birth, and agree a plan with Mum before the baby is born.',
  'Understand the impact of the arguments at home on Mum and the pregnancy, and what needs to change before the baby arrives.',
  'Work out with the family who will help Mum care for the baby and the other children after the birth.',
];

const PRE_BIRTH_AGENCIES = [
  { agency: 'Community midwife', reason: 'Antenatal appointments, scans, and any worries about the pregnancy' },
  { agency: 'GP surgery', reason: 'Mum\'s physical and mental health during the pregnancy' },
  { agency: 'Health visiting team', reason: 'The antenatal visit, and how the other children are doing' },
  { agency: 'Police public protection unit', reason: 'Call-outs to the address and any offences by adults in the household' },
  { agency: 'Housing officer', reason: 'Whether the home is safe and has room for the baby' },
  { agency: 'Adult substance misuse service', reason: 'Whether mum is engaged and how it is going' },
];

const SERVICES = ['Family support worker, weekly', 'Parenting group', 'Food bank referral', 'School counsellor', 'Domestic abuse support for mum', 'Holiday activities', 'Help with a housing application'];
/** Help offered before the birth: for Mum and for getting ready for the baby. */
const PRE_BIRTH_SERVICES = ['Family support worker, weekly', 'Antenatal classes at the children’s centre', 'Food bank referral', 'Perinatal mental health team', 'Domestic abuse support for mum', 'Grant for baby equipment', 'Help with a housing application'];

const LANGUAGES = ['Polish', 'Urdu', 'Arabic', 'Romanian', 'Tigrinya', 'Bengali', 'Somali'];

const fill = (text: string, child: string) => text.replaceAll('{child}', child);

/**
 * A plausible plan for one child. `siblings` are the first names of brothers and sisters assessed
 * at the same time; `approver` approves a decision not to use an interpreter. For an `unborn` baby
 * (a pre-birth assessment) the plan is about Mum and the pregnancy, and says when the baby will be
 * seen after the birth.
 */
export function seededPlan(
  r: Random,
  input: { child: string; siblings: string[]; dayZero: string; today: string; completed: boolean; approver: { id: string; name: string } | null; unborn?: boolean },
): PlanSection {
  const { child } = input;
  const unborn = input.unborn === true;
  const seen = unborn ? seenBeforeBirth(r, input.siblings) : seenChild(r, child, input.siblings);

  const interpreter = r.weighted([['not-needed', 88], ['needed', 9], ['not-using', 3]] as const);
  const notUsing = interpreter === 'not-using' && input.approver !== null;
  const consent = r.weighted([['given', 80], ['not-sought', 15], ['refused', 5]] as const);
  const agencies = r.shuffle(unborn ? PRE_BIRTH_AGENCIES : AGENCIES).slice(0, r.int(2, 4)).map((a) => ({ agency: fill(a.agency, child), reason: fill(a.reason, child) }));
  const services: PlanSection['services'] = [];
  for (let i = r.int(0, 2); i > 0; i--) {
    const offeredOn = addWorkingDays(input.dayZero, r.int(1, 12));
    if (offeredOn > input.today) continue;
    const startedOn = addWorkingDays(offeredOn, r.int(2, 20));
    services.push({ service: r.pick(unborn ? PRE_BIRTH_SERVICES : SERVICES), offeredOn, startedOn: startedOn <= input.today && r.chance(0.7) ? startedOn : null });
  }
  return {
    aims: unborn ? r.pick(PRE_BIRTH_AIMS) : fill(r.pick(AIMS), child),
    seen,
    communicationNeeds: unborn ? r.pick(COMMUNICATION.filter((c) => !c.includes('{child}'))) : fill(r.pick(COMMUNICATION), child),
    interpreter: notUsing || interpreter !== 'not-using' ? interpreter : 'not-needed',
    interpreterLanguage: interpreter === 'needed' ? r.pick(LANGUAGES) : '',
    interpreterNotUsedReasons: notUsing ? `Mum asked for her sister to interpret; the sister is not involved in the concerns${unborn ? '' : ' and the child speaks English'}.` : '',
    interpreterApproval: notUsing
      ? { approvedBy: input.approver!.id, approvedByName: input.approver!.name, approvedOn: addWorkingDays(input.dayZero, 2) <= input.today ? addWorkingDays(input.dayZero, 2) : input.dayZero, reasons: 'Agreed: the aunt is not part of the concerns and the family trust her.' }
      : null,
    consent,
    consentDetails: consent === 'given' ? '' : consent === 'refused' ? `Mum did not want ${unborn ? 'her GP' : 'the school'} told about the home. Explained why we need to ask; she will think about it.` : 'Asking the parents first could put the child at risk: agreed with the team manager.',
    informationHeld: r.pick(unborn ? PRE_BIRTH_HELD : HELD),
    agencies,
    services,
    completed: input.completed,
  };
}

/** Who is seen for a child's assessment: the child alone first, then with brothers and sisters and with each parent. */
function seenChild(r: Random, child: string, siblings: string[]): PlanSection['seen'] {
  const seen: PlanSection['seen'] = [{ who: child, grouping: 'alone', where: r.pick(['at school', 'at home, in their bedroom', 'at the family centre']), order: 1 }];
  if (siblings.length > 0) seen.push({ who: `${child} with ${siblings.join(' and ')}`, grouping: 'with-siblings', where: 'at home', order: 2 });
  seen.push({ who: `${child}'s mother`, grouping: 'with-parent', where: 'at home', order: seen.length + 1 });
  if (r.chance(0.4)) seen.push({ who: `${child}'s father`, grouping: 'with-parent', where: r.pick(['at his flat', 'at the office', 'at home']), order: seen.length + 1 });
  return seen;
}

/** Who is seen for a pre-birth assessment: Mum (at home and with the midwife), the other children, and the baby once born. */
function seenBeforeBirth(r: Random, siblings: string[]): PlanSection['seen'] {
  const seen: PlanSection['seen'] = [
    { who: 'Mum, about the pregnancy and her plans for the baby', grouping: 'with-parent', where: 'at home', order: 1 },
    { who: 'Mum, with the midwife', grouping: 'with-parent', where: 'at her antenatal appointment', order: 2 },
  ];
  if (siblings.length > 0) seen.push({ who: `${siblings.join(' and ')}, about the new baby`, grouping: 'with-siblings', where: 'at home', order: seen.length + 1 });
  if (r.chance(0.4)) seen.push({ who: 'The baby’s father', grouping: 'with-parent', where: r.pick(['at his flat', 'at the office', 'at home']), order: seen.length + 1 });
  seen.push({ who: 'The baby, with Mum, in the first days after the birth', grouping: 'with-parent', where: 'in hospital or at home', order: seen.length + 1 });
  return seen;
}

export const PROMPT_REASONS = [
  'A new contact was received about the child',
  'A significant event was recorded in the child’s chronology: police called to the home',
  'The household changed: a new partner moved in',
  'The child returned home from a stay with grandparents',
];

export const LATE_REASONS = [
  'The family were away for three weeks and could not be seen; the school holidays delayed the school’s report.',
  'Waiting for a report from the hospital paediatrician, chased twice.',
  'The worker changed part-way through; the new worker needed to see the children again before finishing.',
  'Mum asked for the meeting to be moved twice because of her own health.',
];
