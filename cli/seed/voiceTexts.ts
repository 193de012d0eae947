/**
 * Words for the voices (A5) and identity (A6) sections of synthetic assessments. {child} is the
 * child's first name, {carer} the first name of the parent or carer the child lives with, {parent}
 * what the child calls them, and {name} the person a line is about. All fictional.
 *
 * A baby not born yet (a pre-birth assessment) has its own words, the UNBORN_* ones: they never use
 * {child} (an unborn baby's record has the first name 'Unborn'), and speak of the pregnancy, the
 * mother and getting ready for the birth, as the triangle's UNBORN_* texts do (triangleTexts.ts).
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
    ages: [0, 17],
  },
  {
    agency: 'Health visiting team',
    role: 'Health visitor',
    names: ['Sarah Bell', 'Grace Odum'],
    views: ['{child} is meeting most milestones. The home was cluttered at my last visit but {child}’s cot was clean and safe.', '{carer} is a loving parent who asks for advice and uses it. I would like to keep visiting monthly.'],
    ages: [0, 4],
  },
  // Before the birth: the midwife, the GP and the health visitor's antenatal contact, about the pregnancy and the mother.
  {
    agency: 'Community midwifery team',
    role: 'Community midwife',
    names: ['Rachel Moore', 'Funmi Adeyemi', 'Claire Dunn'],
    views: [
      '{carer} booked at 11 weeks and has been to every antenatal appointment. The scans are normal and the baby is growing as expected. We have started on the birth plan.',
      '{carer} booked late and has missed two appointments, but the baby’s growth is normal. We have talked about safe sleep and smoking, and I will see {carer} every two weeks until the birth.',
      '{carer} has told me about feeling anxious about the birth. I see {carer} alone at every appointment, and the hospital safeguarding midwife knows about the assessment.',
    ],
    ages: [-1, -1],
  },
  {
    agency: 'Riverside Medical Practice',
    role: 'GP',
    names: ['Dr Amir Khan', 'Dr Lucy Grant'],
    views: [
      'The pregnancy is going normally. {carer} has been seen for low mood and I have asked the perinatal mental health team for an appointment before the birth.',
      'There are no worries about the pregnancy. {carer} has missed a few GP appointments, and the practice will send reminders.',
    ],
    ages: [-1, -1],
  },
  {
    agency: 'Health visiting team',
    role: 'Health visitor',
    names: ['Sarah Bell', 'Grace Odum'],
    views: [
      'I did the antenatal visit at 30 weeks. The home was cluttered, but there is room for a cot in {carer}’s bedroom. I will visit again within two weeks of the birth.',
      '{carer} asks for advice and uses it. At the antenatal visit we talked about feeding, safe sleep and coping when the baby cries. I will see {carer} and the baby soon after the birth.',
    ],
    ages: [-1, -1],
  },
  {
    agency: 'Police public protection unit',
    role: 'Detective constable',
    names: ['DC Tom Reid', 'DC Aisha Begum'],
    views: ['Officers attended the address three times this year. The last call was about shouting and a broken window; no arrests were made.', 'There is no police record of concern about the adults in the household apart from one call about a noisy party.'],
    ages: [-1, 17],
  },
];

/** What a worker records about a baby not born yet, instead of the child's words: the baby cannot be seen or heard. */
export const UNBORN_OBSERVATIONS = [
  'The baby is not born yet, so cannot be seen or heard. At each visit we talked with {carer} about the pregnancy and what the baby will need. {carer} showed me the scan photos and said the baby kicks most in the evenings.',
  'The baby is not born yet. We have thought about the baby’s experience through the pregnancy: whether {carer} is well and safe, is getting antenatal care, and is getting the home ready for the baby.',
  'The baby is not born yet. {carer} wants the baby to come home from hospital and grow up in a calm home, close to the family. We will see the baby with {carer} in the first days after the birth.',
];

/** What the expectant parent, or another adult at home, said about the baby (when the theme's words are not used). */
export const UNBORN_CARER_VIEWS = [
  'I want this baby more than anything. I know people are worried, but I’ve done everything the midwife asked and I want help to get it right.',
  'Things have been hard this year. I know I need some help before the baby comes, especially with money and with finding somewhere to live.',
  'I didn’t agree with the referral at first, but talking it through has helped. I want the baby to come home with me and be safe.',
];

/** What a parent who does not live with the expectant mother said. */
export const UNBORN_ABSENT_PARENT_VIEWS = [
  'I want to be part of the baby’s life. I’ll go to the scans if {carer} lets me, and I can help with money.',
  'We’re not together any more, but it’s my baby too. I’m worried about who is living in that flat.',
];

export const UNBORN_WIDER_VIEWS = [
  'I’ll help as much as I can when the baby comes. {carer} can stay with me for the first few weeks if needed.',
  'I didn’t know how bad things had got. I want to help {carer} get ready for the baby, and I can be there at the birth.',
  'I brought up four of my own. I’m here for {carer} and the baby, and I can help more now that I’ve retired.',
];

export const UNBORN_WIDER_NOT_SOUGHT = [
  '{carer} says there is no wider family in this country and nobody else who could help after the birth.',
  'The baby’s grandparents live abroad and are not in touch; {carer} asked us not to contact other relatives.',
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

/** Culture, history and how they were considered, for a baby not born yet: about the family the baby is born into. */
export const UNBORN_CULTURE = [
  'The family speak about their heritage with pride and want the baby to grow up knowing about both sides of the family.',
  '{carer} spends most weekends with relatives and wants the baby to be part of the family’s community celebrations.',
  '{carer} wants the baby to grow up knowing where the family comes from, and has asked relatives to help choose the baby’s name.',
];

export const UNBORN_HISTORY = [
  '{carer} has lived in the area for several years. The family were known once before, when a referral was closed with advice.',
  '{carer} moved here after leaving a violent relationship. There were two earlier referrals about the family, both closed after short assessments.',
  '{carer} was in care as a teenager and has had several changes of home since leaving care. The leaving care team still keep in touch.',
];

export const UNBORN_CONSIDERED = [
  'We thought about how the family’s culture and faith will shape the baby’s life: the plan uses an interpreter for meetings with relatives and respects how the family want to welcome the baby.',
  'We thought about what {carer}’s own history means for caring for a new baby: the plan gives {carer} help that carries on after the birth, not just until it.',
  'We talked with the family about who will matter in the baby’s life: the grandparents want to help, and the plan says how they will be involved after the birth.',
];

/** A condition found before the birth, for the rare baby not born yet with one on record. */
export const UNBORN_DISABILITY_NOTE = 'A condition was found on a scan. The hospital will check the baby soon after the birth, and {carer} has met the team who will help.';

export const UNBORN_RELIGION_NOTE = 'Faith matters to the family: {carer} wants the baby welcomed into the faith community after the birth.';

export const DISABILITY_NOTES = [
  '{child} has an education, health and care plan and a teaching assistant for part of each day. {carer} knows what helps {child} at home.',
  '{child} needs help with some everyday tasks and has a support worker after school twice a week.',
];

export const RELIGION_NOTES: Record<string, string> = {
  'No religion': 'The family do not follow a religion.',
  'Not stated': '{carer} preferred not to say.',
};
export const RELIGION_NOTE = 'Faith matters to the family: {child} goes to services with {carer} on special days and at festivals.';
