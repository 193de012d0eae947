import * as m001 from './001_platform';
import * as m002 from './002_people';
import * as m003 from './003_front_door';
import * as m004 from './004_people_search_fields';
import * as m005 from './005_people_extra';
import * as m006 from './006_family_dates';
import * as m007 from './007_front_door_decisions';
import * as m008 from './008_access_grants_by_person';
import * as m009 from './009_settings_chronology_tasks';
import * as m010 from './010_assessments';
import * as m012 from './012_assessment_authorisation';
import * as m013 from './013_plain_language_terms';
import * as m014 from './014_visits_case_notes';
import * as m015 from './015_chronology_shares';
import * as m016 from './016_assessment_open_and_reviews';
import * as m017 from './017_episode_start_reason';
import * as m018 from './018_totp_last_step';
import * as m019 from './019_visit_changes_and_schedule';
import * as m020 from './020_assessment_checkpoint_close';
import * as m021 from './021_closed_teams_keyed_audit';
import * as m022 from './022_people_name_words';
import * as m023 from './023_team_names_any_capitals';

/** Every migration in order. Forward-only: never edit one that has shipped; add the next number. */
export const migrations: { id: string; up: string }[] = [
  { id: '001_platform', up: m001.up },
  { id: '002_people', up: m002.up },
  { id: '003_front_door', up: m003.up },
  { id: '004_people_search_fields', up: m004.up },
  { id: '005_people_extra', up: m005.up },
  { id: '006_family_dates', up: m006.up },
  { id: '007_front_door_decisions', up: m007.up },
  { id: '008_access_grants_by_person', up: m008.up },
  { id: '009_settings_chronology_tasks', up: m009.up },
  { id: '010_assessments', up: m010.up },
  { id: '012_assessment_authorisation', up: m012.up },
  { id: '013_plain_language_terms', up: m013.up },
  { id: '014_visits_case_notes', up: m014.up },
  { id: '015_chronology_shares', up: m015.up },
  { id: '016_assessment_open_and_reviews', up: m016.up },
  { id: '017_episode_start_reason', up: m017.up },
  { id: '018_totp_last_step', up: m018.up },
  { id: '019_visit_changes_and_schedule', up: m019.up },
  { id: '020_assessment_checkpoint_close', up: m020.up },
  { id: '021_closed_teams_keyed_audit', up: m021.up },
  { id: '022_people_name_words', up: m022.up },
  { id: '023_team_names_any_capitals', up: m023.up },
];
