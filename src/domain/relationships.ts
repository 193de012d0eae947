/**
 * Relationship types (P2). A relationship is stored as two rows, one read from each person:
 * the row (person A, related person B, type T) means "B is A's T", and its pair is
 * (B, A, inverseOf(T)). Neutral types (parent, sibling...) are worded by the related person's sex
 * when shown ("mother", "half-brother").
 */

export const RELATIONSHIP_TYPES = [
  'mother',
  'father',
  'parent',
  'step-parent',
  'child',
  'step-child',
  'sibling',
  'half-sibling',
  'step-sibling',
  'grandparent',
  'grandchild',
  'aunt-uncle',
  'niece-nephew',
  'partner',
  'partner-of-parent',
  'child-of-partner',
  'significant-male-adult',
  'significant-female-adult',
  'significant-adult',
  'significant-adult-to',
  'foster-carer',
  'foster-child',
  'friend',
  'other',
] as const;

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
export type Sex = 'M' | 'F' | 'U';

type Definition = {
  /** How the type reads in a list of choices ("Kelly is Jade's ..."). */
  label: string;
  /** Wording when the related person is female or male (neutral types only). */
  female?: string;
  male?: string;
  inverse: RelationshipType;
  /** Generation of the related person relative to the person (parent -1, child +1); null when it says nothing. */
  generation: number | null;
};

const DEFINITIONS: Record<RelationshipType, Definition> = {
  mother: { label: 'mother', inverse: 'child', generation: -1 },
  father: { label: 'father', inverse: 'child', generation: -1 },
  parent: { label: 'parent', female: 'mother', male: 'father', inverse: 'child', generation: -1 },
  'step-parent': { label: 'step-parent', female: 'stepmother', male: 'stepfather', inverse: 'step-child', generation: -1 },
  child: { label: 'child', female: 'daughter', male: 'son', inverse: 'parent', generation: 1 },
  'step-child': { label: 'step-child', female: 'stepdaughter', male: 'stepson', inverse: 'step-parent', generation: 1 },
  sibling: { label: 'brother or sister', female: 'sister', male: 'brother', inverse: 'sibling', generation: 0 },
  'half-sibling': { label: 'half-brother or half-sister', female: 'half-sister', male: 'half-brother', inverse: 'half-sibling', generation: 0 },
  'step-sibling': { label: 'stepbrother or stepsister', female: 'stepsister', male: 'stepbrother', inverse: 'step-sibling', generation: 0 },
  grandparent: { label: 'grandparent', female: 'grandmother', male: 'grandfather', inverse: 'grandchild', generation: -2 },
  grandchild: { label: 'grandchild', female: 'granddaughter', male: 'grandson', inverse: 'grandparent', generation: 2 },
  'aunt-uncle': { label: 'aunt or uncle', female: 'aunt', male: 'uncle', inverse: 'niece-nephew', generation: -1 },
  'niece-nephew': { label: 'niece or nephew', female: 'niece', male: 'nephew', inverse: 'aunt-uncle', generation: 1 },
  partner: { label: 'partner', inverse: 'partner', generation: 0 },
  'partner-of-parent': { label: 'parent’s partner', inverse: 'child-of-partner', generation: -1 },
  'child-of-partner': { label: 'partner’s child', female: 'partner’s daughter', male: 'partner’s son', inverse: 'partner-of-parent', generation: 1 },
  'significant-male-adult': { label: 'significant male adult', inverse: 'significant-adult-to', generation: -1 },
  'significant-female-adult': { label: 'significant female adult', inverse: 'significant-adult-to', generation: -1 },
  'significant-adult': { label: 'significant adult', female: 'significant female adult', male: 'significant male adult', inverse: 'significant-adult-to', generation: -1 },
  'significant-adult-to': { label: 'child they are a significant adult to', inverse: 'significant-adult', generation: 1 },
  'foster-carer': { label: 'foster carer', inverse: 'foster-child', generation: -1 },
  'foster-child': { label: 'foster child', inverse: 'foster-carer', generation: 1 },
  friend: { label: 'friend', inverse: 'friend', generation: 0 },
  other: { label: 'other relationship', inverse: 'other', generation: null },
};

export function isRelationshipType(value: unknown): value is RelationshipType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DEFINITIONS, value);
}

/** The type of the paired row: if B is A's T, then A is B's inverseOf(T). */
export function inverseOf(type: RelationshipType): RelationshipType {
  return DEFINITIONS[type].inverse;
}

/** Mother and father are parents, significant male and female adults are significant adults. */
export function canonicalType(type: RelationshipType): RelationshipType {
  if (type === 'mother' || type === 'father') return 'parent';
  if (type === 'significant-male-adult' || type === 'significant-female-adult') return 'significant-adult';
  return type;
}

/** Plain wording of "B is A's T", using B's sex for neutral types. */
export function describeRelationship(type: RelationshipType, relatedSex: Sex | null | undefined): string {
  const def = DEFINITIONS[type];
  if (relatedSex === 'F' && def.female) return def.female;
  if (relatedSex === 'M' && def.male) return def.male;
  return def.label;
}

/** How many generations the related person is above (negative) or below the person; null if not known. */
export function generationOffset(type: RelationshipType): number | null {
  return DEFINITIONS[type].generation;
}

/** Links that make one person the other's (birth, adoptive or legal) parent: drawn as a line of descent. */
export function isParentLink(type: RelationshipType): boolean {
  return type === 'mother' || type === 'father' || type === 'parent' || type === 'child';
}

/** For a row "related is person's type", who is the parent and who the child, if it is a parent link. */
export function parentAndChild(personId: string, relatedId: string, type: RelationshipType): { parent: string; child: string } | null {
  if (type === 'child') return { parent: personId, child: relatedId };
  if (isParentLink(type)) return { parent: relatedId, child: personId };
  return null;
}

/** Brothers, sisters, halves and steps: drawn together on one row. */
export function isSiblingLink(type: RelationshipType): boolean {
  return type === 'sibling' || type === 'half-sibling' || type === 'step-sibling';
}

/** The choices in the "what is this person to them" question, in the order a worker looks for them. */
export function relationshipChoices(): { value: RelationshipType; text: string }[] {
  return RELATIONSHIP_TYPES.map((value) => {
    const label = DEFINITIONS[value].label;
    return { value, text: label.charAt(0).toUpperCase() + label.slice(1) };
  });
}

export function pronouns(sex: Sex | null | undefined): { possessive: string; Possessive: string } {
  if (sex === 'F') return { possessive: 'her', Possessive: 'Her' };
  if (sex === 'M') return { possessive: 'his', Possessive: 'His' };
  return { possessive: 'their', Possessive: 'Their' };
}
