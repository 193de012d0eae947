/** The most entries an export of a chronology holds (PDF, CSV, the print view): ten years of a large family's history fits well inside it. */
export const CHRONOLOGY_EXPORT_LIMIT = 5000;

/** Chronology categories (H2). Entries made by Hearth itself use the first group; people type the rest. */
export const CHRONOLOGY_CATEGORIES = [
  { code: 'contact', label: 'Contact with children’s services' },
  { code: 'referral', label: 'Referral' },
  { code: 'episode', label: 'Involvement opened or closed' },
  { code: 'allocation', label: 'Worker or team changed' },
  { code: 'assessment', label: 'Assessment' },
  { code: 'visit', label: 'Visit' },
  { code: 'case-note', label: 'Case note' },
  { code: 'meeting', label: 'Meeting or conference' },
  { code: 'plan', label: 'Plan' },
  { code: 'review', label: 'Review' },
  { code: 'task', label: 'Safeguarding action' },
  { code: 'police-incident', label: 'Police incident' },
  { code: 'domestic-abuse', label: 'Domestic abuse incident' },
  { code: 'health', label: 'Health: hospital, GP or health visitor' },
  { code: 'education', label: 'School or education' },
  { code: 'missing-education', label: 'Missing education: not on a school roll, or not going' },
  { code: 'missing', label: 'Missing from home or care' },
  { code: 'house-move', label: 'House move or change in household' },
  { code: 'court', label: 'Court hearing or legal event' },
  { code: 'placement', label: 'Placement' },
  { code: 'other', label: 'Something else' },
] as const;

export type ChronologyCategory = (typeof CHRONOLOGY_CATEGORIES)[number]['code'];

export function isChronologyCategory(value: unknown): value is ChronologyCategory {
  return typeof value === 'string' && CHRONOLOGY_CATEGORIES.some((c) => c.code === value);
}
