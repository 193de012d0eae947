/**
 * Words for synthetic chronology entries typed by workers: what happened in plain sentences, what
 * it meant for the child, and who told us. {child} is a child's first name, {mum} the mother's.
 * Every agency and person is fictional.
 */
export type EventText = { summary: string; impact: string };

/** Events that concern the whole household: linked to every child living there at the time and the adults. */
export const FAMILY_EVENTS: Record<string, EventText[]> = {
  'domestic-abuse': [
    { summary: 'Police called at night after neighbours heard shouting. {mum} had a cut lip and said her partner pushed her into a door. The children were in the house.', impact: 'The children heard the fight from their bedroom and were frightened.' },
    { summary: 'Operation Encompass notification: police attended a domestic incident at the home the evening before.', impact: 'The school was told so that staff could look out for {child} in the morning.' },
    { summary: '{mum} told the health visitor her partner checks her phone and will not let her see her sister.', impact: 'The children live with controlling behaviour that frightens their mother.' },
    { summary: 'Case discussed at MARAC. {mum} is assessed as at high risk of serious harm from her ex-partner.', impact: 'A safety plan is needed for the children as well as for {mum}.' },
    { summary: 'Ex-partner came to the house in breach of a non-molestation order and banged on the windows until police arrived.', impact: '{child} hid under the bed and would not come out for an hour.' },
    { summary: '{mum} and her partner argued in the street outside school. Staff saw him grab her arm.', impact: '{child} cried in class and asked if mum was safe.' },
  ],
  'police-incident': [
    { summary: 'Police attended after a neighbour reported loud music and fighting at the address at 3am.', impact: 'The children were woken and did not get to school the next day.' },
    { summary: 'Police searched the home under a warrant and found cannabis plants in the loft.', impact: 'The children saw the search and were scared by the officers.' },
    { summary: 'Dad arrested for a fight outside the local pub. Released under investigation.', impact: 'The children were told dad was "working away".' },
    { summary: 'Police called by {mum} because an older boy was threatening {child} outside the flats.', impact: '{child} is now afraid to walk to school alone.' },
    { summary: 'Welfare check by police after a caller said {mum} sounded drunk and the children were crying.', impact: 'Officers found the children fed and in bed. No further action.' },
  ],
  'house-move': [
    { summary: 'The family moved to a new flat after an eviction notice. It is further from school.', impact: '{child} now travels an hour each way to school and is often late.' },
    { summary: 'The family moved into temporary accommodation: one room in a hostel.', impact: 'The children share a bed with {mum} and have no space to play or do homework.' },
    { summary: '{mum} and the children moved into a refuge in another town.', impact: 'The children had to leave their school and friends without saying goodbye.' },
    { summary: '{mum}\'s new partner moved into the home.', impact: 'The children are getting used to a new adult in the house.' },
    { summary: 'Dad moved out after the parents separated.', impact: '{child} misses dad and asks when they will see him.' },
    { summary: 'The family were rehoused by the council into a three-bedroom house.', impact: 'The children have their own beds for the first time.' },
  ],
  other: [
    { summary: 'Grandmother, who helped with the school runs, went into a care home.', impact: 'The children lost a daily source of support.' },
    { summary: 'The electricity was cut off for four days because the meter had not been topped up.', impact: 'The children had cold food and no lights in the evenings.' },
    { summary: 'A food bank voucher was given by the children\'s centre.', impact: 'The family had food for the week.' },
    { summary: '{mum} started a parenting course at the family hub.', impact: '{mum} says she is trying new ways to manage bedtimes.' },
  ],
  court: [
    { summary: 'Family court hearing on child arrangements adjourned for a section 7 report.', impact: 'The children wait longer to know when they will see dad.' },
    { summary: 'Non-molestation order made by the family court against {mum}\'s ex-partner for twelve months.', impact: 'The order should mean he cannot come to the home.' },
    { summary: 'Dad appeared at magistrates\' court and was given a community order.', impact: 'Dad will be at home more in the evenings.' },
  ],
};

/** Events that concern one child. */
export const CHILD_EVENTS: Record<string, EventText[]> = {
  education: [
    { summary: 'School reports {child}\'s attendance this term is 78%. Most absences are Mondays.', impact: '{child} is falling behind with reading.' },
    { summary: '{child} excluded from school for two days after a fight in the playground.', impact: '{child} spent the days at home with nobody checking schoolwork.' },
    { summary: 'School says {child} has arrived hungry several times this month and is given breakfast.', impact: '{child} finds it hard to concentrate until after breakfast club.' },
    { summary: 'Parents\' evening: {mum} did not attend. Teacher says {child} is quiet and tired in class.', impact: '{child}\'s tiredness is affecting learning.' },
    { summary: '{child} started at a new school after the move.', impact: '{child} is anxious about making friends.' },
    { summary: 'Education health and care plan review held. More support agreed in class.', impact: '{child} will have a teaching assistant for part of each day.' },
    { summary: 'School nurse saw {child} about head lice for the third time this term.', impact: 'Other children have started to tease {child}.' },
  ],
  health: [
    { summary: '{child} taken to A&E with a burn on the hand. {mum} said {child} touched the oven door.', impact: '{child} needed dressings for two weeks.' },
    { summary: 'GP appointment missed for {child}\'s asthma review. Third missed appointment this year.', impact: '{child}\'s inhaler has not been reviewed and the asthma is not well controlled.' },
    { summary: 'Health visitor visit: {child} is below the expected weight for age. Feeding plan agreed.', impact: 'The health visitor will weigh {child} every two weeks.' },
    { summary: 'Dental check: {child} has several decayed teeth and needs treatment under anaesthetic.', impact: '{child} has been in pain when eating.' },
    { summary: '{child} admitted to hospital overnight with a chest infection.', impact: '{child} missed three days of school.' },
    { summary: 'CAMHS assessment: {child} is on the waiting list for help with anxiety.', impact: '{child} has trouble sleeping and worries about {mum}.' },
    { summary: 'Immunisations brought up to date at the GP surgery.', impact: 'None: routine.' },
  ],
  missing: [
    { summary: '{child} reported missing overnight and found by police at a friend\'s house in the morning.', impact: '{child} was not safe overnight and nobody knew where they were.' },
    { summary: '{child} went missing after school and came home at 1am. Return home interview offered.', impact: '{child} would not say where they had been.' },
  ],
  placement: [
    { summary: '{child} moved to a foster placement with a local carer.', impact: '{child} is living away from home and brothers and sisters.' },
    { summary: '{child} moved from foster care to live with grandparents under a connected-person arrangement.', impact: '{child} is back with family and at the same school.' },
  ],
};

/** Who tells us about each kind of event: [agency, person at the agency] pairs, or people. */
export const SOURCES: Record<string, { agency: string | null; names: string[] }[]> = {
  'domestic-abuse': [{ agency: 'West Yorkshire Police', names: ['PC Amir Khan', 'PC Laura Dean', 'DC Sam Riley'] }, { agency: 'MARAC', names: ['MARAC coordinator'] }, { agency: null, names: ['Neighbour', '{mum}'] }],
  'police-incident': [{ agency: 'West Yorkshire Police', names: ['PC Amir Khan', 'PC Laura Dean', 'Sergeant Tom Pryce'] }],
  'house-move': [{ agency: 'Council housing team', names: ['Housing officer'] }, { agency: null, names: ['{mum}'] }],
  other: [{ agency: 'Family hub', names: ['Family support worker'] }, { agency: null, names: ['{mum}', 'Maternal grandmother'] }],
  court: [{ agency: 'Family Court', names: ['Court clerk'] }, { agency: 'Cafcass', names: ['Family court adviser'] }],
  education: [{ agency: 'Oakfield Primary School', names: ['Mrs Green, head teacher', 'Designated safeguarding lead'] }, { agency: 'Northfield Academy', names: ['Head of year', 'Attendance officer'] }],
  health: [{ agency: 'St James’s Hospital', names: ['Paediatric liaison nurse'] }, { agency: 'Health visiting team', names: ['Health visitor'] }, { agency: 'Park Lane Surgery', names: ['Dr Patel'] }],
  missing: [{ agency: 'West Yorkshire Police', names: ['Missing persons coordinator', 'PC Laura Dean'] }],
  placement: [{ agency: 'Children’s services', names: ['Placements team'] }],
};

/** How often each kind of family or child event comes up, and how often it is significant. */
export const FAMILY_WEIGHTS: [string, number][] = [['domestic-abuse', 30], ['police-incident', 26], ['house-move', 14], ['other', 22], ['court', 8]];
export const CHILD_WEIGHTS: [string, number][] = [['education', 50], ['health', 44], ['missing', 4], ['placement', 2]];
export const SIGNIFICANT: Record<string, number> = { 'domestic-abuse': 0.8, 'police-incident': 0.35, 'house-move': 0.3, other: 0.1, court: 0.9, education: 0.15, health: 0.2, missing: 0.75, placement: 0.9 };
