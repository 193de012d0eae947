/**
 * Words for synthetic visits and case notes, in the plain sentences a worker would write. {child}
 * is a child's first name, {children} the names of the children a record is about, {worker} is not
 * used (the worker is the person recording). Fictional throughout.
 */
export const OBSERVED = [
  'The flat was warm and tidy. There was food in the fridge and the children’s school uniforms were washed and hanging up.',
  'Mum answered the door quickly. The living room was cluttered but clean. The children were watching television and came to say hello.',
  'The house was cold and the heating was off; mum said the meter had run out. There was bread and cereal in the kitchen but little else.',
  'Mum’s partner was in the kitchen and left soon after I arrived. Mum seemed on edge until he had gone.',
  'The home smelled strongly of cannabis. Mum said a friend had been smoking in the garden.',
  'The children were playing together in the garden and were chatty and relaxed. Mum joined in a game of football.',
  'There were empty cans of cider on the table. Mum was slow to answer questions and said she had not slept.',
  'Dad had made tea for the children and was helping with homework at the kitchen table when I arrived.',
  'The bedroom the children share has bunk beds with clean bedding and toys on the shelves.',
  'There was a hole in the living room door that had not been there last time. Mum said it was an accident.',
  'The foster carer’s home was calm. {child} showed me the new bike and the photographs on the bedroom wall.',
  'Grandma was looking after the children while mum was at work. The home was calm and well organised.',
];

export const ANALYSIS = [
  'The children’s basic needs are being met and they were relaxed with mum. The plan is working; the worry now is whether mum can keep this up without the family support worker.',
  'Mum is engaging with the safety plan and the children say things are calmer at home. The risk from mum’s ex-partner remains while he knows where they live.',
  'The cold house and lack of food show the family are in real money trouble. This is affecting the children’s health and sleep; the benefits advice referral needs chasing.',
  'Mum’s partner leaving as I arrived, and mum being on edge, makes me worried that we are not seeing what happens when we are not there. I need to see the children alone at school.',
  'Cannabis use in the home means mum may not always be able to respond to the baby at night. This is a pattern we have seen before and it needs to be discussed at the core group.',
  '{child} is doing well in placement and is settled at school. {child} still asks about mum and contact needs to be more regular.',
  'The drinking I saw today is the third time this month. The children are at risk of not being supervised properly and mum needs to be told clearly what will happen if this continues.',
  'Dad is meeting the children’s needs well. The children are safe with him; the question is whether he can keep going while working shifts.',
  'The damage to the door and mum’s explanation do not fit. Together with what the school said last week, this makes me think there has been more violence at home.',
];

export const NEXT_STEPS = [
  'Visit again within ten working days, unannounced.',
  'Speak to the school about attendance and how the children are presenting.',
  'Chase the referral to the family support service and the benefits advice appointment.',
  'Raise the worries about mum’s partner at the core group on Thursday.',
  'Arrange for {child} to be seen alone at school next week.',
  'Discuss with my manager in supervision whether the plan needs to change.',
  'Book the next contact session with mum and ask the foster carer how the last one went.',
];

export const CHILD_WORDS = [
  'I like it when mum is happy. She laughs more now.',
  'I don’t like it when they shout. I go upstairs and put my headphones on.',
  'School is fine. I’ve got a new friend called Mo.',
  'I want to stay here. I like my room.',
  'Can I see my mum more?',
  'Nothing’s wrong. I just want to play.',
  'I was scared on Saturday but it’s OK now.',
  'My tummy hurts when I’m at school sometimes.',
  'I’m looking after my little brother when mum is asleep.',
  'I like football and my teacher Mrs Khan.',
  'Dad makes the best pancakes.',
  'I don’t want to talk today.',
];

export const NOT_SEEN_REASONS = [
  'At school; I will see them there next week',
  'Asleep when I arrived',
  'Nobody answered the door',
  'At grandma’s for the night',
  'At nursery',
  'Unwell in bed; I spoke through the door',
];

export const NOT_ALONE_REASONS = [
  'A baby: seen with mum',
  'Asked for mum to stay in the room',
  'Too young to be seen alone: seen with dad',
  'Would not leave the foster carer’s side',
  'Mum refused to let me see the children on their own',
  'No private space in the flat; will see them at school',
];

export const OTHERS_SEEN = ['Mum', 'Mum and her partner', 'Dad', 'Grandma', 'Mum and grandma', 'The foster carer', 'Mum and the family support worker', 'Dad and his partner'];

export const NOTE_TEXT: Record<string, string[]> = {
  'phone-call': [
    'Mum rang to say the gas was back on and the children had been to school every day this week.',
    'Rang mum to check the GP appointment happened. It did; {child} has been given an inhaler.',
    'School rang: {child} came in without a coat and said there was no food at home last night.',
    'Mum called upset: her ex-partner had turned up at the house. She did not let him in and called the police.',
    'Health visitor rang: the baby’s weight is back on track after three weeks of concern.',
  ],
  message: [
    'Texted mum to confirm Tuesday’s visit. She replied that she will be in.',
    'Email from the housing officer: the family are now on the list for a three-bedroom house.',
    'Letter sent to dad about the next review meeting, with a copy of the plan.',
    'Mum messaged to cancel the visit, saying {child} is ill. I will try again tomorrow.',
  ],
  meeting: [
    'Core group meeting: school, health visitor and mum attended. Attendance is up to 92%. Mum agreed to go to the parenting group.',
    'Team around the family meeting at school. Everyone agreed {child} is happier; the mentoring will carry on until the summer.',
    'Meeting with mum and her advocate to go through the assessment. Mum disagreed with the part about her drinking and her view is recorded.',
  ],
  'professional-discussion': [
    'Spoke to the school’s safeguarding lead: {child} was upset on Monday and said dad had shouted at mum.',
    'Discussion with the police domestic abuse officer: there have been two more call-outs to the address this month.',
    'Spoke to the GP: mum is taking her medication and has a review booked.',
    'Discussion with the CAMHS worker: {child} is on the waiting list, about twelve weeks.',
  ],
  'home-visit': ['Dropped round with the food bank voucher. Mum and the children were in; no concerns seen.', 'Called at the house with the school uniform grant form. Mum filled it in with me.'],
  other: ['Took {child} to the dentist as mum could not go. {child} was chatty in the car and talked about school.', 'Supervised contact at the family centre. It went well; {child} hugged dad at the end.'],
};

export const PARTICIPANTS: Record<string, string[]> = {
  'phone-call': ['Mum', 'Dad', 'Ms Reed (school)', 'The health visitor', 'Grandma'],
  message: ['Mum', 'The housing officer', 'Dad'],
  meeting: ['Mum, the school and the health visitor', 'Mum, dad and the family support worker', 'Mum and her advocate'],
  'professional-discussion': ['School safeguarding lead', 'PC Sharma (domestic abuse officer)', 'Dr Mensah (GP)', 'The CAMHS worker'],
  'home-visit': ['Mum'],
  other: ['{child}', 'Dad and {child}'],
};

export function fill(text: string, child: string): string {
  return text.replace(/\{child\}/g, child);
}
