import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db';
import type { AddressInput, PersonFields } from './schema';
import { addresses, people } from './tables';

export type AddressRow = {
  id: string;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  fromDate: string | null;
  toDate: string | null;
};

export type MergedRecord = { id: string; name: string; mergedAt: string | null };

export type PersonDetails = {
  id: string;
  fields: PersonFields;
  version: number;
  restricted: boolean;
  createdAt: Date;
  updatedAt: Date;
  addresses: AddressRow[];
  merged: MergedRecord[];
};

const fieldColumns = {
  kind: people.kind,
  firstName: people.firstName,
  middleNames: people.middleNames,
  lastName: people.lastName,
  knownAs: people.knownAs,
  formerNames: people.formerNames,
  dateOfBirth: people.dateOfBirth,
  dateOfBirthEstimated: people.dateOfBirthEstimated,
  expectedDeliveryDate: people.expectedDeliveryDate,
  sex: people.sex,
  genderIdentity: people.genderIdentity,
  ethnicity: people.ethnicity,
  religion: people.religion,
  firstLanguage: people.firstLanguage,
  interpreterNeeded: people.interpreterNeeded,
  disabilities: people.disabilities,
  immigrationStatus: people.immigrationStatus,
  nhsNumber: people.nhsNumber,
  upn: people.upn,
};

type FieldRow = { [K in keyof typeof fieldColumns]: (typeof fieldColumns)[K]['_']['data'] | null };

function toFields(row: FieldRow): PersonFields {
  return {
    kind: row.kind === 'adult' ? 'adult' : 'child',
    firstName: row.firstName ?? '',
    middleNames: row.middleNames,
    lastName: row.lastName ?? '',
    knownAs: row.knownAs,
    formerNames: row.formerNames ?? [],
    dateOfBirth: row.dateOfBirth,
    dateOfBirthEstimated: row.dateOfBirthEstimated ?? false,
    expectedDeliveryDate: row.expectedDeliveryDate,
    sex: row.sex ?? 'U',
    genderIdentity: row.genderIdentity,
    ethnicity: row.ethnicity,
    religion: row.religion,
    firstLanguage: row.firstLanguage,
    interpreterNeeded: row.interpreterNeeded ?? false,
    disabilities: row.disabilities ?? [],
    immigrationStatus: row.immigrationStatus,
    nhsNumber: row.nhsNumber,
    upn: row.upn,
  };
}

/** The people table as the people feature reads and writes it. Only this file and the merge write SQL for it. */
export function peopleRepository(db: Db) {
  return {
    async insert(fields: PersonFields, userId: string): Promise<string> {
      const [row] = await db
        .insert(people)
        .values({ ...fields, createdBy: userId, updatedBy: userId })
        .returning({ id: people.id });
      if (!row) throw new Error('The person was not saved');
      return row.id;
    },

    async fields(personId: string): Promise<{ fields: PersonFields; version: number } | null> {
      const found = await db
        .select({ ...fieldColumns, version: people.version })
        .from(people)
        .where(eq(people.id, personId))
        .limit(1);
      const row = found[0];
      return row ? { fields: toFields(row), version: row.version } : null;
    },

    /** Saves only when the record is still at the version the form was opened at. */
    async update(personId: string, fields: Partial<PersonFields>, version: number, userId: string): Promise<number | null> {
      const [row] = await db
        .update(people)
        .set({ ...fields, updatedBy: userId, updatedAt: new Date(), version: sql`${people.version} + 1` })
        .where(and(eq(people.id, personId), eq(people.version, version), isNull(people.mergedInto)))
        .returning({ version: people.version });
      return row ? row.version : null;
    },

    /** The whole record for the details page in one query: fields, every address, records merged into it. */
    async details(personId: string): Promise<PersonDetails | null> {
      const found = await db
        .select({
          ...fieldColumns,
          id: people.id,
          version: people.version,
          restricted: people.restricted,
          createdAt: people.createdAt,
          updatedAt: people.updatedAt,
          addresses: sql<AddressRow[] | string>`(
            SELECT coalesce(json_agg(json_build_object('id', a.id, 'line1', a.line1, 'line2', a.line2, 'town', a.town,
                     'postcode', a.postcode, 'fromDate', a.from_date, 'toDate', a.to_date)
                   ORDER BY (a.to_date IS NULL) DESC, a.from_date DESC NULLS LAST, a.created_at DESC), '[]'::json)
            FROM addresses a WHERE a.person_id = ${personId})`,
          merged: sql<MergedRecord[] | string>`(
            SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', concat_ws(' ', m.first_name, m.middle_names, m.last_name),
                     'mergedAt', m.updated_at) ORDER BY m.updated_at DESC), '[]'::json)
            FROM people m WHERE m.merged_into = ${personId})`,
        })
        .from(people)
        .where(eq(people.id, personId))
        .limit(1);
      const row = found[0];
      if (!row) return null;
      const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
      return {
        id: row.id,
        fields: toFields(row),
        version: row.version,
        restricted: row.restricted,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        addresses: json<AddressRow[]>(row.addresses),
        merged: json<MergedRecord[]>(row.merged),
      };
    },

    async addAddress(personId: string, address: AddressInput): Promise<string> {
      const [row] = await db
        .insert(addresses)
        .values({ personId, ...address })
        .returning({ id: addresses.id });
      if (!row) throw new Error('The address was not saved');
      return row.id;
    },

    /** Ends the addresses still open before a move: the day before the new one starts. */
    async endOpenAddresses(personId: string, movedOn: string): Promise<number> {
      const ended = await db
        .update(addresses)
        .set({ toDate: sql`(${movedOn}::date - 1)` })
        .where(and(eq(addresses.personId, personId), isNull(addresses.toDate), or(isNull(addresses.fromDate), lt(addresses.fromDate, movedOn))))
        .returning({ id: addresses.id });
      return ended.length;
    },

    async address(personId: string, addressId: string): Promise<AddressRow | null> {
      const found = await rows<AddressRow>(
        db,
        sql`SELECT id, line1, line2, town, postcode, from_date::text AS "fromDate", to_date::text AS "toDate"
            FROM addresses WHERE id = ${addressId} AND person_id = ${personId}`,
      );
      return found[0] ?? null;
    },

    async endAddress(personId: string, addressId: string, toDate: string): Promise<boolean> {
      const ended = await db
        .update(addresses)
        .set({ toDate })
        .where(and(eq(addresses.id, addressId), eq(addresses.personId, personId), isNull(addresses.toDate)))
        .returning({ id: addresses.id });
      return ended.length > 0;
    },
  };
}

export type PeopleRepository = ReturnType<typeof peopleRepository>;
