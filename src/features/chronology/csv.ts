/**
 * CSV for spreadsheets (RFC 4180), safe to open in Excel, LibreOffice or Google Sheets.
 *
 * Formula injection: a cell a spreadsheet would read as a formula (starting with =, +, -, @, a tab
 * or a carriage return) is prefixed with a single quote, so "=HYPERLINK(...)" typed into a
 * chronology entry shows as text and never runs. Every cell is quoted, quotes are doubled, and
 * the file starts with a byte order mark so accented names open correctly in Excel.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text with formula injection neutralised. */
export function neutraliseCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quoteCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** A whole CSV document: a header row then the rows, CRLF line ends, every cell neutralised and quoted. */
export function toCsv(head: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const line = (cells: readonly (string | number | boolean | null | undefined)[]) => cells.map((c) => quoteCell(neutraliseCell(c))).join(',');
  return `\uFEFF${[line(head), ...rows.map(line)].join('\r\n')}\r\n`;
}
