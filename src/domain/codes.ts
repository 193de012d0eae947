/**
 * DfE and Ofsted code sets (CIN census 2025-26), used by forms, validation and returns.
 * Source: shared/reference/uk-data-standards.md section 1.4.
 */
export type Code = { code: string; label: string };

const list = (pairs: [string, string][]): Code[] => pairs.map(([code, label]) => ({ code, label }));

export const ETHNICITY = list([
  ['WBRI', 'White British'],
  ['WIRI', 'White Irish'],
  ['WIRT', 'Traveller of Irish heritage'],
  ['WOTH', 'Any other White background'],
  ['WROM', 'Gypsy or Roma'],
  ['MWBC', 'White and Black Caribbean'],
  ['MWBA', 'White and Black African'],
  ['MWAS', 'White and Asian'],
  ['MOTH', 'Any other mixed background'],
  ['AIND', 'Indian'],
  ['APKN', 'Pakistani'],
  ['ABAN', 'Bangladeshi'],
  ['AOTH', 'Any other Asian background'],
  ['BCRB', 'Caribbean'],
  ['BAFR', 'African'],
  ['BOTH', 'Any other Black background'],
  ['CHNE', 'Chinese'],
  ['OOTH', 'Any other ethnic group'],
  ['REFU', 'Refused'],
  ['NOBT', 'Information not yet obtained'],
]);

export const SEX = list([
  ['M', 'Male'],
  ['F', 'Female'],
  ['U', 'Unknown or not yet born'],
]);

export const DISABILITY = list([
  ['NONE', 'No disability'],
  ['MOB', 'Mobility'],
  ['HAND', 'Hand function'],
  ['PC', 'Personal care'],
  ['INC', 'Incontinence'],
  ['COMM', 'Communication'],
  ['LD', 'Learning'],
  ['HEAR', 'Hearing'],
  ['VIS', 'Vision'],
  ['BEH', 'Behaviour'],
  ['CON', 'Consciousness'],
  ['AUT', 'Autism or Asperger syndrome'],
  ['DDA', 'Other disability'],
]);

export const REFERRAL_SOURCE = list([
  ['1A', 'Individual: family member, relative or carer'],
  ['1B', 'Individual: acquaintance, including neighbours and childminders'],
  ['1C', 'Individual: self'],
  ['1D', 'Individual: other, including strangers'],
  ['2A', 'Schools'],
  ['2B', 'Education services'],
  ['3A', 'Health: GP'],
  ['3B', 'Health: health visitor'],
  ['3C', 'Health: school nurse'],
  ['3D', 'Health: other primary health services'],
  ['3E', 'Health: A&E'],
  ['3F', 'Health: other, for example hospice'],
  ['4', 'Housing'],
  ['5A', 'Council services: social care, for example adult social care'],
  ['5B', 'Council services: other internal department, for example youth justice'],
  ['5C', 'Council services: another council'],
  ['5D', 'Council services: early help'],
  ['6', 'Police'],
  ['7', 'Other legal agency: courts, probation, immigration, Cafcass, prison'],
  ['8', 'Other: children’s centres, independent or voluntary organisations'],
  ['9', 'Anonymous'],
  ['10', 'Unknown'],
]);

export const PRIMARY_NEED = list([
  ['N1', 'Abuse, neglect and exploitation'],
  ['N2', 'Child’s disability'],
  ['N3', 'Parental disability or illness'],
  ['N4', 'Family in acute stress'],
  ['N5', 'Family dysfunction'],
  ['N6', 'Socially unacceptable behaviour'],
  ['N7', 'Low income'],
  ['N8', 'Absent parenting'],
  ['N9', 'Cases other than children in need'],
  ['N0', 'Not stated'],
]);

export const CLOSURE_REASON = list([
  ['RC1', 'Adopted'],
  ['RC2', 'Died'],
  ['RC3', 'Child arrangements order'],
  ['RC4', 'Special guardianship order'],
  ['RC5', 'Transferred to another council'],
  ['RC6', 'Transferred to adult social care'],
  ['RC7', 'Services ended for any other reason, including no longer in need'],
  ['RC8', 'Case closed after assessment, no further action'],
  ['RC9', 'Case closed after assessment, referred to early help'],
]);

export const CONTACT_DECISION = list([
  ['nfa', 'No further action'],
  ['information-advice', 'Information and advice'],
  ['early-help', 'Early help'],
  ['referral', 'Referral to children’s social care'],
]);

export const CONSENT = list([
  ['given', 'Consent to share was given'],
  ['refused', 'Consent to share was refused'],
  ['not-sought', 'Consent was not sought, because asking could put the child at risk'],
]);

export const EPISODE_TYPE = list([
  ['early-help', 'Early help'],
  ['child-in-need', 'Child in need'],
  ['child-protection', 'Child protection'],
  ['looked-after', 'Looked after'],
  ['care-leaver', 'Care leaver'],
]);

export function labelFor(codes: Code[], code: string | null | undefined): string {
  if (!code) return '';
  return codes.find((c) => c.code === code)?.label ?? code;
}

export function isCode(codes: Code[], code: unknown): code is string {
  return typeof code === 'string' && codes.some((c) => c.code === code);
}
