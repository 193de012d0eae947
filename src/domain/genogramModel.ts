/** The shapes the genogram layout works with (see genogram.ts). */
import type { RelationshipType, Sex } from './relationships';

export type GenogramPerson = {
  id: string;
  /** Full name; null when the user may not see this person. */
  name: string | null;
  firstName: string | null;
  sex: Sex | null;
  dateOfBirth: string | null;
  ageYears: number | null;
  isChild: boolean | null;
  unborn: boolean;
  deceased: boolean;
  /** A member of the focus person's current household. */
  inHousehold: boolean;
  /** Worded relationship to the focus person ("mother"), if one is recorded. */
  relationToFocus: string | null;
};

/** One stored row: related is person's type. */
export type GenogramLink = { personId: string; relatedId: string; type: RelationshipType; current: boolean };
export type GenogramInput = { focusId: string; people: GenogramPerson[]; links: GenogramLink[] };

export type Point = [number, number];
export type Box = { x: number; y: number; width: number; height: number };
export type Shape = 'square' | 'circle' | 'diamond' | 'triangle';
export type PlacedPerson = { person: GenogramPerson; generation: number; shape: Shape; focus: boolean; box: Box; x: number; cy: number };
export type LineKind = 'partners' | 'former-partners' | 'co-parents' | 'descent' | 'siblings';
export type GenogramLine = { kind: LineKind; points: Point[] };
export type GenogramLayout = { width: number; height: number; people: PlacedPerson[]; lines: GenogramLine[]; households: Point[][] };


export type Couple = { a: string; b: string; kind: 'partners' | 'former-partners' | 'co-parents' };

/** Sizes in SVG user units: a person's cell (shape, then name, relationship and age), gaps and margins. */
export const CELL = { width: 150, height: 106, gap: 24, rowGap: 84, margin: 24, shapeTop: 6, shape: 44 } as const;
export const ROW_PITCH = CELL.height + CELL.rowGap;
export const OUTLINE_PAD = 10;
