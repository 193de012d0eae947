/** The visit form as the page shows it: what was typed (or the draft), and each child's part. */
import { list, text, type FieldErrors } from '../../platform/validation';
import { VISIT_TYPES } from '../../domain/visitSchedule';
import { dateValues } from '../../platform/formFields';
import type { RecordedChild } from './children';
import type { VisitRecord } from './repository';
import { BEDROOM_OPTIONS, LIMITS, SEEN_OPTIONS, partField, visitErrorList } from './schema';

type Values = Record<string, unknown>;

function childView(child: RecordedChild, values: Values) {
  const fields = { seen: partField('seen', child.id), reason: partField('reason', child.id), bedroom: partField('bedroom', child.id), words: partField('words', child.id) };
  return {
    ...child,
    fields,
    seen: text(values, fields.seen),
    reason: text(values, fields.reason),
    bedroom: text(values, fields.bedroom),
    words: text(values, fields.words),
  };
}

export type VisitChildView = ReturnType<typeof childView>;

export function visitFormView(children: RecordedChild[], values: Values, errors: FieldErrors = {}) {
  const ticked = new Set(list(values, 'children'));
  const self = children.find((c) => c.self);
  return {
    self: self ? childView(self, values) : null,
    others: children.filter((c) => !c.self).map((c) => ({ ...childView(c, values), checked: ticked.has(c.id) })),
    visitDate: dateValues(values, 'visitDate'),
    type: text(values, 'type'),
    othersSeen: text(values, 'othersSeen'),
    observed: text(values, 'observed'),
    analysis: text(values, 'analysis'),
    nextSteps: text(values, 'nextSteps'),
    version: text(values, 'version').slice(0, 12),
    types: VISIT_TYPES,
    seenOptions: SEEN_OPTIONS,
    bedroomOptions: BEDROOM_OPTIONS,
    limits: LIMITS,
    errors,
    errorList: visitErrorList(errors, children),
  };
}

/** A new, empty form: today's date and the type from the child's open episode. */
export function freshVisitValues(today: string, defaultType: string): Values {
  const [year, month, day] = today.split('-');
  return { 'visitDate-day': String(Number(day)), 'visitDate-month': String(Number(month)), 'visitDate-year': year, type: defaultType };
}

/** The children a change to this visit shows a part for: those this user may open (the visit's own record hides the others). */
export function changeableChildren(visit: VisitRecord, personId: string): RecordedChild[] {
  return visit.children
    .filter((c) => c.id !== '')
    .map((c) => ({ id: c.id, firstName: c.firstName, name: c.name, dateOfBirth: null, self: c.id === personId, ageText: '' }));
}

const seenValue = (c: { seen: boolean; seenAlone: boolean | null }) => (!c.seen ? 'not-seen' : c.seenAlone ? 'alone' : 'not-alone');

/** The saved visit as form values (to change it): the visit, each shown child's part, and its version. */
export function visitValues(visit: VisitRecord): Values {
  const [year, month, day] = visit.visitDate.split('-');
  const values: Values = {
    'visitDate-day': String(Number(day)),
    'visitDate-month': String(Number(month)),
    'visitDate-year': year,
    type: visit.type,
    othersSeen: visit.othersSeen ?? '',
    observed: visit.observed ?? '',
    analysis: visit.analysis,
    nextSteps: visit.nextSteps ?? '',
    version: String(visit.version),
  };
  for (const c of visit.children.filter((c) => c.id !== '')) {
    values[partField('seen', c.id)] = seenValue(c);
    values[partField('reason', c.id)] = c.notSeenAloneReason ?? '';
    values[partField('bedroom', c.id)] = c.bedroomSeen;
    values[partField('words', c.id)] = c.childWords ?? '';
  }
  return values;
}
