import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/platform/db';

/**
 * Fast loading for the seeders: many rows in one statement, one parameter per column. Each column's
 * values travel as one PostgreSQL array literal and `unnest` turns them back into rows, so 5,000
 * rows cost one round trip and a handful of parameters, the same on PostgreSQL and PGlite. A jsonb
 * column travels as one JSON array instead (no array quoting of JSON full of quotes, which is slow
 * for large documents such as assessments), zipped with the rest by ROWS FROM; a JavaScript null
 * is SQL NULL, as in the array literals. Still parameterised: values are never spliced into the SQL text.
 */
export async function insertMany(db: Db, table: PgTable, rows: readonly Record<string, unknown>[], opts: { chunk?: number; onConflictDoNothing?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const chunk = opts.chunk ?? 5000;
  const columns = getTableColumns(table);
  const first = rows[0]!;
  const keys = Object.keys(first).filter((key) => columns[key] !== undefined);
  const meta = keys.map((key) => {
    const column = columns[key]!;
    const type = column.getSQLType();
    return { key, name: column.name, type, isArray: type.endsWith('[]'), isJson: type === 'jsonb' };
  });
  const target = sql.identifier(getTableName(table));
  const names = sql.join(meta.map((m) => sql.identifier(m.name)), sql`, `);
  const aliases = meta.map((_, i) => sql.identifier(`c${i}`));
  const selected = sql.join(
    meta.map((m, i) => (m.isArray ? sql`${aliases[i]}::${sql.raw(m.type)}` : m.isJson ? sql`NULLIF(${aliases[i]}, 'null'::jsonb)` : aliases[i]!)),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const sources: SQL[] = meta.map((m) => {
      if (m.isJson) return sql`jsonb_array_elements(CAST(${jsonArray(part.map((row) => row[m.key]))} AS jsonb))`;
      const literal = arrayLiteral(part.map((row) => row[m.key]));
      // Array columns arrive as one text literal per row and are cast back after unnest.
      const elementType = m.isArray ? 'text' : m.type;
      return sql`unnest(CAST(CAST(${literal} AS text) AS ${sql.raw(elementType)}[]))`;
    });
    const conflict = opts.onConflictDoNothing ? sql` ON CONFLICT DO NOTHING` : sql``;
    await db.execute(
      sql`INSERT INTO ${target} (${names}) SELECT ${selected} FROM ROWS FROM (${sql.join(sources, sql`, `)}) AS t(${sql.join(aliases, sql`, `)})${conflict}`,
    );
  }
}

/** A JSON array of jsonb values: objects as JSON, a string as the JSON text it holds (as in an array literal), null as null. */
function jsonArray(values: readonly unknown[]): string {
  return `[${values.map((v) => (v === null || v === undefined ? 'null' : typeof v === 'string' ? v : JSON.stringify(v))).join(',')}]`;
}

/** A PostgreSQL array literal of the values: every element quoted, null as NULL. */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    parts[i] = value === null || value === undefined ? 'NULL' : quote(element(value));
  }
  return `{${parts.join(',')}}`;
}

function element(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
