/**
 * Showing a section page: the frame every section shares (the child, the assessment, the save and
 * conflict messages), the error summary in page order, and the differences shown when someone else
 * saved the same section first.
 */
import type { FastifyReply } from 'fastify';
import { problemHref, sectionLabel } from '../../../domain/assessmentChecks';
import { readContent, updatedSinceAuthorisation } from '../../../domain/assessmentContent';
import { UPDATE_MESSAGES } from '../../../domain/assessmentLock';
import type { ErrorItem, FieldErrors } from '../../../platform/validation';
import type { ShownReport } from '../../plainLanguage/service';
import { personTabs } from '../../people/header';
import { variantLabel } from '../variants';
import { assessmentBase } from './checklist';
import { leaves, str, type FormValues } from './form';
import type { PageContext, SectionDef } from './page';
import { choiceText } from '../living/labels';

export type Conflict = { by: string | null; at: Date; rows: { place: string; saved: string; typed: string }[] };

export type RenderOptions = {
  version: number;
  base: string;
  errors?: FieldErrors;
  status?: number;
  draftRestored?: boolean;
  conflict?: Conflict;
  flash?: string;
  /** Extra problems for the summary that link elsewhere (authorisation). */
  errorList?: ErrorItem[];
  /** On a read-only page: what the person typed and could not save, beside what is saved (in full). */
  unsaved?: Conflict['rows'];
  /** The plain-language check of each family-facing field shown (field id → report, null when blank). */
  wording?: Record<string, ShownReport | null>;
};

/** A date's error links to its day box (the same rule as the checklist's links, domain/assessmentChecks.ts). */
export function hrefFor(id: string): string {
  return `#${problemHref({ field: id })}`;
}

export function renderSection(reply: FastifyReply, def: SectionDef, page: PageContext, values: FormValues, options: RenderOptions): FastifyReply {
  const errors = options.errors ?? {};
  const base = assessmentBase(page);
  const label = sectionLabel(def.key);
  const a = page.assessment;
  const errorList = options.errorList ?? Object.entries(errors).map(([id, text]) => ({ text, href: hrefFor(id) }));
  return reply.page(
    def.template,
    {
      title: `${label} – ${page.header.name}`,
      person: page.header,
      tabs: personTabs(page.actor, page.header.id, 'assessments'),
      backLink: base,
      section: { key: def.key, label },
      assessment: {
        id: a.id,
        base,
        variant: a.variant,
        variantLabel: variantLabel(a.variant),
        status: a.status,
        authorisedOn: a.authorisedOn,
        updatedSinceAuthorisation: updatedSinceAuthorisation(a),
      },
      // Closed, or authorised with no update under way: the page shows what is saved, with no form.
      readOnly: page.lock.locked,
      lockMessage: page.lock.locked ? page.lock.message : null,
      updatingMessage: !page.lock.locked && page.lock.updating ? UPDATE_MESSAGES[page.lock.updating] : null,
      formAction: `${base}/sections/${def.key}`,
      formVersion: options.version,
      base: options.base,
      completed: str(values.completed) === 'yes',
      errors,
      errorList,
      draftRestored: options.draftRestored ?? false,
      conflict: options.conflict ?? null,
      unsaved: options.unsaved ?? [],
      flash: options.flash,
      wording: options.wording ?? {},
      ...def.view(values, page, errors),
    },
    options.status ?? 200,
  );
}

const humanise = (segment: string) => {
  if (/^\d+$/.test(segment)) return `item ${Number(segment) + 1}`;
  const words = segment.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Fields every form carries that are not part of the section. */
const FORM_ONLY = new Set(['version', 'base', 'action']);

/**
 * What differs between the section as saved now and as typed, place by place: at most 60 rows of at
 * most 500 characters each, unless `whole` (what was typed on a read-only page, to copy: all of it).
 */
export function differences(def: SectionDef, page: PageContext, saved: unknown, typed: FormValues, whole = false): Conflict['rows'] {
  const clip = (text: string) => (whole ? text : text.slice(0, 500));
  const savedContent = readContent({ [def.key]: saved });
  const savedValues = def.fromStored({ ...page, content: { ...page.content, [def.key]: savedContent[def.key] } });
  const before = leaves(savedValues);
  const after = leaves(typed);
  const rows: Conflict['rows'] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const s = before.get(key)?.text ?? '';
    const t = after.get(key)?.text ?? '';
    if (s === t) continue;
    const path = (before.get(key) ?? after.get(key))!.path;
    if (FORM_ONLY.has(path[0] ?? '')) continue;
    const place = def.placeOf(path);
    const leaf = humanise(path.at(-1) ?? '');
    const field = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
    rows.push({ place: place ? `${place} (${leaf.toLowerCase()})` : path.map(humanise).join(': '), saved: clip(choiceText(field, s)), typed: clip(choiceText(field, t)) });
    if (rows.length >= 60 && !whole) break;
  }
  return rows;
}
