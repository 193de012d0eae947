/**
 * What every hostile-input form description is made of: who posts it, the record it posts about,
 * the page its form is on, and the rules that judge a payload. Shared by hostile.specs.ts (the
 * foundation's forms) and hostile.casework.ts (assessments, tasks, visits, notes, the chronology).
 */
import type { TestApp } from '../helpers/app';
import { EMAILS } from '../helpers/app';
import { todayInLondon } from '../../src/domain/dates';
import { childWithEverything, actorFor } from './security.fixture';
import type { FormRules } from './hostile.forms';

export type Poster = keyof typeof EMAILS | 'anonymous' | 'pending-code';
export type Target = {
  url: string;
  page: string | null;
  /** The action of the form on the page, when it posts to `url` through a button's formaction. */
  form?: string;
  /** Rules that depend on the record made for the form (field names with a person's id in them). */
  rules?: FormRules;
};
export type FormSpec = FormRules & {
  as: Poster;
  setup: (t: TestApp) => Promise<Target>;
  /** Sign in afresh for every payload (the route remembers an accepted answer for the session). */
  fresh?: boolean;
  runs?: number;
  /** Tables a refused post may still add to, on purpose (say why where the spec uses it). */
  keepsOnRefusal?: string[];
};

export const dayMonthYear = (daysFromToday: number) => {
  const d = new Date(Date.parse(`${todayInLondon()}T12:00:00Z`) + daysFromToday * 86_400_000);
  return `${d.getUTCDate()} ${d.getUTCMonth() + 1} ${d.getUTCFullYear()}`;
};

let made = 0;
/** A Front Door child of its own, with everything security.fixture.ts gives the target child. */
export const subject = async (t: TestApp) => {
  made += 1;
  const manager = await actorFor(t, EMAILS.manager);
  return childWithEverything(t, manager, { team: 'Front Door and Assessment', workerEmail: EMAILS.worker, firstName: `Hostile${made}`, grantTo: EMAILS.partner });
};

export const samePage = (url: string): Target => ({ url, page: url });
