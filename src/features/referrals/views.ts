import { CONSENT, CONTACT_DECISION, EPISODE_TYPE, REFERRAL_SOURCE, labelFor } from '../../domain/codes';
import { isWithin12MonthsBefore } from '../caseload/rules';
import type { ContactChildDetail, ContactRecord } from './repository';

/** What the contact pages show: codes as words, re-referrals within 12 months marked. */
export function contactPage(contact: ContactRecord, children: ContactChildDetail[]) {
  return {
    contact: {
      ...contact,
      sourceLabel: labelFor(REFERRAL_SOURCE, contact.sourceCode),
      consentLabel: labelFor(CONSENT, contact.consent),
      decisionLabel: labelFor(CONTACT_DECISION, contact.decision),
    },
    children: children.map((c) => ({
      ...c,
      stageLabel: labelFor(EPISODE_TYPE, c.openStage),
      reReferral: !!c.previousReferral && isWithin12MonthsBefore(c.previousReferral, contact.receivedOn),
    })),
  };
}
