/** SQL for case notes. Every read is one query whatever the number of children or notes. */
import { and, eq, sql } from 'drizzle-orm';
import { peopleScope, type Actor } from '../../platform/access';
import { rows, toNumber, type Db } from '../../platform/db';
import { parseJson } from '../visits/repository';
import { caseNotePeople, caseNoteRevisions, caseNotes, type CaseNoteType } from './tables';
import type { NoteFields } from './schema';

export type NoteCursor = { occurredOn: string; createdAt: string; id: string };

export type NoteListRow = {
  id: string;
  occurredOn: string;
  createdAt: string;
  type: CaseNoteType;
  participants: string | null;
  summaryStart: string;
  summaryCut: boolean;
  significant: boolean;
  createdByName: string | null;
  others: { id: string; name: string; visible: boolean; restricted: boolean }[];
};

export type NoteChild = { id: string; name: string; visible: boolean; restricted: boolean };

export type NoteRecord = {
  id: string;
  occurredOn: string;
  type: CaseNoteType;
  participants: string | null;
  summary: string;
  significant: boolean;
  chronologyEntryId: string | null;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
  /** The team the person who wrote the note is in now (the team they were in at the time is not stored). */
  recorderTeamId: string | null;
  /** The teams the children on the note are allocated to now (none for a child allocated to no team). */
  childTeamIds: string[];
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
  children: NoteChild[];
  revisions: { version: number; changedAt: string; changedByName: string | null }[];
};

/** Timestamps travel in page addresses as exact UTC text, so the keyset never loses a microsecond. */
const exactTime = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

export function caseNotesRepository(db: Db) {
  return {
    async insert(values: typeof caseNotes.$inferInsert & { id: string; createdAt: Date }, personIds: string[], revision: Record<string, unknown>): Promise<void> {
      await db.insert(caseNotes).values(values);
      await db.insert(caseNotePeople).values(personIds.map((personId) => ({ noteId: values.id, personId, occurredOn: values.occurredOn, createdAt: values.createdAt, significant: values.significant ?? false })));
      await db.insert(caseNoteRevisions).values({ noteId: values.id, version: 1, data: revision, changedBy: values.createdBy ?? null });
    },

    /** The child's notes, newest first by the date it happened, keyset paged on (date, created, id); significant only when asked. */
    async forChild(actor: Actor, personId: string, opts: { before: NoteCursor | null; significantOnly: boolean; limit: number }): Promise<NoteListRow[]> {
      const after = opts.before ? sql`AND (l.occurred_on, l.created_at, l.note_id) < (${opts.before.occurredOn}::date, ${opts.before.createdAt}::timestamptz, ${opts.before.id}::uuid)` : sql``;
      const significant = opts.significantOnly ? sql`AND l.significant` : sql``;
      const found = await rows<{ id: string; occurred_on: string; created_at: string; type: CaseNoteType; participants: string | null; summary_start: string; cut: boolean; significant: boolean; created_by_name: string | null; others: unknown }>(
        db,
        sql`SELECT n.id, l.occurred_on::text AS occurred_on, ${exactTime('l.created_at')} AS created_at, n.type, n.participants,
                   left(n.summary, 300) AS summary_start, length(n.summary) > 300 AS cut, n.significant, u.name AS created_by_name,
                   (SELECT json_agg(json_build_object('id', o.id, 'name', concat_ws(' ', o.first_name, o.last_name), 'visible', (${peopleScope(actor, 'o')}) IS TRUE, 'restricted', o.restricted)
                                    ORDER BY o.date_of_birth, o.first_name)
                      FROM case_note_people ol JOIN people o ON o.id = ol.person_id
                      WHERE ol.note_id = n.id AND ol.person_id <> ${personId}) AS others
            FROM case_note_people l
            JOIN case_notes n ON n.id = l.note_id
            LEFT JOIN users u ON u.id = n.created_by
            WHERE l.person_id = ${personId} ${significant} ${after}
            ORDER BY l.occurred_on DESC, l.created_at DESC, l.note_id DESC
            LIMIT ${opts.limit}`,
      );
      return found.map((r) => ({
        id: r.id,
        occurredOn: r.occurred_on,
        createdAt: r.created_at,
        type: r.type,
        participants: r.participants,
        summaryStart: r.summary_start,
        summaryCut: r.cut,
        significant: r.significant,
        createdByName: r.created_by_name,
        others: parseJson(r.others, []),
      }));
    },

    /**
     * One note, only if it concerns this child, with its children, its versions and the teams that
     * decide who else may change it (the writer's team now, the children's teams now).
     */
    async find(actor: Actor, noteId: string, personId: string, forUpdate = false): Promise<NoteRecord | null> {
      const lock = forUpdate ? sql`FOR UPDATE OF n` : sql``;
      const found = await rows<Record<string, unknown>>(
        db,
        sql`SELECT n.id, n.occurred_on::text AS occurred_on, n.type, n.participants, n.summary, n.significant, n.chronology_entry_id,
                   n.created_at, n.created_by, n.updated_at, n.version, cu.name AS created_by_name, uu.name AS updated_by_name,
                   cu.team_id AS recorder_team_id,
                   (SELECT json_agg(DISTINCT tp.current_team_id) FROM case_note_people tc JOIN people tp ON tp.id = tc.person_id
                      WHERE tc.note_id = n.id AND tp.current_team_id IS NOT NULL) AS child_team_ids,
                   (SELECT json_agg(json_build_object('id', p.id, 'name', concat_ws(' ', p.first_name, p.last_name), 'visible', (${peopleScope(actor, 'p')}) IS TRUE, 'restricted', p.restricted)
                                    ORDER BY p.id <> ${personId}::uuid, p.date_of_birth, p.first_name)
                      FROM case_note_people l JOIN people p ON p.id = l.person_id WHERE l.note_id = n.id) AS children,
                   (SELECT json_agg(json_build_object('version', r.version, 'changedAt', r.changed_at, 'changedByName', ru.name) ORDER BY r.version DESC)
                      FROM case_note_revisions r LEFT JOIN users ru ON ru.id = r.changed_by WHERE r.note_id = n.id) AS revisions
            FROM case_notes n
            LEFT JOIN users cu ON cu.id = n.created_by
            LEFT JOIN users uu ON uu.id = n.updated_by
            WHERE n.id = ${noteId} AND EXISTS (SELECT 1 FROM case_note_people l WHERE l.note_id = n.id AND l.person_id = ${personId})
            ${lock}`,
      );
      const r = found[0];
      if (!r) return null;
      return {
        id: String(r.id),
        occurredOn: String(r.occurred_on),
        type: r.type as CaseNoteType,
        participants: (r.participants as string | null) ?? null,
        summary: String(r.summary),
        significant: r.significant === true,
        chronologyEntryId: (r.chronology_entry_id as string | null) ?? null,
        createdAt: new Date(r.created_at as string | Date),
        createdBy: (r.created_by as string | null) ?? null,
        createdByName: (r.created_by_name as string | null) ?? null,
        recorderTeamId: (r.recorder_team_id as string | null) ?? null,
        childTeamIds: parseJson<string[]>(r.child_team_ids, []),
        updatedAt: new Date(r.updated_at as string | Date),
        updatedByName: (r.updated_by_name as string | null) ?? null,
        version: toNumber(r.version),
        children: parseJson<NoteChild[]>(r.children, []),
        revisions: parseJson(r.revisions, []),
      };
    },

    /** Saves a change and its revision; the copies on the links follow the note. */
    async update(noteId: string, fields: NoteFields, version: number, userId: string): Promise<void> {
      await db
        .update(caseNotes)
        .set({ ...fields, updatedAt: new Date(), updatedBy: userId, version })
        .where(eq(caseNotes.id, noteId));
      await db.update(caseNotePeople).set({ occurredOn: fields.occurredOn, significant: fields.significant }).where(and(eq(caseNotePeople.noteId, noteId)));
      await db.insert(caseNoteRevisions).values({ noteId, version, data: { ...fields }, changedBy: userId });
    },
  };
}
