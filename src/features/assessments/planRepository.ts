import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db';

export type PreviousAddress = { line1: string; town: string | null; postcode: string; fromDate: string | null; toDate: string };

/** Where the child lived before (newest first): agencies there must be asked what they know (A3). One query. */
export async function previousAddresses(db: Db, personId: string): Promise<PreviousAddress[]> {
  const found = await rows<{ line1: string; town: string | null; postcode: string; from_date: string | null; to_date: string }>(
    db,
    sql`SELECT line1, town, postcode, from_date::text AS from_date, to_date::text AS to_date FROM addresses
        WHERE person_id = ${personId} AND to_date IS NOT NULL ORDER BY to_date DESC LIMIT 5`,
  );
  return found.map((a) => ({ line1: a.line1, town: a.town, postcode: a.postcode, fromDate: a.from_date, toDate: a.to_date }));
}
