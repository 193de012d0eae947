import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  RELATIONSHIP_TYPES,
  canonicalType,
  describeRelationship,
  generationOffset,
  inverseOf,
  isParentLink,
  isRelationshipType,
  parentAndChild,
  pronouns,
  relationshipChoices,
} from './relationships';

describe('relationship types', () => {
  it('has every type the specification names', () => {
    for (const type of [
      'mother', 'father', 'parent', 'step-parent', 'child', 'step-child', 'sibling', 'half-sibling', 'step-sibling',
      'grandparent', 'grandchild', 'aunt-uncle', 'niece-nephew', 'partner', 'partner-of-parent', 'child-of-partner',
      'significant-male-adult', 'significant-female-adult', 'foster-carer', 'foster-child', 'friend', 'other',
    ]) {
      expect(isRelationshipType(type)).toBe(true);
    }
    expect(isRelationshipType('enemy')).toBe(false);
    expect(isRelationshipType(['mother'])).toBe(false);
  });

  it('gives each type the inverse a social worker would expect', () => {
    expect(inverseOf('mother')).toBe('child');
    expect(inverseOf('father')).toBe('child');
    expect(inverseOf('child')).toBe('parent');
    expect(inverseOf('step-parent')).toBe('step-child');
    expect(inverseOf('sibling')).toBe('sibling');
    expect(inverseOf('half-sibling')).toBe('half-sibling');
    expect(inverseOf('step-sibling')).toBe('step-sibling');
    expect(inverseOf('grandparent')).toBe('grandchild');
    expect(inverseOf('aunt-uncle')).toBe('niece-nephew');
    expect(inverseOf('partner')).toBe('partner');
    expect(inverseOf('partner-of-parent')).toBe('child-of-partner');
    expect(inverseOf('child-of-partner')).toBe('partner-of-parent');
    expect(inverseOf('foster-carer')).toBe('foster-child');
    expect(inverseOf('foster-child')).toBe('foster-carer');
    expect(inverseOf('significant-male-adult')).toBe('significant-adult-to');
    expect(inverseOf('significant-female-adult')).toBe('significant-adult-to');
    expect(inverseOf('significant-adult-to')).toBe('significant-adult');
    expect(inverseOf('friend')).toBe('friend');
    expect(inverseOf('other')).toBe('other');
  });

  it('comes back to the same relationship (up to male and female wording) when inverted twice', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RELATIONSHIP_TYPES), (type) => {
        expect(canonicalType(inverseOf(inverseOf(type)))).toBe(canonicalType(type));
      }),
    );
  });

  it('places the two people in generations that agree from both sides', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RELATIONSHIP_TYPES), (type) => {
        const there = generationOffset(type);
        const back = generationOffset(inverseOf(type));
        if (there === null) expect(back).toBeNull();
        else expect(back! + there).toBe(0);
      }),
    );
  });

  it('words neutral types by the related person’s sex', () => {
    expect(describeRelationship('parent', 'F')).toBe('mother');
    expect(describeRelationship('parent', 'M')).toBe('father');
    expect(describeRelationship('parent', 'U')).toBe('parent');
    expect(describeRelationship('parent', null)).toBe('parent');
    expect(describeRelationship('half-sibling', 'M')).toBe('half-brother');
    expect(describeRelationship('child', 'F')).toBe('daughter');
    expect(describeRelationship('significant-adult', 'M')).toBe('significant male adult');
    expect(describeRelationship('mother', 'M')).toBe('mother');
    expect(describeRelationship('significant-adult-to', 'F')).toBe('child they are a significant adult to');
  });

  it('knows which links make one person the other’s parent', () => {
    expect(isParentLink('mother')).toBe(true);
    expect(isParentLink('child')).toBe(true);
    expect(isParentLink('step-parent')).toBe(false);
    expect(parentAndChild('a', 'b', 'father')).toEqual({ parent: 'b', child: 'a' });
    expect(parentAndChild('a', 'b', 'child')).toEqual({ parent: 'a', child: 'b' });
    expect(parentAndChild('a', 'b', 'sibling')).toBeNull();
  });

  it('offers every type in the form, each once, with plain labels', () => {
    const choices = relationshipChoices();
    expect(choices.map((c) => c.value).sort()).toEqual([...RELATIONSHIP_TYPES].sort());
    for (const choice of choices) expect(choice.text).toMatch(/^[A-Z][a-z ,'’-]+$/);
  });

  it('gives pronouns for the description', () => {
    expect(pronouns('F').possessive).toBe('her');
    expect(pronouns('M').possessive).toBe('his');
    expect(pronouns(null).possessive).toBe('their');
  });
});
