import type { Random } from '../../src/domain/random';
import { normalisePostcode } from '../../src/features/people/identifiers';

/**
 * Fictional addresses: invented street names in invented towns, with postcodes in the real UK
 * format but in the "HT" area, which no real postcode uses.
 */
const STREET_NAMES =
  'Acacia Alder Ashgrove Bramble Briar Bluebell Canal Chandler Cobbler Copper Damson Dovecote Elder Fennel Fieldfare Foxglove Furnace Glebe Gorse Hawthorn Heron Hollin Juniper Kestrel Kiln Lantern Larch Linnet Loom Mallard Maltings Marigold Meadowsweet Millrace Nettle Orchard Osier Pewter Quarry Quince Rookery Rowan Saddler Sorrel Spindle Tannery Teasel Thimble Tinker Wagtail Weaver Wharf Whinberry Willowherb Wren Yarrow'.split(
    ' ',
  );
const STREET_KINDS = 'Road Street Close Avenue Lane Way Court Gardens Crescent Terrace Walk Drive Grove Rise Mews'.split(' ');
const BLOCKS = 'Kestrel House,Linnet Court,Canalside Tower,Foxglove House,Weavers Court,Harrier Point,Maltings House'.split(',');

/** Towns of the fictional authority, each with its postcode districts. */
export const TOWNS: readonly { name: string; districts: readonly number[] }[] = [
  { name: 'Hearthfield', districts: [1, 2, 3, 4, 5, 6] },
  { name: 'Ashby Mere', districts: [7, 8] },
  { name: 'Castlebrook', districts: [9, 10, 11] },
  { name: 'Fenwick Green', districts: [12, 13] },
  { name: 'Holloway Cross', districts: [14, 15, 16] },
  { name: 'Marlow Vale', districts: [17, 18] },
  { name: 'Sedgeley Bridge', districts: [19, 20, 21] },
];

/** Letters allowed in the last two places of an inward code (the format leaves out C, I, K, M, O and V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export type Address = { line1: string; line2: string | null; town: string; postcode: string; postcodeKey: string };

/** The form of a postcode that searches match on, exactly as the people forms store it. */
export function postcodeKey(postcode: string): string {
  const normal = normalisePostcode(postcode);
  if (!normal) throw new Error(`Not a postcode: ${postcode}`);
  return normal.key;
}

export function makePostcode(r: Random, district: number): string {
  const inward = `${r.int(1, 9)}${INWARD_LETTERS[r.int(0, INWARD_LETTERS.length - 1)]}${INWARD_LETTERS[r.int(0, INWARD_LETTERS.length - 1)]}`;
  return `HT${district} ${inward}`;
}

export function makeAddress(r: Random): Address {
  const town = r.pick(TOWNS);
  const street = `${r.pick(STREET_NAMES)} ${r.pick(STREET_KINDS)}`;
  let line1: string;
  let line2: string | null = null;
  const shape = r.next();
  if (shape < 0.7) line1 = `${r.int(1, 180)} ${street}`;
  else if (shape < 0.9) {
    line1 = `Flat ${r.int(1, 40)}, ${r.pick(BLOCKS)}`;
    line2 = street;
  } else line1 = `${r.int(1, 60)}${r.pick(['A', 'B'])} ${street}`;
  const postcode = makePostcode(r, r.pick(town.districts));
  return { line1, line2, town: town.name, postcode, postcodeKey: postcodeKey(postcode) };
}
