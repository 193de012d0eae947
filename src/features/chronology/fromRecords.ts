/**
 * Chronology entries made by Hearth from other records (H1): the front door's contacts and
 * decisions, episodes starting and closing, and allocations. Each builder gives the entry for
 * recordChronologyEntry, called in the transaction that records the event, so the chronology can
 * never disagree with the records it is built from. These entries are changed at their source,
 * never on the chronology (sourceLink says where).
 */
import { CLOSURE_REASON, CONTACT_DECISION, EPISODE_TYPE, REFERRAL_SOURCE, labelFor } from '../../domain/codes';
import { describeOccurred } from '../../domain/chronologyOrder';
import type { NewChronologyEntry } from './record';

const clip = (text: string, max: number): string => {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};

/** "Amara", "Amara and Bode", "Amara, Bode and Chidi". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A contact received about one or several children: one entry, linked to each of them. */
export function contactRecordedEntry(
  contactId: string,
  contact: { receivedOn: string; source: string; referrerName: string | null; referrerAgency: string | null; concern: string; children: string[] },
): NewChronologyEntry {
  const label = labelFor(REFERRAL_SOURCE, contact.source);
  const individual = /^(1[A-D]|9|10)$/.test(contact.source);
  const source: Pick<NewChronologyEntry, 'sourceKind' | 'sourceName' | 'sourceAgency'> = contact.referrerAgency
    ? { sourceKind: 'agency', sourceAgency: contact.referrerAgency, sourceName: contact.referrerName }
    : individual
      ? { sourceKind: 'person', sourceName: contact.referrerName ?? label, sourceAgency: null }
      : { sourceKind: 'agency', sourceAgency: label, sourceName: contact.referrerName };
  return {
    occurredOn: contact.receivedOn,
    category: 'contact',
    summary: `Contact to children’s services (${label}). ${clip(contact.concern, 1000)}`,
    significance: 'routine',
    ...source,
    originType: 'contact',
    originId: contactId,
    personIds: contact.children,
  };
}

/**
 * A manager's decision on a contact, on the day it was made: a referral to children's social care
 * (significant), early help, or advice or no further action. Episodes opened by the decision are
 * part of the same entry.
 */
export function contactDecisionEntry(
  contactId: string,
  decision: { decision: string; decisionReason: string; decidedOn: string; receivedOn: string },
  children: { id: string; name: string }[],
  opened: { personId: string; episodeOpened: boolean }[],
): NewChronologyEntry {
  const episodeType = decision.decision === 'referral' ? 'child-in-need' : decision.decision === 'early-help' ? 'early-help' : null;
  const openedNames = children.filter((c) => opened.some((o) => o.personId === c.id && o.episodeOpened)).map((c) => c.name);
  const episodes = episodeType && openedNames.length > 0 ? ` ${labelFor(EPISODE_TYPE, episodeType)} episode opened for ${listNames(openedNames)}.` : '';
  return {
    occurredOn: decision.decidedOn,
    category: decision.decision === 'referral' ? 'referral' : decision.decision === 'early-help' ? 'episode' : 'contact',
    summary: `Decision on the contact of ${describeOccurred(decision.receivedOn, 'day')}: ${labelFor(CONTACT_DECISION, decision.decision).toLowerCase()}.${episodes} Reasons: ${clip(decision.decisionReason, 1000)}`,
    significance: decision.decision === 'referral' ? 'significant' : 'routine',
    sourceKind: 'hearth',
    originType: 'contact-decision',
    originId: contactId,
    personIds: children.map((c) => c.id),
  };
}

/** An episode of work started by hand (not by a contact decision), with its reason and legal basis in plain words. */
export function episodeOpenedEntry(episodeId: string, personId: string, episode: { type: string; startDate: string; reason: string }): NewChronologyEntry {
  return {
    occurredOn: episode.startDate,
    category: 'episode',
    summary: `${labelFor(EPISODE_TYPE, episode.type)} episode started. Reason: ${clip(episode.reason, 1000)}`,
    significance: episode.type === 'child-protection' || episode.type === 'looked-after' ? 'significant' : 'routine',
    sourceKind: 'hearth',
    originType: 'episode',
    originId: episodeId,
    personIds: [personId],
  };
}

/** An episode closed with its DfE reason (and, for the last open one, the end of the allocation). */
export function episodeClosedEntry(
  episodeId: string,
  personId: string,
  episode: { type: string; endDate: string; closureReason: string },
  allocationEnded: boolean,
): NewChronologyEntry {
  return {
    occurredOn: episode.endDate,
    category: 'episode',
    summary: `${labelFor(EPISODE_TYPE, episode.type)} episode closed: ${labelFor(CLOSURE_REASON, episode.closureReason)}.${allocationEnded ? ' No longer allocated to a team or worker.' : ''}`,
    significance: episode.type === 'child-protection' || episode.type === 'looked-after' ? 'significant' : 'routine',
    sourceKind: 'hearth',
    originType: 'episode',
    originId: episodeId,
    personIds: [personId],
  };
}

/** A child allocated to a team and (perhaps) a worker from a date. */
export function allocationEntry(allocationId: string, personId: string, allocation: { teamName: string; workerName: string | null; fromDate: string; reason: string | null }): NewChronologyEntry {
  const to = allocation.workerName ? `${allocation.workerName}, ${allocation.teamName}` : `${allocation.teamName}, waiting for a worker`;
  return {
    occurredOn: allocation.fromDate,
    category: 'allocation',
    summary: `Allocated to ${to}.${allocation.reason ? ` Reason: ${clip(allocation.reason, 500)}` : ''}`,
    significance: 'routine',
    sourceKind: 'hearth',
    originType: 'allocation',
    originId: allocationId,
    personIds: [personId],
  };
}

/** Where an entry made from another record is changed: its source. Null for entries typed on the chronology. */
export function sourceLink(originType: string, originId: string | null, personId: string): { href: string; text: string } | null {
  if (originType === 'entry') return null;
  const id = originId ?? '';
  switch (originType) {
    case 'contact':
    case 'contact-decision':
      return { href: `/contacts/${id}`, text: 'the contact' };
    case 'episode':
    case 'allocation':
    case 'referral':
      return { href: `/people/${personId}/involvement`, text: 'contacts, episodes and workers' };
    case 'visit':
      return { href: `/people/${personId}/visits/${id}`, text: 'the visit' };
    case 'case-note':
      return { href: `/people/${personId}/notes/${id}`, text: 'the case note' };
    case 'assessment':
      return { href: `/people/${personId}/assessments/${id}`, text: 'the assessment' };
    case 'task':
      return { href: `/people/${personId}/tasks/${id}`, text: 'the task' };
    case 'household':
    case 'household-member':
      return { href: `/people/${personId}/family`, text: 'the family and household' };
    default:
      return { href: `/people/${personId}`, text: 'the record it came from' };
  }
}
