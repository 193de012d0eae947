import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access';
import { audit, type AuditContext } from '../../platform/audit';
import { rows, toNumber, type Db } from '../../platform/db';
import { todayInLondon } from '../../domain/dates';
import { setCurrentAllocation } from './currentAllocation';
import { peopleRepository } from './repository';
import { PERSON_FIELDS, type PersonFields } from './schema';
import { people } from './tables';

export type Side = 'kept' | 'duplicate';
export type MergeChoices = Partial<Record<keyof PersonFields, Side>>;

/** Fields settled without asking: former names are joined, and the estimate goes with the date of birth. */
const AUTOMATIC: (keyof PersonFields)[] = ['kind', 'formerNames', 'dateOfBirthEstimated'];

/** Values that mean "not known": the other record's value fills the gap without asking. */
function known(field: keyof PersonFields, value: PersonFields[keyof PersonFields]): boolean {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return false;
  if (field === 'sex' && value === 'U') return false;
  if (field === 'ethnicity' && (value === 'NOBT' || value === 'REFU')) return false;
  if (field === 'interpreterNeeded' && value === false) return false;
  return true;
}

/** Fields both records know and disagree on: the manager chooses which value the kept record keeps. */
export function conflictingFields(kept: PersonFields, duplicate: PersonFields): (keyof PersonFields)[] {
  return PERSON_FIELDS.filter(
    (f) =>
      !AUTOMATIC.includes(f) &&
      known(f, kept[f]) &&
      known(f, duplicate[f]) &&
      JSON.stringify(kept[f]) !== JSON.stringify(duplicate[f]),
  );
}

/** The kept record's fields after the merge: its own, gaps filled from the duplicate, conflicts as chosen. */
export function mergedFields(
  kept: PersonFields,
  duplicate: PersonFields,
  choices: MergeChoices,
): PersonFields {
  const result = { ...kept } as Record<keyof PersonFields, unknown>;
  const conflicts = conflictingFields(kept, duplicate);
  for (const f of PERSON_FIELDS) {
    if (AUTOMATIC.includes(f)) continue;
    if (conflicts.includes(f)) result[f] = choices[f] === 'duplicate' ? duplicate[f] : kept[f];
    else if (!known(f, kept[f]) && known(f, duplicate[f])) result[f] = duplicate[f];
  }
  const tookDateOfBirth =
    result.dateOfBirth === duplicate.dateOfBirth && duplicate.dateOfBirth !== kept.dateOfBirth;
  result.dateOfBirthEstimated = tookDateOfBirth ? duplicate.dateOfBirthEstimated : kept.dateOfBirthEstimated;
  result.formerNames = [...new Set([...kept.formerNames, ...duplicate.formerNames])].slice(0, 20);
  return result as PersonFields;
}

/** Tables whose rows follow the person, with the column naming them. Others found by foreign key follow too. */
const SIMPLE_MOVES: [table: string, column: string][] = [
  ['addresses', 'person_id'],
  ['household_members', 'person_id'],
  ['referrals', 'person_id'],
  ['episodes', 'person_id'],
  ['allocations', 'person_id'],
  ['access_grants', 'person_id'],
];
const HANDLED = new Set([
  'people',
  'relationships',
  'contact_children',
  'restricted_access',
  ...SIMPLE_MOVES.map(([t]) => t),
]);

export type MergeOutcome =
  | { ok: true; moved: Record<string, number> }
  | { ok: false; problem: 'changed' | 'different-kinds' | 'same' | 'clash' };

/** A unique or check constraint refused a moved row (both records hold something only one may): nothing is saved. */
function isConstraintClash(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (code === '23505' || code === '23514') return true;
  }
  return false;
}

export function mergeService(db: Db) {
  return {
    /** Both records side by side for the manager to compare: a view of each, audited. */
    async compare(ctx: AuditContext, keptId: string, duplicateId: string) {
      return db.transaction(async (tx) => {
        const repo = peopleRepository(tx);
        const kept = await repo.fields(keptId);
        const duplicate = await repo.fields(duplicateId);
        if (!kept || !duplicate) return null;
        for (const id of [keptId, duplicateId]) {
          await audit(tx, ctx, {
            action: 'viewed',
            subjectType: 'person',
            subjectId: id,
            childId: id,
            details: { page: 'merge' },
          });
        }
        return { kept, duplicate, conflicts: conflictingFields(kept.fields, duplicate.fields) };
      });
    },

    /**
     * Merges the duplicate into the kept record in one transaction: the kept record takes the chosen
     * values, every row that named the duplicate now names the kept record, the duplicate points to the
     * kept record (its pages redirect) and both are audited. Audit rows stay as written: the kept
     * record's history page shows the duplicate's too.
     */
    async merge(
      ctx: AuditContext & { actor: Actor },
      keptId: string,
      duplicateId: string,
      versions: { kept: number; duplicate: number },
      choices: MergeChoices,
    ): Promise<MergeOutcome> {
      if (keptId === duplicateId) return { ok: false, problem: 'same' };
      try {
        return await mergeInTransaction(db, ctx, keptId, duplicateId, versions, choices);
      } catch (error) {
        if (isConstraintClash(error)) return { ok: false, problem: 'clash' };
        throw error;
      }
    },
  };
}

async function mergeInTransaction(
  db: Db,
  ctx: AuditContext & { actor: Actor },
  keptId: string,
  duplicateId: string,
  versions: { kept: number; duplicate: number },
  choices: MergeChoices,
): Promise<MergeOutcome> {
  return db.transaction(async (tx) => {
    const locked = await rows<{
      id: string;
      kind: string;
      version: number;
      merged_into: string | null;
      restricted: boolean;
      current_team_id: string | null;
      current_worker_id: string | null;
    }>(
      tx,
      sql`SELECT id, kind, version, merged_into, restricted, current_team_id, current_worker_id
            FROM people WHERE id IN (${keptId}, ${duplicateId}) ORDER BY id FOR UPDATE`,
    );
    const keptRow = locked.find((r) => r.id === keptId);
    const dupRow = locked.find((r) => r.id === duplicateId);
    if (!keptRow || !dupRow || keptRow.merged_into || dupRow.merged_into)
      return { ok: false, problem: 'changed' };
    if (Number(keptRow.version) !== versions.kept || Number(dupRow.version) !== versions.duplicate)
      return { ok: false, problem: 'changed' };
    if (keptRow.kind !== dupRow.kind) return { ok: false, problem: 'different-kinds' };

    const repo = peopleRepository(tx);
    const kept = await repo.fields(keptId);
    const duplicate = await repo.fields(duplicateId);
    if (!kept || !duplicate) return { ok: false, problem: 'changed' };
    const fields = mergedFields(kept.fields, duplicate.fields, choices);
    const allocation = keptRow.current_team_id ? keptRow : dupRow;
    await setCurrentAllocation(tx, keptId, {
      teamId: allocation.current_team_id,
      workerId: allocation.current_worker_id,
    });
    await tx
      .update(people)
      .set({
        ...fields,
        restricted: keptRow.restricted || dupRow.restricted,
        updatedBy: ctx.actor.id,
        updatedAt: new Date(),
        version: sql`${people.version} + 1`,
      })
      .where(sql`${people.id} = ${keptId}`);

    const moved = await moveRows(tx, keptId, duplicateId);
    await tx
      .update(people)
      .set({
        mergedInto: keptId,
        updatedBy: ctx.actor.id,
        updatedAt: new Date(),
        version: sql`${people.version} + 1`,
      })
      .where(sql`${people.id} = ${duplicateId}`);

    const fromDuplicate = PERSON_FIELDS.filter(
      (f) => JSON.stringify(fields[f]) !== JSON.stringify(kept.fields[f]),
    );
    await audit(tx, ctx, {
      action: 'person-merged',
      subjectType: 'person',
      subjectId: keptId,
      childId: keptId,
      details: { duplicate: duplicateId, fieldsFromDuplicate: fromDuplicate, moved },
    });
    await audit(tx, ctx, {
      action: 'person-merged-into',
      subjectType: 'person',
      subjectId: duplicateId,
      childId: duplicateId,
      details: { keptRecord: keptId },
    });
    return { ok: true, moved };
  });
}

/** Points every row that named the duplicate at the kept record. Returns how many rows moved, by table. */
async function moveRows(tx: Db, keptId: string, duplicateId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const count = async (label: string, query: ReturnType<typeof sql>) => {
    const result = await rows<{ n: string | number }>(
      tx,
      sql`WITH changed AS (${query} RETURNING 1) SELECT count(*) AS n FROM changed`,
    );
    const n = toNumber(result[0]?.n);
    if (n > 0) moved[label] = (moved[label] ?? 0) + n;
  };
  // One open allocation per child: if both records have one, the kept record's stays and the other's ends today.
  await count(
    'allocations ended',
    sql`UPDATE allocations d SET to_date = greatest(d.from_date, ${todayInLondon()}::date)
        WHERE d.person_id = ${duplicateId} AND d.to_date IS NULL
          AND EXISTS (SELECT 1 FROM allocations k WHERE k.person_id = ${keptId} AND k.to_date IS NULL)`,
  );
  for (const [table, column] of SIMPLE_MOVES) {
    await count(
      table,
      sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(column)} = ${keptId} WHERE ${sql.identifier(column)} = ${duplicateId}`,
    );
  }
  // A relationship between the two records is a relationship of one person with themselves: it goes.
  await count(
    'relationships removed',
    sql`DELETE FROM relationships WHERE (person_id = ${keptId} AND related_person_id = ${duplicateId}) OR (person_id = ${duplicateId} AND related_person_id = ${keptId})`,
  );
  await count(
    'relationships',
    sql`UPDATE relationships SET person_id = ${keptId} WHERE person_id = ${duplicateId}`,
  );
  await count(
    'relationships',
    sql`UPDATE relationships SET related_person_id = ${keptId} WHERE related_person_id = ${duplicateId}`,
  );
  // A contact about both records is a contact about the one person.
  await count(
    'contact_children',
    sql`DELETE FROM contact_children c WHERE c.person_id = ${duplicateId} AND EXISTS (SELECT 1 FROM contact_children k WHERE k.contact_id = c.contact_id AND k.person_id = ${keptId})`,
  );
  await count(
    'contact_children',
    sql`UPDATE contact_children SET person_id = ${keptId} WHERE person_id = ${duplicateId}`,
  );
  await count(
    'restricted_access',
    sql`INSERT INTO restricted_access (person_id, user_id, granted_by, granted_at) SELECT ${keptId}, user_id, granted_by, granted_at FROM restricted_access WHERE person_id = ${duplicateId} ON CONFLICT DO NOTHING`,
  );
  await count('restricted_access', sql`DELETE FROM restricted_access WHERE person_id = ${duplicateId}`);
  await count(
    'earlier merges',
    sql`UPDATE people SET merged_into = ${keptId} WHERE merged_into = ${duplicateId}`,
  );

  // Tables added by other features that name a person by foreign key follow the same way.
  const others = await rows<{ schema_name: string; table_name: string; column_name: string }>(
    tx,
    sql`SELECT n.nspname AS schema_name, cl.relname AS table_name, a.attname AS column_name
        FROM pg_constraint c
        JOIN pg_class cl ON cl.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'people'::regclass AND cardinality(c.conkey) = 1
        ORDER BY cl.relname, a.attname`,
  );
  for (const o of others) {
    if (HANDLED.has(o.table_name)) continue;
    const target = sql`${sql.identifier(o.schema_name)}.${sql.identifier(o.table_name)}`;
    await count(
      o.table_name,
      sql`UPDATE ${target} SET ${sql.identifier(o.column_name)} = ${keptId} WHERE ${sql.identifier(o.column_name)} = ${duplicateId}`,
    );
  }
  return moved;
}
