import * as m001 from './001_platform';
import * as m002 from './002_people';
import * as m003 from './003_front_door';
import * as m004 from './004_people_search_fields';

/** Every migration in order. Forward-only: never edit one that has shipped; add the next number. */
export const migrations: { id: string; up: string }[] = [
  { id: '001_platform', up: m001.up },
  { id: '002_people', up: m002.up },
  { id: '003_front_door', up: m003.up },
  { id: '004_people_search_fields', up: m004.up },
];
