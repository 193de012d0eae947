import type { TriangleKey } from '../../src/domain/assessmentContent';
import type { StatementText } from './triangleTexts';

/**
 * What a synthetic assessment is about: the worry behind it, with the DfE factor codes and main
 * need that go with it, the triangle worries it adds, and the words of its analysis. {child} is the
 * child's first name, {carer} the first name of the parent or carer the child lives with and
 * {parent} what the child calls them (Mum, Dad or their first name).
 * Ages run from -1 (an unborn baby) to 17. Every factor set obeys domain/factorCodes.ts (the seed
 * tests check them with checkFactors).
 */
export type Theme = {
  key: string;
  /** Harm is possible: the theme can lead to a strategy discussion and has danger statements. */
  harm: boolean;
  /** Only when harm is suspected: its analysis plans a strategy discussion. */
  suspectedOnly?: boolean;
  ages: readonly [number, number];
  factors: string[][];
  /** What "another factor" (20) is, for themes whose factor sets use it. */
  otherFactor?: string;
  need: string;
  worries: { domain: TriangleKey; dimension: string; statement: StatementText }[];
  risk: string;
  worried: string;
  needsToHappen: string;
  hypotheses: string;
  danger: string;
  safety: string;
  /** What an older child might say, in their own words. */
  childSays: string[];
  /** What the parent or carer said, in their words. */
  carerSays: string;
  /** The first sentence of the reasons for the decision. */
  reason: string;
};

const w = (domain: TriangleKey, dimension: string, kind: 'fact' | 'opinion', text: string, source: string) => ({ domain, dimension, statement: { text, kind, source } });

export const THEMES: Theme[] = [
  {
    key: 'neglect',
    harm: true,
    ages: [5, 17],
    factors: [['16A'], ['16A', '4B'], ['16A', '1B']],
    need: 'N1',
    worries: [
      w('parenting-capacity', 'basicCare', 'fact', 'On two visits there was no food in the flat apart from a loaf of bread, and {child} said they had not eaten since school lunch.', 'Seen on home visits'),
      w('developmental-needs', 'health', 'fact', '{child} has had toothache for weeks and has not been taken to a dentist.', 'School nurse'),
      w('family-environment', 'housing', 'fact', 'Rubbish bags were piled in the kitchen and there was dog mess on the bedroom floor.', 'Seen on a home visit'),
    ],
    risk: '{child} is often hungry, has untreated tooth decay and is sent to school in dirty clothes. If nothing changes, {child}’s health and schooling will suffer and {child} may come to feel that nobody cares.',
    worried: 'On two visits there was no food in the house. {child} told a teacher they had not eaten since lunch the day before. {child} has had toothache for weeks and has not seen a dentist.',
    needsToHappen: '{carer} needs to make sure there is food in the house every day and that {child} sees a dentist this month. The family support worker will help {carer} plan meals and a weekly budget.',
    hypotheses: 'We thought about whether this is about money, about {carer}’s low mood, or about not knowing what {child} needs. The food bank helped, but the kitchen was empty again the next week, so we think {carer}’s low mood is the main reason, and we have asked the GP to help.',
    danger: 'We are worried that {child} will go hungry and become unwell, because there is often no food at home and nobody notices when {child} is ill.',
    safety: '{child} will have breakfast and an evening meal every day, and {carer} will take {child} to every health appointment.',
    childSays: ['Sometimes there is nothing for tea, so I have cereal if there is milk.', 'My tooth hurts when I eat. {parent} says they will ring the dentist.'],
    carerSays: 'I know the house is a mess. I just get so tired. I do feed them, but some weeks the money runs out.',
    reason: '{child} has often gone without food and without health care.',
  },
  {
    key: 'domestic-abuse',
    harm: true,
    ages: [4, 17],
    factors: [['3B'], ['3B', '17A'], ['3B', '3C'], ['3B', '1B']],
    need: 'N1',
    worries: [
      w('parenting-capacity', 'ensuringSafety', 'fact', 'Police were called three times since May: {carer}’s partner pushed {carer} into a wall while {child} was in the room; neighbours heard screaming and glass breaking; and {carer} rang 999 when the partner would not leave.', 'Police notifications'),
      w('developmental-needs', 'emotionalBehavioural', 'fact', '{child} hides under the bed when voices are raised and has started wetting the bed after arguments.', '{carer}'),
      w('family-environment', 'familyHistory', 'fact', '{carer} says the violence started soon after they moved in together and has got worse over the last year.', '{carer}, seen alone'),
    ],
    risk: '{child} has seen and heard {carer} being hurt at home. Children who live with violence can be hurt themselves, and it affects how safe they feel, how they sleep and how they learn.',
    worried: 'In May {carer}’s partner pushed {carer} into a wall while {child} watched. In July neighbours heard screaming and glass breaking. In August {carer} rang 999 because the partner would not leave. {child} now hides when voices are raised and wets the bed.',
    needsToHappen: '{carer}’s partner must not come to the home while the police investigation goes on. {carer} will meet the domestic abuse worker every week, and a safety plan will be agreed with {carer} and the school.',
    hypotheses: 'We asked whether the arguments were two-way, as {carer}’s partner says, or whether one person controls and frightens the other. The police reports, what {carer} told us alone and {child}’s fear of the partner point to abuse by the partner.',
    danger: 'We are worried that {child} will be hurt, or will keep seeing {carer} being hurt, if {carer}’s partner comes back to the home.',
    safety: '{child} will live in a home where nobody is hurt or frightened, and {carer} will know who to call and what to do if the partner comes back.',
    childSays: ['When they shout I go in my room and put my headphones on.', 'I don’t like it when he comes round. I want {parent} to be happy again.'],
    carerSays: 'I didn’t think the kids knew. I’m scared of what he’ll do if I tell the police everything.',
    reason: '{child} has been living with violence between the adults at home.',
  },
  {
    key: 'mental-health',
    harm: false,
    ages: [7, 17],
    factors: [['4B'], ['4B', '7A'], ['4B', '1B']],
    need: 'N3',
    worries: [
      w('parenting-capacity', 'stimulation', 'fact', 'When unwell, {carer} stays in bed most of the day and {child} misses school or gets there alone.', 'School attendance record and {carer}'),
      w('developmental-needs', 'selfCare', 'opinion', '{child} worries about {carer} and checks on {carer} before leaving for school.', 'Class teacher'),
    ],
    risk: '{carer}’s depression is not being treated at the moment. On bad days {child} is not taken to school and is left to look after themselves.',
    worried: '{carer} stopped taking medication in the spring and has missed two appointments with the mental health team. On those days {child} has not been to school and has had toast for every meal.',
    needsToHappen: '{carer} will see the GP this week and go back to the mental health team. On bad days {child}’s grandmother will take {child} to school. A young carers worker will meet {child}.',
    hypotheses: 'We considered whether {carer} does not want to look after {child} or cannot on some days. Everyone who knows the family says {carer} is a loving parent when well, so we think it is {carer}’s illness that gets in the way.',
    danger: 'We are worried that {child} will miss school and be left without an adult when {carer} is very unwell.',
    safety: 'There will always be an adult who can get {child} to school and make meals, even on {carer}’s worst days.',
    childSays: ['{parent} gets sad and stays in bed. I make a cup of tea.', 'I don’t like leaving {parent} on their own when they are poorly.'],
    carerSays: 'Some days I can’t get up. I hate that the kids see me like that. I want to get better for them.',
    reason: '{carer}’s mental health means {child} sometimes goes without the care and schooling {child} needs.',
  },
  {
    key: 'substances',
    harm: true,
    ages: [5, 17],
    factors: [['2B'], ['1B'], ['1B', '2B'], ['2B', '3B']],
    need: 'N1',
    worries: [
      w('parenting-capacity', 'ensuringSafety', 'fact', 'A used needle was found on the bathroom floor at the first visit, within reach of the children.', 'Seen on a home visit'),
      w('parenting-capacity', 'basicCare', 'opinion', '{carer} was slurring and unsteady when collecting {child} from school twice this term.', 'School'),
    ],
    risk: '{carer} is using heroin again after two years clean. {child} has been collected from school by {carer} while drunk or high, and drugs and needles have been left where the children could reach them.',
    worried: 'At the first visit a used needle was on the bathroom floor. Twice this term {carer} came to collect {child} from school slurring and unsteady, and the school asked {child}’s aunt to come instead.',
    needsToHappen: '{carer} will go back to the drug service and give regular tests. Drugs and needles will be kept in a locked box. {child}’s aunt will collect {child} from school when {carer} is not well enough.',
    hypotheses: 'We thought about whether this was a short slip or a return to daily use. The test results, the needle and what the school saw suggest daily use, so we have planned for that.',
    danger: 'We are worried that {child} will be hurt or left without a safe adult because {carer} is using drugs while looking after {child}.',
    safety: '{child} will always be looked after by a sober adult, and there will be no drugs or needles anywhere {child} can reach.',
    childSays: ['Sometimes {parent} is really sleepy and I can’t wake them up.', 'I want {parent} to stop taking the stuff that makes them poorly.'],
    carerSays: 'I slipped up, I know I did. I’ve been clean before and I can do it again. I’d never let them near anything.',
    reason: '{carer}’s drug use means {child} has not always had a safe, sober adult looking after them.',
  },
  {
    key: 'behaviour',
    harm: false,
    ages: [5, 17],
    factors: [['14A'], ['14A', '4A'], ['20']],
    otherFactor: 'Not going to school regularly',
    need: 'N6',
    worries: [
      w('developmental-needs', 'education', 'fact', '{child} has been excluded for two days this term for throwing a chair in class.', 'School'),
      w('parenting-capacity', 'guidanceBoundaries', 'opinion', '{carer} finds it hard to say no to {child} and gives in when {child} shouts.', '{carer}'),
    ],
    risk: '{child} is missing a lot of school and has been excluded twice. If this carries on {child} may lose the school place and spend more time on the streets without an adult.',
    worried: '{child} threw a chair in class in October and was sent home for two days. {child} has missed a third of the school days this term. At home {child} shouts and slams doors when told no.',
    needsToHappen: 'The school will set up a support plan with a mentor {child} chooses. {carer} will go to the parenting course on Thursday evenings. We will ask for an assessment of {child}’s learning needs.',
    hypotheses: 'We thought about whether {child} is struggling with learning, unhappy at school or acting out what is happening at home. {child} says the work is too hard and nobody helps, so we think unmet learning needs are a big part of it.',
    danger: 'We are worried that {child} will lose the school place and spend days on the streets with nobody keeping an eye on them.',
    safety: '{child} will be in school every day with an adult there who {child} trusts.',
    childSays: ['School is boring and the teachers always pick on me.', 'I get angry and then I can’t stop. I don’t mean to.'],
    carerSays: 'I’ve tried everything. The school only ring when something’s wrong. I need someone to help me.',
    reason: '{child}’s behaviour and time out of school need more help than the school alone can give.',
  },
  {
    key: 'exploitation',
    harm: true,
    suspectedOnly: true,
    ages: [12, 17],
    factors: [['10A', '24A'], ['10A', '11A'], ['24A', '13A'], ['10A']],
    need: 'N1',
    worries: [
      w('parenting-capacity', 'ensuringSafety', 'fact', '{child} has been reported missing four times since September, once for three nights, and was found in another town.', 'Police missing reports'),
      w('developmental-needs', 'familySocial', 'opinion', '{child} spends time with older young people who are known to the police for selling drugs.', 'Police'),
    ],
    risk: '{child} goes missing, has new clothes and phones nobody has paid for, and was found in another town with older young people known for selling drugs. {child} may be being used by adults to carry drugs.',
    worried: '{child} went missing four times since September, once for three nights, and was found in a flat in another town. {child} came home with a new phone and £200 that {carer} did not give. {child} will not say who the older friends are.',
    needsToHappen: 'We will hold a strategy discussion with the police. A youth worker from the exploitation team will meet {child} each week. {carer} will report {child} missing straight away and keep a note of cars and names.',
    hypotheses: 'We thought about whether {child} is simply staying out with friends. The new phone, the money, being found far from home and {child}’s fear of saying names point to criminal exploitation.',
    danger: 'We are worried that {child} will be hurt, arrested or made to carry drugs by older people who are using {child}.',
    safety: '{child} will be home every night, and {child} and {carer} will know who to call if anyone pressures {child} to go somewhere.',
    childSays: ['They’re my mates, they look after me. You don’t get it.', 'I can’t say who they are. Something will happen if I do.'],
    carerSays: 'I don’t know where {child} goes. I ring and ring. I’m frightened someone is going to hurt {child}.',
    reason: '{child} may be being exploited by older people who use {child} to carry drugs.',
  },
  {
    key: 'family-stress',
    harm: false,
    // From birth: its worries are about where a child sleeps and how they are.
    ages: [0, 17],
    factors: [['20'], ['6B'], ['20', '4B']],
    otherFactor: 'Overcrowded housing and debt',
    need: 'N7',
    worries: [
      w('family-environment', 'housing', 'fact', 'Five people share a one-bedroom flat with damp walls, and {child} has no bed of their own.', 'Seen on a home visit'),
      w('family-environment', 'income', 'fact', 'The family owe £1,600 in rent and council tax and are often without gas.', 'Housing officer'),
    ],
    risk: 'The family live in one damp room, owe money and often have no gas. The stress is affecting {carer}’s health and {child}’s sleep.',
    worried: 'Five people share a one-bedroom flat. There is mould on the walls and {child} has no bed of their own. The gas ran out twice in the last month. {child} is tired and has a cough that will not clear.',
    needsToHappen: 'The housing officer will look at a move to a bigger home. The welfare rights adviser will check the family get what they are owed. A family support worker will help with a budget.',
    hypotheses: 'We considered whether {carer}’s care of {child} is the problem or whether the family’s home and money are. The care {child} gets is good; the home and debts are what is harming {child}.',
    danger: 'We are worried that {child}’s health will get worse living in a cold, damp, crowded flat.',
    safety: '{child} will have a warm, dry home with a bed of their own.',
    childSays: ['I don’t have my own bed. I sleep on the sofa and the TV keeps me awake.', 'I wish we had a bigger house with a garden.'],
    carerSays: 'We just need somewhere bigger. I’ve been on the list for three years. The kids deserve better than this.',
    reason: '{child}’s needs come from the family’s housing and money worries rather than from how {child} is cared for.',
  },
  {
    key: 'physical-abuse',
    harm: true,
    suspectedOnly: true,
    ages: [5, 17],
    factors: [['18C'], ['18C', '17A']],
    need: 'N1',
    worries: [
      w('developmental-needs', 'health', 'fact', '{child} had four round bruises on the upper arm that looked like fingertip marks.', 'School, body map'),
      w('parenting-capacity', 'guidanceBoundaries', 'fact', '{carer}’s partner said he ‘gives them a smack’ when they play up.', '{carer}’s partner, home visit'),
    ],
    risk: '{child} came to school with bruises that look like grip marks, and an adult at home says he smacks the children.',
    worried: 'On Monday {child} came to school with four round bruises on the upper arm. {child} said ‘he grabbed me’ and then would not say more. {carer}’s partner told us he smacks the children when they play up.',
    needsToHappen: 'A strategy discussion with the police and a child protection medical today. {carer}’s partner will stay away from the home while enquiries go on. {carer} will stop all physical punishment.',
    hypotheses: 'We thought about whether the bruises came from play. The shape of the marks, what {child} said and what the partner told us make an accidental cause unlikely.',
    danger: 'We are worried that {child} will be hurt again by an adult at home who uses physical punishment.',
    safety: 'No adult will hit, grab or smack {child}, and {child} will be able to tell a safe adult if anyone does.',
    childSays: ['He grabbed me because I wouldn’t go to bed.', 'I don’t want to get anyone in trouble.'],
    carerSays: 'He’s strict but he wouldn’t hurt them. I didn’t know about the bruises until the school rang.',
    reason: '{child} came to school with bruises that an adult at home may have caused.',
  },
  {
    key: 'early-years-care',
    harm: true,
    ages: [0, 4],
    factors: [['16A'], ['16A', '4B'], ['16A', '5B']],
    need: 'N1',
    worries: [
      w('parenting-capacity', 'basicCare', 'fact', 'Bottles were left unwashed with old milk in them, and {child} had a sore nappy rash at two visits.', 'Health visitor'),
      w('parenting-capacity', 'ensuringSafety', 'fact', 'There is no cot in the flat: {carer} sleeps on the sofa with {child} after drinking in the evening.', 'Seen on a home visit'),
      w('family-environment', 'communityResources', 'fact', '{carer} has missed three development checks and has not registered {child} with a GP.', 'Health visitor'),
    ],
    risk: 'A baby who sleeps on a sofa with an adult who has been drinking can die. {child} has also missed health checks and has been left in dirty nappies.',
    worried: '{carer} falls asleep on the sofa with {child} most evenings after drinking two or three cans. There is no cot. {child} has had a sore nappy rash at two visits and has missed three development checks.',
    needsToHappen: 'A cot will be delivered this week and the health visitor will go through safe sleeping with {carer}. {carer} will register {child} with the GP and take {child} to the next check.',
    hypotheses: 'We thought about whether {carer} does not know how to care for a baby, or is too low in mood to manage. {carer} learns quickly when shown, so we think {carer} needs practical help and a check on {carer}’s own health.',
    danger: 'We are worried that {child} could die or be badly hurt while sharing a sofa with an adult who has been drinking.',
    safety: '{child} will sleep in a cot every night, and {carer} will not drink while caring for {child}.',
    childSays: [],
    carerSays: 'Nobody showed me how to do any of this. I just want to do it right for {child}.',
    reason: '{child}’s basic care and safety as a baby are not being met.',
  },
  {
    key: 'early-years-stress',
    harm: false,
    ages: [0, 4],
    factors: [['4B'], ['4B', '6B'], ['20']],
    otherFactor: 'Isolated young parent with no support',
    need: 'N3',
    worries: [
      w('parenting-capacity', 'emotionalWarmth', 'opinion', '{carer} says they feel nothing when {child} cries and sometimes leave {child} in the cot to get away from the noise.', '{carer}, seen alone'),
      w('family-environment', 'socialIntegration', 'fact', '{carer} moved here three months ago and knows nobody in the area.', '{carer}'),
    ],
    risk: '{carer} has low mood since {child} was born and has nobody to help. When {carer} is very low, {child} is left to cry for long spells.',
    worried: '{carer} told the health visitor they feel nothing when {child} cries and have left {child} crying in the cot for an hour to get some quiet. {carer} has no family or friends nearby.',
    needsToHappen: '{carer} will see the GP about low mood this week. The health visitor will visit every fortnight. A family support worker will go with {carer} to the baby group on Tuesdays.',
    hypotheses: 'We considered whether {carer} does not want {child}, or is unwell and alone. {carer} is gentle with {child} when well and asked for help, so we think postnatal depression and being alone are the reasons.',
    danger: 'We are worried that {child} will be left alone and upset for long spells when {carer} is very low.',
    safety: 'Someone {carer} trusts will be there to help on bad days, and {child} will be comforted when {child} cries.',
    childSays: [],
    carerSays: 'I thought I’d love every minute. Some days I can’t even get dressed. I’m scared to tell anyone in case they take {child}.',
    reason: '{carer}’s low mood and lack of support mean {child} needs help to get the care a baby needs.',
  },
  {
    key: 'pre-birth',
    harm: true,
    ages: [-1, -1],
    factors: [['3B'], ['2B'], ['4B'], ['2B', '3B']],
    need: 'N1',
    worries: [
      w('parenting-capacity', 'ensuringSafety', 'fact', '{carer} has let the baby’s father back into the home, although the police were called when he hurt {carer} in the summer.', 'Police public protection unit'),
      w('family-environment', 'familyHistory', 'opinion', '{carer} says the baby’s father has pushed and slapped {carer} during this pregnancy.', '{carer}, seen alone'),
    ],
    risk: 'During this pregnancy the baby’s father has hurt {carer}, and he still comes to the home. {carer} has low mood, smokes cannabis to cope and has missed antenatal care.',
    worried: 'The baby’s father slapped {carer} last month and pushed {carer} against a door. The police have been called to the home twice this year. {carer} missed two scans and says cannabis helps when things get too much.',
    needsToHappen: 'A pre-birth plan agreed well before the birth: {carer} will see the midwife every fortnight, the domestic abuse worker every week and the GP about low mood. A family group conference will ask who in the family can help after the birth.',
    hypotheses: 'We considered whether the violence was a one-off. {carer} told us about other times, the police have been called before and the baby’s father still visits, so we think the risk to a new baby is high.',
    danger: 'We are worried that the baby will be hurt, or will not be cared for safely, if the baby’s father is at home and {carer} has no help.',
    safety: 'From birth the baby will live in a home with no violence, with an adult who keeps every health appointment.',
    childSays: [],
    carerSays: 'He’s not like that all the time. I’ve done everything the midwife asked. I want to keep this baby safe.',
    reason: 'The baby is likely to suffer harm after birth unless things change before the due date.',
  },
  {
    // Before the birth without harm: what a pre-birth assessment that ends in help (or none) is about.
    key: 'pre-birth-support',
    harm: false,
    ages: [-1, -1],
    factors: [['4B'], ['20'], ['4B', '20']],
    otherFactor: 'Expecting a baby with no settled home and little support',
    need: 'N4',
    worries: [
      w('family-environment', 'housing', 'fact', '{carer} is staying on a friend’s sofa and has nowhere settled to bring the baby home to.', 'Housing officer'),
      w('parenting-capacity', 'stability', 'fact', '{carer} has moved four times in the last year and does not know where the baby will live after the birth.', 'Housing officer'),
    ],
    risk: '{carer} has had low mood in the past, has no settled home and has little help from family, and the baby is due in a few months.',
    worried: '{carer} is staying with a friend and has nowhere settled to bring the baby home to. {carer} stopped the medicine for low mood when the pregnancy was confirmed and told the midwife about feeling very alone.',
    needsToHappen: 'Before the birth: {carer} will see the GP and the perinatal mental health team about low mood, the housing officer will look for a flat, and a family support worker will help {carer} get ready for the baby. The health visitor will visit in the first two weeks after the birth.',
    hypotheses: 'We thought about whether {carer} does not want help, or is unwell and alone. {carer} asked the midwife for help and has kept every appointment, so we think having no home and no support, with low mood, are the reasons, and that the right help before the birth will make the difference.',
    danger: 'We are worried that after the birth {carer} will be alone with the baby, with nowhere settled to live, and too low to keep up with the baby’s care.',
    safety: 'The baby will come home from hospital to a settled home, with {carer} getting help for low mood and someone {carer} trusts close by.',
    childSays: [],
    carerSays: 'I want to do this properly. I just need somewhere to live before the baby comes, and someone to talk to when it gets too much.',
    reason: '{carer} needs help before the birth with housing, low mood and support, so that the baby can be well cared for.',
  },
];
