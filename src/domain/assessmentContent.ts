/**
 * The content of an assessment's sections A4-A9, as stored in `assessments.content` (one key per
 * section): the zod schemas of what is stored, the labels of the triangle's dimensions and of the
 * choices, and readers other features use (family version, completeness, PDF). The checks that say
 * whether a section is complete, and what stops authorisation, are in assessmentChecks.ts.
 */
import { z } from 'zod';
import { DISABILITY, ETHNICITY, PRIMARY_NEED } from './codes';
import { MAX_FACTORS } from './factorCodes';
import { homelessnessSchema, type HomelessnessContent } from './homelessness';

export type Choice = { value: string; text: string; hint?: string };
export type Dimension = { key: string; label: string; hint: string };

/** The three domains of the assessment triangle and their dimensions (SPEC A4), with plain hints. */
export const DIMENSIONS = {
  'developmental-needs': [
    { key: 'health', label: 'Health', hint: 'Growth, physical and mental health, illness, disability, and whether health needs are met: appointments, immunisations, diet.' },
    { key: 'education', label: 'Education', hint: 'Learning and play, nursery or school, attendance, progress, special educational needs.' },
    { key: 'emotionalBehavioural', label: 'Emotional and behavioural development', hint: 'How the child feels and behaves, how they cope with stress and change, attachments.' },
    { key: 'identity', label: 'Identity', hint: 'How the child sees themselves: ethnicity, culture, religion, gender, sexuality, disability, belonging.' },
    { key: 'familySocial', label: 'Family and social relationships', hint: 'Relationships with parents, brothers and sisters, wider family and friends.' },
    { key: 'socialPresentation', label: 'Social presentation', hint: 'How the child appears and behaves with others: clothes, hygiene, manners.' },
    { key: 'selfCare', label: 'Self-care skills', hint: 'What the child can do for themselves for their age: dressing, eating, keeping safe, independence.' },
  ],
  'parenting-capacity': [
    { key: 'basicCare', label: 'Basic care', hint: 'Food, warmth, shelter, clean clothes, hygiene, health care.' },
    { key: 'ensuringSafety', label: 'Ensuring safety', hint: 'Keeping the child safe from harm and danger, at home and outside, and from unsafe adults.' },
    { key: 'emotionalWarmth', label: 'Emotional warmth', hint: 'Showing the child they are loved and valued, comfort, praise, affection.' },
    { key: 'stimulation', label: 'Stimulation', hint: 'Play, talk, encouragement to learn, getting the child to school.' },
    { key: 'guidanceBoundaries', label: 'Guidance and boundaries', hint: 'Rules, routines and consistent, fair responses to behaviour.' },
    { key: 'stability', label: 'Stability', hint: 'Consistent care and relationships; how changes and moves are handled.' },
  ],
  'family-environment': [
    { key: 'familyHistory', label: 'Family history and functioning', hint: 'What has happened in the family over time, and how the family gets on now.' },
    { key: 'widerFamily', label: 'Wider family', hint: 'Who in the wider family matters to the child, and the help they give.' },
    { key: 'housing', label: 'Housing', hint: 'Where the family lives: space, safety, repair, sleeping arrangements.' },
    { key: 'employment', label: 'Employment', hint: 'Who works, and how work affects the family.' },
    { key: 'income', label: 'Income', hint: 'Money coming in, debts, and whether it meets the family’s needs.' },
    { key: 'socialIntegration', label: 'Family’s social integration', hint: 'Links with neighbours, friends and the community; isolation.' },
    { key: 'communityResources', label: 'Community resources', hint: 'Local services the family uses or could use: health, play, faith, support groups.' },
  ],
} as const satisfies Record<string, readonly Dimension[]>;

export type TriangleKey = keyof typeof DIMENSIONS;
export const TRIANGLE_KEYS = Object.keys(DIMENSIONS) as TriangleKey[];
export function isTriangleKey(value: unknown): value is TriangleKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIMENSIONS, value);
}

export const STATEMENT_KINDS: Choice[] = [
  { value: 'fact', text: 'Fact' },
  { value: 'opinion', text: 'Opinion' },
];

export const VOICE_TOOLS: Choice[] = [
  { value: 'three-houses', text: 'Three houses' },
  { value: 'words-and-pictures', text: 'Words and pictures' },
  { value: 'wishes-and-feelings', text: 'Wishes and feelings work' },
  { value: 'play', text: 'Play or drawing' },
  { value: 'scaling', text: 'Scaling questions' },
  { value: 'observation', text: 'Observing the child' },
  { value: 'other', text: 'Something else' },
];

export const SCALING_WHO: Choice[] = [
  { value: 'worker', text: 'Social worker or practitioner' },
  { value: 'family', text: 'Family member' },
  { value: 'professional', text: 'Another professional' },
];

export const ACCOMMODATION: Choice[] = [
  { value: 'no', text: 'No' },
  { value: 's20', text: 'Yes, with the parents’ agreement (section 20)' },
  { value: 's31a', text: 'Yes, under a care order with a care plan (section 31A)' },
];

export const OUTCOMES: Choice[] = [
  { value: 'nfa', text: 'No further action' },
  { value: 'early-help', text: 'Universal or early help services' },
  { value: 'cin-plan', text: 'Child in need plan' },
  { value: 'specialist-assessment', text: 'Specialist assessment' },
  { value: 'strategy-discussion', text: 'Strategy discussion and section 47 enquiry' },
  { value: 'emergency-action', text: 'Emergency action to protect the child' },
];

/**
 * What affects a parent's or carer's parenting: the four reasons for a specialist assessment (SPEC A1).
 * Asked of each adult whose parenting capacity the specialist assessment records; none may apply.
 */
export const PARENTAL_ISSUES: Choice[] = [
  { value: 'mental-ill-health', text: 'Mental ill health', hint: 'For example depression, anxiety, psychosis or self-harm, whether or not it has been diagnosed.' },
  { value: 'substance-misuse', text: 'Substance misuse (drugs or alcohol)', hint: 'Using drugs or alcohol in a way that affects how they look after the children.' },
  { value: 'domestic-abuse', text: 'Domestic abuse', hint: 'As the person harmed or the person causing harm, now or in the past.' },
  { value: 'learning-disability', text: 'Learning disability', hint: 'Diagnosed, or thought likely by the people who know them.' },
];

/** The manager's checklist before authorisation, exactly as SPEC A9. */
export const CHECKLIST_ITEMS: Choice[] = [
  { value: 'childSeenAlone', text: 'The child was seen alone and their views recorded' },
  { value: 'allChildrenSeen', text: 'All children in the household were seen' },
  { value: 'homeVisited', text: 'The home was visited and the child’s bedroom seen' },
  { value: 'parentsSeen', text: 'Parents were seen and their views recorded' },
  { value: 'analysisComplete', text: 'The analysis is complete' },
  { value: 'evidenceSupports', text: 'The evidence supports the decision' },
];

export function choiceLabel(choices: Choice[], value: string | null | undefined): string {
  if (!value) return '';
  return choices.find((c) => c.value === value)?.text ?? value;
}

const values = (choices: Choice[]) => choices.map((c) => c.value) as [string, ...string[]];
const codes = (list: { code: string }[]) => list.map((c) => c.code) as [string, ...string[]];

// Stored shapes. Forms validate input with their own schemas (features/assessments/sections) and
// produce these; every reader parses with them, so a stored value that does not fit is never trusted.
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const words = (max: number) => z.string().min(1).max(max);
const maybe = (max: number) => z.string().max(max).nullable();

export const LIMITS = { statement: 2000, source: 200, reason: 1000, name: 200, long: 5000, rows: 50, adults: 12 } as const;

export const statementSchema = z.object({
  text: words(LIMITS.statement),
  kind: z.enum(['fact', 'opinion']),
  source: words(LIMITS.source),
  personId: uuid.nullable(),
});
export type Statement = z.infer<typeof statementSchema>;

export const dimensionSchema = z.object({
  strengths: z.array(statementSchema).max(LIMITS.rows),
  worries: z.array(statementSchema).max(LIMITS.rows),
  notAssessedReason: maybe(LIMITS.reason),
});
export type DimensionContent = z.infer<typeof dimensionSchema>;

const dimensionsOf = (key: TriangleKey) => z.partialRecord(z.enum(DIMENSIONS[key].map((d) => d.key) as [string, ...string[]]), dimensionSchema);

/**
 * Parenting capacity of one parent or carer (the specialist assessment records each separately), and
 * which of the four parental issues affect their parenting: none when saved before this was asked.
 */
export const adultCapacitySchema = z.object({
  personId: uuid,
  name: words(LIMITS.name),
  relationship: maybe(LIMITS.name),
  affectedBy: z.array(z.enum(values(PARENTAL_ISSUES))).max(PARENTAL_ISSUES.length).default([]),
  dimensions: dimensionsOf('parenting-capacity'),
});
/** As read, `affectedBy` is always there; content written before it was asked may leave it out. */
export type AdultCapacity = Omit<z.infer<typeof adultCapacitySchema>, 'affectedBy'> & { affectedBy?: string[] };

export const triangleSchemas = {
  'developmental-needs': z.object({
    dimensions: dimensionsOf('developmental-needs'),
    /** "Is the child in education?" (school, college, training, or a suitable education at home); "no" raises the education service task (A13). */
    inEducation: z.enum(['yes', 'no']).nullable().optional(),
    completed: z.boolean(),
  }),
  'parenting-capacity': z.object({
    dimensions: dimensionsOf('parenting-capacity'),
    adults: z.array(adultCapacitySchema).max(LIMITS.adults).default([]),
    completed: z.boolean(),
  }),
  'family-environment': z.object({ dimensions: dimensionsOf('family-environment'), completed: z.boolean() }),
};
export type TriangleContent = { dimensions: Partial<Record<string, DimensionContent>>; adults?: AdultCapacity[]; inEducation?: 'yes' | 'no' | null; completed: boolean };

export const childVoiceSchema = z.object({
  words: maybe(LIMITS.long),
  observations: maybe(LIMITS.long),
  heardOn: isoDate.nullable(),
  heardBy: maybe(LIMITS.name),
  seenAlone: z.enum(['yes', 'no']).nullable(),
  notSeenAloneReason: maybe(LIMITS.reason),
  tools: z.array(z.enum(values(VOICE_TOOLS))).max(VOICE_TOOLS.length),
  toolsOther: maybe(LIMITS.name),
});

export const personViewSchema = z.object({
  personId: uuid.nullable(),
  name: words(LIMITS.name),
  relationship: maybe(LIMITS.name),
  livesWithChild: z.boolean().nullable(),
  heard: z.enum(['yes', 'no']).nullable(),
  view: maybe(LIMITS.long),
  heardOn: isoDate.nullable(),
  notHeardReason: maybe(LIMITS.reason),
});
export type PersonView = z.infer<typeof personViewSchema>;

export const professionalViewSchema = z.object({
  name: words(LIMITS.name),
  agency: words(LIMITS.name),
  role: maybe(LIMITS.name),
  view: words(LIMITS.long),
  heardOn: isoDate,
});

export const voicesSchema = z.object({
  child: childVoiceSchema,
  adults: z.array(personViewSchema).max(LIMITS.rows),
  wider: z.array(personViewSchema).max(LIMITS.rows),
  widerNotSoughtReason: maybe(LIMITS.reason),
  professionals: z.array(professionalViewSchema).max(LIMITS.rows),
  completed: z.boolean(),
});
export type VoicesContent = z.infer<typeof voicesSchema>;

export const identitySchema = z.object({
  ethnicity: z.enum(codes(ETHNICITY)).nullable(),
  culture: maybe(LIMITS.long),
  religion: maybe(LIMITS.long),
  language: maybe(LIMITS.long),
  disabilities: z.array(z.enum(codes(DISABILITY))).max(DISABILITY.length),
  disabilityNotes: maybe(LIMITS.long),
  history: maybe(LIMITS.long),
  considered: maybe(LIMITS.long),
  completed: z.boolean(),
});
export type IdentityContent = z.infer<typeof identitySchema>;

const line = z.object({ text: words(LIMITS.reason) });
export const scalingSchema = z.object({
  who: z.enum(values(SCALING_WHO)),
  name: words(LIMITS.name),
  score: z.number().int().min(0).max(10),
  reason: maybe(LIMITS.reason),
});

export const analysisSchema = z.object({
  riskFactors: maybe(LIMITS.long),
  protectiveFactors: maybe(LIMITS.long),
  goingWell: maybe(LIMITS.long),
  worried: maybe(LIMITS.long),
  needsToHappen: maybe(LIMITS.long),
  scaling: z.array(scalingSchema).max(LIMITS.rows),
  dangerStatements: z.array(line).max(LIMITS.rows),
  safetyGoals: z.array(line).max(LIMITS.rows),
  hypotheses: maybe(LIMITS.long),
  capacityToChange: maybe(LIMITS.long),
  completed: z.boolean(),
});
export type AnalysisContent = z.infer<typeof analysisSchema>;

export const decisionSchema = z.object({
  childInNeed: z.enum(['yes', 'no']).nullable(),
  s47: z.enum(['yes', 'no']).nullable(),
  accommodation: z.enum(values(ACCOMMODATION)).nullable(),
  outcome: z.enum(values(OUTCOMES)).nullable(),
  reasons: maybe(LIMITS.long),
  factors: z.array(z.string().max(4)).max(MAX_FACTORS),
  otherFactor: maybe(LIMITS.name),
  primaryNeed: z.enum(codes(PRIMARY_NEED)).nullable(),
  workerAgreed: z.object({ userId: uuid, name: words(LIMITS.name), on: isoDate }).nullable(),
  completed: z.boolean(),
});
export type DecisionContent = z.infer<typeof decisionSchema>;

export const checklistSchema = z.object({
  items: z.partialRecord(z.enum(values(CHECKLIST_ITEMS)), z.object({ ticked: z.boolean(), reason: maybe(LIMITS.reason) })),
  comments: maybe(LIMITS.long),
});
export type ChecklistContent = z.infer<typeof checklistSchema>;

/** The schema of each section this module describes. The 'plan' section belongs to the core feature. */
export const SECTION_SCHEMAS = {
  ...triangleSchemas,
  voices: voicesSchema,
  identity: identitySchema,
  analysis: analysisSchema,
  homelessness: homelessnessSchema,
  decision: decisionSchema,
  checklist: checklistSchema,
};
export type ContentSectionKey = keyof typeof SECTION_SCHEMAS;

export type AssessmentContent = {
  'developmental-needs'?: TriangleContent;
  'parenting-capacity'?: TriangleContent;
  'family-environment'?: TriangleContent;
  voices?: VoicesContent;
  identity?: IdentityContent;
  analysis?: AnalysisContent;
  /** Only in a 16 or 17-year-old homelessness assessment (domain/homelessness.ts). */
  homelessness?: HomelessnessContent;
  decision?: DecisionContent;
  checklist?: ChecklistContent;
};

/** Reads every section this module describes from an assessment's stored content; a section that does not fit is left out. */
export function readContent(content: unknown): AssessmentContent {
  const raw = content && typeof content === 'object' ? (content as Record<string, unknown>) : {};
  const read: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SECTION_SCHEMAS)) {
    if (raw[key] === undefined) continue;
    const parsed = schema.safeParse(raw[key]);
    if (parsed.success) read[key] = parsed.data;
  }
  return read as AssessmentContent;
}

/** Whether a section has been marked as completed by the worker (what the overview's task list shows). */
export function isSectionCompleted(content: unknown, key: string): boolean {
  const raw = content && typeof content === 'object' ? (content as Record<string, unknown>)[key] : undefined;
  return !!raw && typeof raw === 'object' && (raw as { completed?: unknown }).completed === true;
}

/** Every statement of a triangle section, with its dimension and whether it is a strength or a worry (for the family version and the PDF). */
export function statementsOf(section: TriangleContent | undefined, key: TriangleKey): { dimension: Dimension; kind: 'strength' | 'worry'; adult: string | null; statement: Statement }[] {
  if (!section) return [];
  const out: { dimension: Dimension; kind: 'strength' | 'worry'; adult: string | null; statement: Statement }[] = [];
  const sets: { adult: string | null; dimensions: Partial<Record<string, DimensionContent>> }[] = [
    { adult: null, dimensions: section.dimensions },
    ...(section.adults ?? []).map((a) => ({ adult: a.name, dimensions: a.dimensions })),
  ];
  for (const set of sets) {
    for (const dimension of DIMENSIONS[key]) {
      const content = set.dimensions[dimension.key];
      for (const statement of content?.strengths ?? []) out.push({ dimension, kind: 'strength', adult: set.adult, statement });
      for (const statement of content?.worries ?? []) out.push({ dimension, kind: 'worry', adult: set.adult, statement });
    }
  }
  return out;
}

/** Harm is suspected when the decision says so: reasonable cause under s47, a strategy discussion or emergency action. */
export function harmSuspected(decision: Pick<DecisionContent, 's47' | 'outcome'> | undefined): boolean {
  if (!decision) return false;
  return decision.s47 === 'yes' || decision.outcome === 'strategy-discussion' || decision.outcome === 'emergency-action';
}

/** The annual review falls due one year after authorisation (29 February gives 28 February). */
export function reviewDueOn(authorisedOn: string): string {
  const [y, m, d] = authorisedOn.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** The living assessment (A10): saved again since the manager authorised it. */
export function updatedSinceAuthorisation(row: { status: string; revision: number; authorisedRevision: number | null }): boolean {
  return row.status === 'authorised' && row.authorisedRevision !== null && row.revision > row.authorisedRevision;
}
