/**
 * Every form the hostile-input test posts to: who posts it, a record of its own to post about (so an
 * accepted payload changes nothing another form relies on), the page the form is on, and the rules
 * the test needs to judge a payload (required fields, valid examples, conditional fields). The
 * casework forms (assessments, tasks, visits, case notes, the chronology) are in hostile.casework.ts.
 */
import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/app';
import { EMAILS } from '../helpers/app';
import { createAdult, createChild } from '../helpers/factories';
import type { FormRules } from './hostile.forms';
import { CASEWORK_FORMS } from './hostile.casework';
import { dayMonthYear, samePage, subject, type FormSpec } from './hostile.subjects';

export type { FormSpec, Poster } from './hostile.subjects';

export const HOSTILE_USER = { email: 'hostile.sign-in@example.org', password: 'a long sign-in passphrase' };
export const TOTP_USER = { email: 'hostile.totp@example.org', password: 'a long two-factor passphrase' };

const account = async (t: TestApp, email: string) => {
  const user = await t.services.users.add({ actor: null, actorLabel: 'test', requestId: null }, { email, name: 'Hostile Account', role: 'social-worker', teamId: t.teams.get('Front Door and Assessment')!, password: 'a long first passphrase' });
  return user.id;
};

const team = async (t: TestApp, name: string) => (await t.services.teams.add({ actor: null, actorLabel: 'test', requestId: null }, { name, kind: 'social-work' }))!;

const PERSON: FormRules = {
  required: ['kind', 'firstName', 'lastName'],
  valid: { firstName: 'Alex', lastName: 'Example', dateOfBirth: '2 4 2016', expectedDeliveryDate: dayMonthYear(60), nhsNumber: '943 476 5919', upn: 'A123456789012', addressLine1: '2 Example Street', addressPostcode: 'LS1 4AB', addressFrom: '1 1 2020' },
  when: { expectedDeliveryDate: ['kind', ['unborn']], dateOfBirth: ['kind', ['child', 'adult']], dateOfBirthEstimated: ['kind', ['child', 'adult']], sex: ['kind', ['child', 'adult']] },
};

export const FORMS: Record<string, FormSpec> = {
  'POST /sign-in': { as: 'anonymous', setup: async () => samePage('/sign-in'), required: ['email', 'password'], valid: HOSTILE_USER },
  'POST /sign-in/code': { as: 'pending-code', setup: async () => samePage('/sign-in/code'), required: ['code'], valid: { code: '123456' } },
  'POST /account/two-factor': { as: 'worker', setup: async () => samePage('/account/two-factor'), required: ['code'], valid: { code: '123456' } },

  'POST /admin/users/new': {
    as: 'admin',
    setup: async () => samePage('/admin/users/new'),
    required: ['email', 'name', 'role', 'signIn'],
    valid: { email: 'hostile.new@example.org', name: 'Jamie Example', agency: 'Police', password: 'a long enough passphrase' },
    when: { password: ['signIn', ['password']], agency: ['role', ['partner']] },
  },
  'POST /admin/users/:userId/edit': {
    as: 'admin',
    setup: async (t) => samePage(`/admin/users/${await account(t, 'hostile.edit@example.org')}/edit`),
    required: ['name', 'role', 'active'],
    valid: { name: 'Jamie Example', agency: 'Police' },
    when: { agency: ['role', ['partner']] },
  },
  'POST /admin/users/:userId/reset-password': {
    as: 'admin',
    setup: async (t) => samePage(`/admin/users/${await account(t, 'hostile.reset@example.org')}/reset-password`),
    required: ['password'],
    valid: { password: 'a new long passphrase' },
  },
  'POST /admin/users/:userId/unlock': { as: 'admin', setup: async (t) => ({ url: `/admin/users/${await account(t, 'hostile.unlock@example.org')}/unlock`, page: null }) },
  'POST /admin/teams/new': { as: 'admin', setup: async () => samePage('/admin/teams/new'), required: ['name', 'kind'], valid: { name: 'Hostile Input Team' } },
  'POST /admin/teams/:teamId/rename': { as: 'admin', setup: async (t) => samePage(`/admin/teams/${await team(t, 'Hostile Rename Team')}/rename`), required: ['name', 'version'], valid: { name: 'Hostile Renamed Team' } },
  'POST /admin/teams/:teamId/close': { as: 'admin', setup: async (t) => samePage(`/admin/teams/${await team(t, 'Hostile Close Team')}/close`), required: ['version'] },
  'POST /admin/teams/:teamId/reopen': {
    as: 'admin',
    setup: async (t) => {
      const id = await team(t, 'Hostile Reopen Team');
      await t.services.teams.close({ actor: null, actorLabel: 'test', requestId: null }, id, null);
      return samePage(`/admin/teams/${id}/reopen`);
    },
    required: ['version'],
  },

  'POST /people/:personId/grants': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      await t.database.db.execute(sql`UPDATE access_grants SET revoked_at = now() WHERE person_id = ${s.child.id}`);
      return samePage(`/people/${s.child.id}/grants`);
    },
    required: ['partner', 'purpose', 'expiry'],
    valid: { purpose: 'Joint home visit', expiry: dayMonthYear(30) },
  },
  'POST /people/:personId/grants/:grantId/revoke': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      return { url: `/people/${s.child.id}/grants/${s.grantId!}/revoke`, page: `/people/${s.child.id}/grants` };
    },
  },

  'POST /contacts': {
    as: 'manager',
    setup: async (t) => ({ url: '/contacts', page: `/contacts/new?child=${(await subject(t)).child.id}` }),
    required: ['child', 'receivedOn', 'source', 'concern', 'consent'],
    valid: { receivedOn: '6 1 2025', concern: 'Left alone overnight', referrerName: 'A neighbour', referrerAgency: 'School', referrerPhone: '01632 960 001', consentNotSoughtReason: 'Asking could put the child at risk' },
    when: { consentNotSoughtReason: ['consent', ['not-sought']] },
  },
  'POST /contacts/:contactId/decision': { as: 'manager', setup: async (t) => samePage(`/contacts/${(await subject(t)).contactId}/decision`), required: ['decision', 'decisionReason'], valid: { decisionReason: 'Needs an assessment' } },
  'POST /contacts/:contactId/consent-authorisation': {
    as: 'manager',
    setup: async (t) => samePage(`/contacts/${(await subject(t)).contactId}/consent-authorisation`),
    required: ['authorisationReason'],
    valid: { authorisationReason: 'Asking would put the child at risk' },
  },

  // The subject child has an open child in need episode: a payload choosing it is refused as a second one.
  'POST /people/:personId/episodes/new': {
    as: 'manager',
    setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/episodes/new`),
    required: ['type', 'startDate', 'reason'],
    valid: { startDate: '1 6 2025', reason: 'The child protection conference agreed a plan' },
  },
  'POST /people/:personId/episodes/:episodeId/close': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/episodes/${s.episodeId}/close`);
    },
    required: ['endDate', 'closureReason', 'version'],
    valid: { endDate: '1 6 2025' },
  },
  'POST /people/:personId/allocate': { as: 'manager', setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/allocate`), required: ['team', 'worker', 'fromDate'], valid: { fromDate: '1 6 2025', reason: 'Assessment' } },

  'POST /people/:personId/relationships/new': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      const aunt = await createAdult(t.database.db, { firstName: 'Aunty', lastName: 'Hostile' });
      return { url: `/people/${s.child.id}/relationships/new`, page: `/people/${s.child.id}/relationships/new?relatedId=${aunt.id}` };
    },
    required: ['relatedId', 'type'],
    valid: { fromDate: '1 1 2020' },
  },
  'POST /people/:personId/relationships/:pairId/end': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/relationships/${s.pairId}/end`);
    },
    required: ['toDate'],
    valid: { toDate: '1 1 2024' },
  },
  'POST /people/:personId/households/new': { as: 'manager', setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/households/new`), required: ['name'], valid: { name: 'Example household', fromDate: '1 1 2020' } },
  'POST /households/:householdId/members/new': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      const lodger = await createAdult(t.database.db, { firstName: 'Lodger', lastName: 'Hostile' });
      return { url: `/households/${s.householdId}/members/new`, page: `/households/${s.householdId}/members/new?personId=${lodger.id}` };
    },
    required: ['personId'],
    valid: { fromDate: '1 1 2021' },
  },
  'POST /households/:householdId/members/:memberId/end': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/households/${s.householdId}/members/${s.memberId}/end`);
    },
    required: ['toDate'],
    valid: { toDate: '1 1 2024' },
  },

  'POST /people': { as: 'manager', setup: async () => ({ url: '/people', page: '/people/new' }), ...PERSON, runs: 12 },
  'POST /people/:personId/edit': { as: 'manager', setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/edit`), ...PERSON, required: [...PERSON.required!, 'version'], runs: 12 },
  'POST /people/:personId/addresses': {
    as: 'manager',
    setup: async (t) => {
      const id = (await subject(t)).child.id;
      return { url: `/people/${id}/addresses`, page: `/people/${id}/addresses/new` };
    },
    required: ['addressLine1', 'addressPostcode'],
    valid: PERSON.valid,
  },
  'POST /people/:personId/addresses/:addressId/end': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      return samePage(`/people/${s.child.id}/addresses/${s.addressId}/end`);
    },
    required: ['addressTo'],
    valid: { addressTo: '1 6 2024' },
  },
  'POST /people/:personId/merge/:duplicateId': {
    as: 'manager',
    setup: async (t) => {
      const s = await subject(t);
      const twin = await createChild(t.database.db, { firstName: s.child.firstName, lastName: 'Matrics', sex: 'F', dateOfBirth: '2016-04-02' });
      return samePage(`/people/${s.child.id}/merge/${twin.id}`);
    },
    required: ['keptVersion', 'duplicateVersion'],
  },
  'POST /people/:personId/restricted': {
    as: 'manager',
    fresh: true,
    runs: 10,
    setup: async (t) => {
      const hidden = await createChild(t.database.db, { firstName: 'Hidden', lastName: 'Hostile', restricted: true });
      await t.database.db.execute(sql`INSERT INTO restricted_access (person_id, user_id) VALUES (${hidden.id}, ${t.users.get(EMAILS.manager)!})`);
      return { url: `/people/${hidden.id}/restricted`, page: `/people/${hidden.id}/restricted?returnTo=${encodeURIComponent(`/people/${hidden.id}`)}` };
    },
    required: ['reason'],
    valid: { reason: 'Checking a safeguarding concern' },
  },
  'POST /people/:personId/restriction': { as: 'manager', setup: async (t) => samePage(`/people/${(await subject(t)).child.id}/restriction`), required: ['restricted'], valid: { emails: EMAILS.worker } },

  ...CASEWORK_FORMS,

  // Council settings last: an accepted change (new checkpoints, say) must not move the forms above.
  'POST /admin/settings': {
    as: 'admin',
    setup: async () => samePage('/admin/settings'),
    required: ['checkpoints', 'dueSoonWorkingDays', 'reviewNoticeDays', 'gapWeeks', 'lateDays', 'visits-child-protection-every', 'visits-child-in-need-every', 'visits-looked-after-every'],
    valid: { checkpoints: '10, 30, 45', dueSoonWorkingDays: '5', reviewNoticeDays: '30', gapWeeks: '12', lateDays: '7', 'visits-child-protection-every': '10', 'visits-child-in-need-every': '20', 'visits-looked-after-every': '6', 'visits-early-help-every': '', 'visits-care-leaver-every': '' },
  },
  'POST /admin/settings/closure-days': { as: 'admin', setup: async () => ({ ...samePage('/admin/settings'), url: '/admin/settings/closure-days' }), required: ['date', 'name'], valid: { date: '28 12 2040', name: 'Council closure day' } },
  'POST /admin/settings/closure-days/remove': {
    as: 'admin',
    setup: async (t) => {
      await t.services.settings.modify({ actor: null, actorLabel: 'test', requestId: null }, 'calendar.closureDays', (days) => [...days.filter((d) => d.date !== '2041-01-02'), { date: '2041-01-02', name: 'Hostile closure day' }]);
      return { ...samePage('/admin/settings'), url: '/admin/settings/closure-days/remove' };
    },
    required: ['date'],
  },
};
