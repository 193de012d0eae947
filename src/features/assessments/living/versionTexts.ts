/**
 * Reads of every saved version of the family's and the child's version (A10, A11): saveVersion keeps
 * each one as it was saved, and a sharing record names the one that was shared. Each read is one query.
 */
import { sql } from 'drizzle-orm';
import { rows, toNumber, type Db } from '../../../platform/db';
import type { Audience } from './familyDraft';
import type { SharingRow } from './familyVersions';

export type VersionSummary = {
  audience: Audience;
  version: number;
  language: string;
  savedAt: Date;
  savedByName: string | null;
};
export type VersionText = VersionSummary & { text: string };

/** How many saved versions of each audience the sharing form offers (newest first). */
export const VERSION_CHOICES = 10;
/** How many saved versions a version page lists (newest first). */
export const VERSIONS_LISTED = 100;

type Row = {
  audience: Audience;
  version: unknown;
  language: string;
  saved_at: Date | string;
  saved_by_name: string | null;
  text?: string;
};

const summary = (r: Row): VersionSummary => ({
  audience: r.audience,
  version: toNumber(r.version),
  language: r.language,
  savedAt: new Date(r.saved_at),
  savedByName: r.saved_by_name,
});

/** The saved versions of one audience, newest first, without their text. */
export async function listVersionTexts(
  db: Db,
  assessmentId: string,
  audience: Audience,
): Promise<VersionSummary[]> {
  const found = await rows<Row>(
    db,
    sql`SELECT v.audience, v.version, v.language, v.saved_at, u.name AS saved_by_name
        FROM assessment_family_version_texts v LEFT JOIN users u ON u.id = v.saved_by
        WHERE v.assessment_id = ${assessmentId} AND v.audience = ${audience}
        ORDER BY v.version DESC LIMIT ${VERSIONS_LISTED}`,
  );
  return found.map(summary);
}

/** The newest saved versions of both audiences (the family's first), the ones a sharing can name. */
export async function versionChoices(db: Db, assessmentId: string): Promise<VersionSummary[]> {
  const found = await rows<Row>(
    db,
    sql`SELECT v.audience, v.version, v.language, v.saved_at, u.name AS saved_by_name
        FROM (SELECT *, row_number() OVER (PARTITION BY audience ORDER BY version DESC) AS newest
              FROM assessment_family_version_texts WHERE assessment_id = ${assessmentId}) v
        LEFT JOIN users u ON u.id = v.saved_by
        WHERE v.newest <= ${VERSION_CHOICES}
        ORDER BY v.audience = 'family' DESC, v.version DESC`,
  );
  return found.map(summary);
}

/** One saved version with its text, as it was saved. */
export async function loadVersionText(
  db: Db,
  assessmentId: string,
  audience: Audience,
  version: number,
): Promise<VersionText | null> {
  const found = await rows<Row>(
    db,
    sql`SELECT v.audience, v.version, v.language, v.saved_at, u.name AS saved_by_name, v.text
        FROM assessment_family_version_texts v LEFT JOIN users u ON u.id = v.saved_by
        WHERE v.assessment_id = ${assessmentId} AND v.audience = ${audience} AND v.version = ${version}`,
  );
  const r = found[0];
  return r ? { ...summary(r), text: r.text ?? '' } : null;
}

/** The words for a saved version: "version 2 of the family’s version". */
export function versionName(audience: Audience, version: number): string {
  return `version ${version} of the ${audience === 'family' ? 'family’s' : 'child’s'} version`;
}

/** What a sharing record says about the saved version it shared, and where to read that text. */
export function sharedVersionOf(
  s: SharingRow,
  base: string,
): { label: string; href: string; writtenIn: string | null } | null {
  if (!s.versionAudience || s.versionNumber === null) return null;
  return {
    label: versionName(s.versionAudience, s.versionNumber),
    href: `${base}/${s.versionAudience}-version/versions/${s.versionNumber}`,
    // The language it is written in, when it was shared in another (read aloud in Polish, say).
    writtenIn: s.versionLanguage && s.versionLanguage !== s.language ? s.versionLanguage : null,
  };
}
