import type { Random } from '../../src/domain/random';

/**
 * Words for synthetic contacts: what people worried about, in the plain sentences a worker would
 * write, who got in touch and the reasons for decisions. {child} is a child's first name.
 * Phone numbers are in Ofcom's range kept for drama (01632 960000 to 960999).
 */
export const CONCERNS: Record<string, string[]> = {
  N1: [
    '{child} told a teaching assistant that mum\'s boyfriend hit them with a belt last night. There is a red mark on the back of the leg.',
    '{child} has come to school hungry and in the same clothes most days this term. The school has given breakfast and spare uniform.',
    'Police were called to the home at 2am after neighbours heard shouting and a child crying. Mum had a cut lip. The children were in the house.',
    '{child} was found walking alone near the ring road at 11pm. {child} said nobody was at home.',
    'The health visitor saw a bruise on {child}\'s cheek. Mum said it was from a fall but the account changed during the visit.',
    '{child} has been going missing overnight and coming back with new clothes and a phone that the family did not buy.',
    'An older man has been collecting {child} from school in a car. {child} would not say who he is.',
    'The home was found to be very dirty, with dog mess on the floor and no food in the fridge. The baby\'s cot had no mattress.',
    '{child} disclosed to the school nurse that an older cousin touched them in a way that made them feel uncomfortable.',
    'Mum arrived at A&E with {child}, who had a burn on the hand. The explanation given does not fit the injury.',
    '{child} has missed three hospital appointments for a heart condition. The family have not answered calls or letters.',
    'Police found cannabis and a knife in the flat during a search. Three young children live there.',
    '{child} was seen with older boys who are known to sell drugs. {child} has been found carrying cash.',
    'Dad was arrested after a fight outside the house. The children saw it from the window.',
  ],
  N2: [
    '{child} has severe autism and the family are struggling to manage aggressive behaviour at home. Mum has not slept properly in weeks.',
    '{child} uses a wheelchair and the family\'s flat is on the third floor with no working lift.',
    'Parents have asked for help with short breaks. {child} needs care through the night and they are exhausted.',
  ],
  N3: [
    'Mum has been admitted to a mental health ward. Nobody has been named to look after the children.',
    'Dad is in hospital after a stroke and mum is caring for him and four children on her own.',
    'Mum has told the GP she is hearing voices and is frightened she might hurt herself. {child} is at home with her.',
    'Mum drinks heavily most days and has been found asleep when collecting {child} from nursery.',
  ],
  N4: [
    'The family have been given notice to leave their flat and have nowhere to go. Mum is very anxious.',
    'Mum says she cannot cope since the new baby was born and is crying most of the day.',
    'The family\'s gas and electricity have been cut off. They are using candles for light.',
    'Grandmother, who did most of the childcare, died last month. Mum is finding it hard to manage.',
  ],
  N5: [
    'There are frequent arguments between parents which the children hear. Police have been called twice this month.',
    '{child} says they do not want to go home because of the shouting. {child} has been staying at a friend\'s house.',
    'Parents have separated and are arguing about contact. {child} has been kept off school during the dispute.',
    'Mum\'s new partner has a conviction for violence against a previous partner. He is now living at the home.',
  ],
  N6: [
    '{child} was arrested for shoplifting with older young people. It is the third time this year.',
    '{child} has been excluded from school for bringing a knife onto the site.',
    '{child} has been setting fires in the garden and was found with lighters in a school bag.',
  ],
  N7: [
    'The family have no money for food until the next benefit payment. A food bank voucher was given.',
    'The children share one bed and there is black mould in every room. The landlord has not done repairs.',
  ],
  N8: [
    '{child} is 15 and has been living on a friend\'s sofa after being asked to leave home.',
    'Mum has left the country for a family funeral and the children are being cared for by a neighbour.',
    '{child} arrived at the airport alone and asked for asylum. No adult is with them.',
  ],
  N9: ['The caller wanted advice about a family court matter. No worries about the children\'s care were raised.'],
  N0: ['A member of the public is worried about the children next door but did not say why.'],
};

export type Referrer = { name: string; agency: string | null; phone: string | null };

const AGENCIES: Record<string, string[]> = {
  '2A': ['Castlebrook Primary School', 'Hearthfield Academy', 'St Brigid\'s Catholic Primary School', 'Marlow Vale High School', 'Fenwick Green Infant School'],
  '2B': ['Education welfare service', 'Special educational needs team'],
  '3A': ['Holloway Cross Medical Centre', 'Millrace Surgery'],
  '3B': ['Health visiting team, Hearthfield'],
  '3C': ['School nursing service'],
  '3D': ['Community midwifery team', 'Child and adolescent mental health service'],
  '3E': ['Hearthfield General Hospital emergency department'],
  '3F': ['Hearthfield General Hospital maternity ward'],
  '4': ['Hearthfield Homes housing association', 'Housing options team'],
  '5A': ['Adult social care'],
  '5B': ['Youth justice service'],
  '5C': ['Neighbouring council children\'s services'],
  '5D': ['Early help team'],
  '6': ['Hearthfield Police', 'Police public protection unit'],
  '7': ['Probation service', 'Cafcass', 'Family court'],
  '8': ['Sedgeley Bridge children\'s centre', 'Women\'s Aid refuge', 'Foodbank'],
};

const TITLES: Record<string, string[]> = {
  '2A': ['Designated safeguarding lead', 'Head teacher', 'Class teacher'],
  '6': ['PC', 'DC', 'PS'],
};

export function referrerFor(r: Random, source: string, surname: string): Referrer {
  const phone = `01632 960${String(r.int(0, 999)).padStart(3, '0')}`;
  if (source === '9') return { name: 'Anonymous caller', agency: null, phone: null };
  if (source === '10') return { name: 'Not known', agency: null, phone: null };
  if (source.startsWith('1')) {
    const who = source === '1A' ? 'A relative' : source === '1B' ? 'A neighbour' : source === '1C' ? 'The young person' : 'A member of the public';
    return { name: `${who} (${surname})`, agency: null, phone };
  }
  const agency = r.pick(AGENCIES[source] ?? ['Another agency']);
  const title = TITLES[source] ? `${r.pick(TITLES[source])} ` : '';
  return { name: `${title}${r.pick(['J.', 'K.', 'S.', 'R.', 'A.', 'M.', 'T.'])} ${surname}`, agency, phone };
}

export const REFERRER_SURNAMES = 'Ashworth Bello Carver Dhami Ellison Foley Gallagher Hussain Ibbotson Jennings Kaur Lowe Mensah Norris Okoro Pearce Quayle Rahman Sutton Tait Underwood Varga Whitfield Yates'.split(' ');

export const DECISION_REASONS: Record<string, string[]> = {
  nfa: ['The concern was looked into and the children are safe and well looked after. No further action.', 'The family already has the right help in place from the school and GP.'],
  'information-advice': ['Mum was given information about local support and the housing advice line.', 'The referrer was advised on how to support the family and when to get in touch again.'],
  'early-help': ['The family need support but the threshold for social care is not met. They agreed to early help.', 'Needs can be met through a family support worker with the family\'s agreement.'],
  referral: ['The child may be at risk of significant harm. Assessment needed.', 'Several concerns together suggest the child is in need. A child and family assessment is needed.', 'Strategy discussion held with police. Section 47 enquiry to start.'],
};

export const CONSENT_NOT_SOUGHT = [
  'Telling the parents could put the child at greater risk of harm.',
  'Police asked that the family are not told while they make enquiries.',
  'Asking the parent may lead to the child being told not to speak to staff.',
];

export const CONSENT_AUTHORISED = [
  'Agreed: the risk to the child outweighs the parents\' right to be asked first.',
  'Agreed after discussion with police. The family will be told once the child is safe.',
];

export const ALLOCATION_REASONS = {
  assessment: 'Child and family assessment',
  transfer: 'Transferred to the long-term team after assessment',
  change: ['Previous worker left the authority', 'Caseload balancing', 'Worker on long-term leave', 'Change of worker at the family\'s request'],
  inCare: 'Child became looked after',
  earlyHelp: 'Early help support',
  leaving: 'Leaving care support',
  waiting: 'Waiting for a worker to be allocated',
};
