/**
 * What every section page knows (the assessment, the child, the family around them) and the shape
 * of a section definition: how its stored content becomes form values, how a posted form is checked
 * and becomes stored content again, and what its template needs.
 */
import { describeRelationship, isRelationshipType } from '../../../domain/relationships';
import type { AssessmentContent, ContentSectionKey } from '../../../domain/assessmentContent';
import type { AssessmentLock } from '../../../domain/assessmentLock';
import type { AssessmentFacts } from '../../../domain/assessmentReadiness';
import type { EvidenceFacts, NamedPerson } from '../../../domain/checklistEvidence';
import type { Person } from '../../../domain/decisionAgreement';
import type { Actor } from '../../../platform/access';
import type { FieldErrors } from '../../../platform/validation';
import type { PersonHeader } from '../../people/header';
import type { AssessmentRow } from '../load';
import type { FormValues } from './form';
import type { ChildDetails, FamilyMemberRow } from './repository';

export type FamilyMember = {
  id: string;
  kind: 'child' | 'adult';
  name: string;
  /** How they are related to the child, in words ("mother", "half-brother"), or null. */
  relationship: string | null;
  types: string[];
  livesWithChild: boolean;
  visible: boolean;
  dateOfBirth: string | null;
  assessment: { id: string; status: string; startedOn: string } | null;
};

export type PageContext = {
  actor: Actor;
  today: string;
  assessment: AssessmentRow;
  content: AssessmentContent;
  header: PersonHeader;
  /** Everyone around the child this user may see (people they may not see are left out). */
  family: FamilyMember[];
  /** Children around the child, including those this user may not see (named only when visible). */
  otherChildren: FamilyMember[];
  child: ChildDetails | null;
  /** The checkpoints and their decisions: read for the checklist and the page that sends for authorisation, empty on the others. */
  checkpoints: AssessmentFacts['checkpoints'];
  /** Whether the assessment can be changed now (closed, or authorised with no update under way, cannot). */
  lock: AssessmentLock;
  /** What the visits say, for the manager's checklist (A9): read on the checklist page only. */
  evidence: EvidenceFacts | null;
  /** On the manager's checklist: whether this user decides on the assessment (decider.ts); null on the other pages. */
  decides: boolean | null;
  /** On the decision page: who may agree with it as the worker (domain/decisionAgreement.ts); empty on the other pages. */
  workers: Person[];
};

/** The parents, carers and significant adults whose views the assessment needs (A5), by name. */
export function adultsToHear(family: FamilyMember[]): NamedPerson[] {
  return caringAdults(family).map((m) => ({ id: m.id, name: m.name, relationship: m.relationship }));
}

/** What the readiness rules (domain/assessmentReadiness.ts) need about a stored assessment. */
export function readinessFacts(
  a: Pick<AssessmentRow, 'variant' | 'content' | 'dueOn' | 'lateReason'>,
  checkpoints: AssessmentFacts['checkpoints'],
  today: string,
  more: Pick<AssessmentFacts, 'adults' | 'evidence' | 'authoriserId'> = {},
): AssessmentFacts {
  return { variant: a.variant, plan: a.content.plan, today, dueOn: a.dueOn, lateReason: a.lateReason, checkpoints, ...more };
}

export type Parsed = { ok: true; data: unknown } | { ok: false; errors: FieldErrors };

/** The form values to check: rows nobody typed in are dropped first, so error ids match the page shown again. */
export type Cleaned = FormValues;

export type SectionDef = {
  key: ContentSectionKey;
  template: string;
  /** Which role action the page needs (the checklist is the manager's). */
  action: 'assessment:edit' | 'assessment:authorise';
  /** The lists on this page that "add another" and "remove" buttons may change. */
  lists(values: FormValues, page: PageContext): string[];
  /** A new row for a list (prefilled when the button names a person). */
  newRow?(list: string, arg: string | null, page: PageContext): FormValues | null;
  fromStored(page: PageContext): FormValues;
  /** Drops the rows nobody typed in. */
  clean(values: FormValues): Cleaned;
  parse(values: Cleaned, page: PageContext): Parsed;
  view(values: FormValues, page: PageContext, errors: FieldErrors): Record<string, unknown>;
  /**
   * The fields written for the family (A12), by their id on the page, with what is in them: checked
   * for plain language as the worker types and whenever the page is shown or saved.
   */
  familyFacing?(values: FormValues): { id: string; text: string }[];
  /** Words for a field's place on the page ("Health, strength 2: statement"), for error messages and the conflict page. */
  placeOf(path: string[]): string;
};

const PARENT_TYPES = new Set(['mother', 'father', 'parent', 'step-parent', 'partner-of-parent', 'foster-carer']);
const SIGNIFICANT_TYPES = new Set(['significant-male-adult', 'significant-female-adult', 'significant-adult', 'partner']);
const WIDER_TYPES = new Set(['grandparent', 'aunt-uncle']);
const SIBLING_TYPES = new Set(['sibling', 'half-sibling', 'step-sibling']);

export function familyFrom(rows: FamilyMemberRow[]): FamilyMember[] {
  return rows.map((r) => {
    const types = (r.types ?? '').split(',').filter(Boolean);
    const first = types.find(isRelationshipType);
    return {
      id: r.id,
      kind: r.kind,
      name: `${r.known_as || r.first_name} ${r.last_name}`,
      relationship: first ? describeRelationship(first, r.sex) : null,
      types,
      livesWithChild: r.lives_with_child,
      visible: r.visible,
      dateOfBirth: r.date_of_birth,
      assessment: r.assessment_id ? { id: r.assessment_id, status: r.assessment_status ?? '', startedOn: r.assessment_started_on ?? '' } : null,
    };
  });
}

/** Parents, carers and significant adults (whether or not they live with the child), and other adults in the household. */
export function caringAdults(family: FamilyMember[]): FamilyMember[] {
  return family.filter((m) => m.kind === 'adult' && (m.types.some((t) => PARENT_TYPES.has(t) || SIGNIFICANT_TYPES.has(t)) || (m.livesWithChild && !m.types.some((t) => WIDER_TYPES.has(t)))));
}

/** Parents and carers only: whose parenting a specialist assessment looks at. */
export function parentsAndCarers(family: FamilyMember[]): FamilyMember[] {
  return family.filter((m) => m.kind === 'adult' && (m.types.some((t) => PARENT_TYPES.has(t)) || m.livesWithChild));
}

/** Grandparents, aunts and uncles who do not live with the child. */
export function widerFamily(family: FamilyMember[]): FamilyMember[] {
  const caring = new Set(caringAdults(family));
  return family.filter((m) => m.kind === 'adult' && m.types.some((t) => WIDER_TYPES.has(t)) && !caring.has(m));
}

export function childrenAround(family: FamilyMember[]): FamilyMember[] {
  return family.filter((m) => m.kind === 'child' && (m.livesWithChild || m.types.some((t) => SIBLING_TYPES.has(t))));
}

/** How a family member is described beside their name: "mother, lives with the child". */
export function describeMember(m: FamilyMember): string {
  const home = m.livesWithChild ? 'lives with the child' : 'does not live with the child';
  return m.relationship ? `${m.relationship}, ${home}` : home;
}

/** Choices for "who is this about": the family this user may see. */
export function personChoices(page: PageContext, selected: string): { value: string; text: string; selected?: boolean }[] {
  return [
    { value: '', text: 'Not about one person' },
    { value: page.header.id, text: `${page.header.name} (the child)`, selected: selected === page.header.id },
    ...page.family.map((m) => ({ value: m.id, text: m.relationship ? `${m.name} (${m.relationship})` : m.name, selected: selected === m.id })),
  ];
}

export function allowedPeople(page: PageContext): Set<string> {
  return new Set([page.header.id, ...page.family.map((m) => m.id)]);
}
