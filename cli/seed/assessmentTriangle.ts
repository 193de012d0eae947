import { DIMENSIONS, PARENTAL_ISSUES, type AdultCapacity, type DimensionContent, type Statement, type TriangleContent, type TriangleKey } from '../../src/domain/assessmentContent';
import type { Random } from '../../src/domain/random';
import type { FamilyMember } from '../../src/features/assessments/sections/page';
import type { Theme } from './assessmentThemes';
import { STRENGTHS, UNBORN_FAMILY, UNBORN_HEALTH, UNBORN_NOT_ASSESSED, UNBORN_PARENTING, WORRIES, type StatementText } from './triangleTexts';

/** The words put into a template: the child's first name, the main carer's, and what the child calls them. */
export type Words = { child: string; carer: string; parent: string };

const PLACEHOLDER = /\{(child|carer|parent|name)\}/;
// Each template is split once: the scale seed fills them millions of times.
const compiled = new Map<string, string[]>();

/** The template with {child}, {carer}, {parent} and {name} put in. */
export function fill(text: string, words: Words, name = ''): string {
  let parts = compiled.get(text);
  if (!parts) compiled.set(text, (parts = text.split(PLACEHOLDER)));
  if (parts.length === 1) return text;
  // split() with a capturing group alternates text and the name between: text, key, text, key, text.
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (parts[i] === 'name' ? name : words[parts[i] as keyof Words]) + parts[i + 1]!;
  return out;
}

export type TriangleInput = {
  /** Age in years on day 0; -1 for an unborn baby. */
  age: number;
  theme: Theme;
  words: Words;
  childId: string;
  carerId: string | null;
  /** Parents and carers whose parenting is assessed one by one (specialist assessments). */
  separately: FamilyMember[];
};

const fits = (s: StatementText, age: number) => !s.ages || (age >= s.ages[0] && age <= s.ages[1]);
const EMPTY: DimensionContent = { strengths: [], worries: [], notAssessedReason: null };

const byAge = new WeakMap<StatementText[], StatementText[][]>();

/** The statements that fit a child of this age (all of them when none does), worked out once per list and age. */
function forAge(list: StatementText[], age: number): StatementText[] {
  let ages = byAge.get(list);
  if (!ages) byAge.set(list, (ages = []));
  let found = ages[age + 1];
  if (!found) {
    const fitting = list.filter((s) => fits(s, age));
    ages[age + 1] = found = fitting.length > 0 ? fitting : list;
  }
  return found;
}

const beforeBirth = new WeakMap<StatementText[], StatementText[]>();

/** For a baby not born yet: only what is about the parents and the home, never about a child already born ({child} doing or saying something). */
function forUnborn(list: StatementText[]): StatementText[] {
  let found = beforeBirth.get(list);
  if (!found) beforeBirth.set(list, (found = list.filter((s) => fits(s, -1) && !s.text.includes('{child}'))));
  return found;
}

/** The strengths a worker might write before the birth: how the parent is getting ready, and the family around the baby. */
function strengthsBeforeBirth(key: TriangleKey, dimension: string): StatementText[] {
  if (key === 'parenting-capacity') return (UNBORN_PARENTING as Record<string, StatementText[]>)[dimension] ?? [];
  const own = key === 'family-environment' ? (UNBORN_FAMILY as Record<string, StatementText[] | undefined>)[dimension] : undefined;
  return own ?? (STRENGTHS[key] as Record<string, StatementText[]>)[dimension] ?? [];
}

function dimensionOf(r: Random, key: TriangleKey, dimension: string, t: TriangleInput, about: string | null): DimensionContent {
  const statement = (s: StatementText): Statement => ({ text: fill(s.text, t.words), kind: s.kind, source: fill(s.source, t.words), personId: about });
  const unborn = t.age < 0;
  if (unborn && key === 'developmental-needs') {
    if (dimension !== 'health') return { ...EMPTY, notAssessedReason: UNBORN_NOT_ASSESSED };
    return r.chance(0.6) ? { ...EMPTY, strengths: [statement(UNBORN_HEALTH.strength)] } : { ...EMPTY, worries: [statement(UNBORN_HEALTH.worry)] };
  }
  const strengthTexts = unborn ? strengthsBeforeBirth(key, dimension) : (STRENGTHS[key] as Record<string, StatementText[]>)[dimension] ?? [];
  const strengths = r.shuffle(unborn ? forUnborn(strengthTexts) : forAge(strengthTexts, t.age)).slice(0, r.chance(0.25) ? 2 : 1);
  const worries = t.theme.worries.filter((w) => w.domain === key && w.dimension === dimension && fits(w.statement, t.age)).map((w) => w.statement);
  const worryTexts = (WORRIES[key] as Record<string, StatementText[]>)[dimension] ?? [];
  const generic = unborn ? forUnborn(worryTexts) : forAge(worryTexts, t.age);
  if (generic.length > 0 && r.chance(worries.length > 0 ? 0.05 : 0.18)) worries.push(r.pick(generic));
  // Nothing to say before the birth (guidance and boundaries): looked at again once the baby is born.
  if (unborn && worries.length === 0 && strengths.length === 0) return { ...EMPTY, notAssessedReason: UNBORN_NOT_ASSESSED };
  // Where there is a worry, it is what the worker writes about that dimension.
  return { strengths: worries.length > 0 ? [] : strengths.map(statement), worries: worries.map(statement), notAssessedReason: null };
}

function dimensionsOf(r: Random, key: TriangleKey, t: TriangleInput, about: string | null): Record<string, DimensionContent> {
  return Object.fromEntries(DIMENSIONS[key].map((d) => [d.key, dimensionOf(r, key, d.key, t, about)]));
}

/** The parental issue (a reason for a specialist assessment) that an assessment's theme is about. */
const THEME_ISSUE: Record<string, string> = { 'domestic-abuse': 'domestic-abuse', 'mental-health': 'mental-ill-health', substances: 'substance-misuse' };

/** A whole triangle section as the section page saves it: every dimension present, statements where something was found. */
export function seededTriangle(r: Random, key: TriangleKey, t: TriangleInput): TriangleContent {
  const about = key === 'developmental-needs' ? t.childId : key === 'parenting-capacity' ? t.carerId : null;
  if (key !== 'parenting-capacity') return { dimensions: dimensionsOf(r, key, t, about), completed: true };
  if (t.separately.length === 0) return { dimensions: dimensionsOf(r, key, t, about), adults: [], completed: true };
  // A specialist assessment looks at each parent's parenting on its own; the shared dimensions stay empty.
  // What affects the first parent's parenting is what the assessment is about (its theme), or else one of the four reasons for it.
  const reason = THEME_ISSUE[t.theme.key] ?? PARENTAL_ISSUES[t.childId.charCodeAt(0) % PARENTAL_ISSUES.length]!.value;
  const adults: AdultCapacity[] = t.separately.map((m, i) => {
    const words = { ...t.words, carer: m.name.split(' ')[0] ?? t.words.carer };
    return { personId: m.id, name: m.name, relationship: m.relationship, affectedBy: i === 0 ? [reason] : [], dimensions: dimensionsOf(r, key, { ...t, words }, m.id) };
  });
  return { dimensions: Object.fromEntries(DIMENSIONS[key].map((d) => [d.key, { ...EMPTY }])), adults, completed: true };
}

/** Part of a triangle section, as saved by a worker half way through: some dimensions written, not completed. */
export function partTriangle(r: Random, section: TriangleContent): TriangleContent {
  const keep = (dimensions: Partial<Record<string, DimensionContent>>) =>
    Object.fromEntries(Object.entries(dimensions).map(([k, v]) => [k, r.chance(0.5) && v ? v : { ...EMPTY }]));
  return {
    ...section,
    dimensions: keep(section.dimensions),
    ...(section.adults ? { adults: section.adults.map((a) => ({ ...a, dimensions: keep(a.dimensions) })) } : {}),
    completed: false,
  };
}
