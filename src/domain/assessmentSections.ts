/**
 * The sections of a Child and Family Assessment, in the order a worker meets them. The content of
 * an assessment is one JSON object with a key per section; each section's shape is a zod schema in
 * the feature that edits it. Keys never change once used (revisions keep them). A section with
 * `variants` belongs only to those kinds of assessment.
 */
export const ASSESSMENT_SECTIONS = [
  { key: 'plan', label: 'Assessment plan', spec: 'A3' },
  { key: 'developmental-needs', label: 'Child’s developmental needs', spec: 'A4' },
  { key: 'parenting-capacity', label: 'Parenting capacity', spec: 'A4' },
  { key: 'family-environment', label: 'Family and environmental factors', spec: 'A4' },
  { key: 'voices', label: 'The child’s voice and the views of family and professionals', spec: 'A5' },
  { key: 'identity', label: 'Identity, culture and history', spec: 'A6' },
  { key: 'analysis', label: 'Analysis', spec: 'A7' },
  // Only a 16 or 17-year-old homelessness assessment has it (domain/homelessness.ts).
  { key: 'homelessness', label: 'Homelessness and the duties owed', spec: 'A1', variants: ['homelessness-16-17'] },
  { key: 'decision', label: 'Decision and outcome', spec: 'A8' },
  { key: 'checklist', label: 'Manager’s checklist', spec: 'A9' },
] as const;

export type AssessmentSectionKey = (typeof ASSESSMENT_SECTIONS)[number]['key'];

export function isAssessmentSection(value: unknown): value is AssessmentSectionKey {
  return typeof value === 'string' && ASSESSMENT_SECTIONS.some((s) => s.key === value);
}

/** Whether an assessment of this kind (its variant) has the section: most sections are in every assessment. */
export function sectionApplies(key: string, variant: string): boolean {
  const section = ASSESSMENT_SECTIONS.find((s) => s.key === key);
  if (!section) return false;
  return !('variants' in section) || (section.variants as readonly string[]).includes(variant);
}

/** The sections of an assessment of this kind, in order. */
export function sectionsFor(variant: string) {
  return ASSESSMENT_SECTIONS.filter((s) => sectionApplies(s.key, variant));
}

/** The top-level fields of a section that differ between two versions of it. */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const b = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
}
