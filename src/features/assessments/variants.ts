import { ageOn } from '../../domain/dates';
import type { AssessmentVariant } from './tables';

/** The kinds of Child and Family Assessment (A1), with when each applies. */
export const VARIANTS: { code: AssessmentVariant; label: string; hint: string }[] = [
  { code: 'standard', label: 'Child and family assessment', hint: 'The single assessment of a child’s needs and any risk of harm' },
  { code: 'pre-birth', label: 'Pre-birth assessment', hint: 'For an unborn baby: due at least 4 weeks before the expected delivery date when that is sooner than day 45' },
  { code: 'homelessness-16-17', label: '16 or 17-year-old homelessness assessment', hint: 'For a young person aged 16 or 17 who is homeless or at risk of homelessness: what duties are owed, including accommodation under section 20' },
  { code: 'early-help', label: 'Early help assessment', hint: 'Help from early help services, without statutory social work' },
  { code: 'specialist', label: 'Specialist assessment', hint: 'Parenting capacity assessed separately from the child’s needs, where a parent’s mental ill health, substance misuse, domestic abuse or learning disability is present' },
];

export function variantLabel(code: string): string {
  return VARIANTS.find((v) => v.code === code)?.label ?? code;
}

export function isVariant(value: unknown): value is AssessmentVariant {
  return typeof value === 'string' && VARIANTS.some((v) => v.code === value);
}

export type ChildForVariant = { dateOfBirth: string | null; expectedDeliveryDate: string | null };

/**
 * Whether a kind of assessment applies to this child on this day: pre-birth needs an expected
 * delivery date (an unborn baby, or one recorded with it), homelessness needs a child aged 16 or 17.
 */
export function variantApplies(variant: AssessmentVariant, child: ChildForVariant, today: string): boolean {
  if (variant === 'pre-birth') return !!child.expectedDeliveryDate;
  if (variant === 'homelessness-16-17') {
    if (!child.dateOfBirth) return false;
    const age = ageOn(child.dateOfBirth, today);
    return age === 16 || age === 17;
  }
  return true;
}

/** Why a kind of assessment does not apply, for the error message. */
export function variantRefusal(variant: AssessmentVariant, name: string): string {
  if (variant === 'pre-birth') return `A pre-birth assessment needs an expected delivery date on ${name}’s record`;
  if (variant === 'homelessness-16-17') return `A homelessness assessment is for a young person aged 16 or 17: ${name} is not`;
  return 'Choose the kind of assessment';
}

/** Brothers and sisters started at the same time get the same kind of assessment where it applies to them, otherwise the standard one. */
export function variantForSibling(variant: AssessmentVariant, sibling: ChildForVariant, today: string): AssessmentVariant {
  return variantApplies(variant, sibling, today) ? variant : 'standard';
}
