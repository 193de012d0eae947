import { sectionsFor, type AssessmentSectionKey } from '../../domain/assessmentSections';

export type SectionStatus = 'not-started' | 'in-progress' | 'completed';

function hasContent(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).some(([k, v]) => k !== 'completed' && hasContent(v));
  return true;
}

/**
 * A section is completed when its form set `completed: true` (the worker answered "yes, I have
 * completed this section"), in progress when anything is written in it, otherwise not started.
 */
export function sectionStatus(content: Record<string, unknown>, key: AssessmentSectionKey): SectionStatus {
  const section = content[key];
  if (section && typeof section === 'object' && (section as Record<string, unknown>).completed === true) return 'completed';
  return hasContent(section) ? 'in-progress' : 'not-started';
}

/** The GOV.UK task list of an assessment's sections (those of its kind: `variant`), each linking to its page. */
export function sectionTasks(content: Record<string, unknown>, base: string, variant: string) {
  return sectionsFor(variant).map((s) => {
    const status = sectionStatus(content, s.key);
    return {
      key: s.key,
      title: { text: s.label },
      href: `${base}/sections/${s.key}`,
      status:
        status === 'completed'
          ? { text: 'Completed' }
          : status === 'in-progress'
            ? { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } }
            : { tag: { text: 'Not yet started', classes: 'govuk-tag--grey' } },
      state: status,
    };
  });
}
