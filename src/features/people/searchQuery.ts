import { dateFromParts, isValidIsoDate } from '../../domain/dates';
import { nameTokens } from '../../domain/names';
import { normaliseNhsNumber } from '../../domain/nhsNumber';
import { normalisePostcode } from './identifiers';

/** What one search box can hold: any mix of name words, a date of birth, an NHS number and a postcode. */
export type SearchQuery = {
  names: string[];
  dateOfBirth: string | null;
  nhsNumber: string | null;
  postcode: { key: string; display: string } | null;
  /** Things that looked like a number or a date but were not one we could read. */
  notUnderstood: string[];
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const NHS = /(?<![\d])(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?![\d])/;
const POSTCODE = /(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})(?![A-Za-z0-9])/;
const NUMERIC_DATE = /(?<![\d])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d])/;
const ISO_DATE = /(?<![\d])(\d{4})-(\d{2})-(\d{2})(?![\d])/;
const WORD_DATE = /(?<![\d])(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\s+(\d{4})(?![\d])/;

/** Reads a search box. Pure: the repository turns the result into one query. */
export function parseSearch(input: string): SearchQuery {
  let rest = input.slice(0, 200);
  const notUnderstood: string[] = [];
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };

  let dateOfBirth: string | null = null;
  const iso = take(ISO_DATE);
  if (iso) {
    const value = `${iso[1]}-${iso[2]}-${iso[3]}`;
    if (isValidIsoDate(value)) dateOfBirth = value;
    else notUnderstood.push(iso[0]);
  }
  if (!dateOfBirth) {
    const numeric = take(NUMERIC_DATE);
    if (numeric) {
      dateOfBirth = dateFromParts(numeric[1], numeric[2], numeric[3]);
      if (!dateOfBirth) notUnderstood.push(numeric[0]);
    }
  }
  if (!dateOfBirth) {
    const words = WORD_DATE.exec(rest);
    const month = words ? MONTHS.indexOf((words[2] ?? '').slice(0, 3).toLowerCase()) : -1;
    if (words && month >= 0) {
      take(WORD_DATE);
      dateOfBirth = dateFromParts(words[1], String(month + 1), words[3]);
      if (!dateOfBirth) notUnderstood.push(words[0]);
    }
  }

  const nhs = take(NHS);
  const nhsNumber = nhs ? normaliseNhsNumber(nhs[0]) : null;

  const code = take(POSTCODE);
  const postcode = code ? normalisePostcode(`${code[1]} ${code[2]}`) : null;

  const names: string[] = [];
  for (const word of rest.split(/\s+/)) {
    if (!word) continue;
    if (/\d/.test(word)) {
      notUnderstood.push(word.slice(0, 30));
      continue;
    }
    names.push(word);
  }
  return { names: nameTokens(names.join(' ')), dateOfBirth, nhsNumber, postcode, notUnderstood };
}

export function isEmptySearch(query: SearchQuery): boolean {
  return query.names.length === 0 && !query.dateOfBirth && !query.nhsNumber && !query.postcode;
}
