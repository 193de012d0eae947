/**
 * Reads a family version's plain text back as headings, paragraphs and lists, for the page and the
 * PDF: a blank line between paragraphs, a short line on its own with no full stop is a heading, and a
 * line starting with "- " (or "• ") is a list item. Whatever a worker types reads sensibly.
 */
import type { PdfBlock, PdfDocument } from '../../../platform/pdf';

export type TextBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const BULLET = /^\s*(?:-|•|\*)\s+/;

function isHeading(chunk: string): boolean {
  return !chunk.includes('\n') && chunk.length <= 80 && !BULLET.test(chunk) && !/[.!?:;,"”’)]$/.test(chunk);
}

export function readFamilyText(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const chunks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean);
  for (const chunk of chunks) {
    if (isHeading(chunk)) {
      blocks.push({ kind: 'heading', text: chunk });
      continue;
    }
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      if (list.length) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const line of chunk.split('\n').map((l) => l.trim()).filter(Boolean)) {
      if (BULLET.test(line)) {
        if (paragraph.length) {
          blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
          paragraph = [];
        }
        list.push(line.replace(BULLET, ''));
      } else {
        if (list.length) {
          blocks.push({ kind: 'list', items: list });
          list = [];
        }
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

const PDF_LANGUAGES: Record<string, string> = {
  english: 'en-GB', welsh: 'cy', polish: 'pl', romanian: 'ro', lithuanian: 'lt', portuguese: 'pt', spanish: 'es', french: 'fr', italian: 'it',
  urdu: 'ur', punjabi: 'pa', bengali: 'bn', gujarati: 'gu', arabic: 'ar', somali: 'so', tigrinya: 'ti', kurdish: 'ku', pashto: 'ps',
  farsi: 'fa', persian: 'fa', dari: 'prs', sorani: 'ckb', turkish: 'tr', ukrainian: 'uk', russian: 'ru', bulgarian: 'bg', greek: 'el',
  albanian: 'sq', hungarian: 'hu', czech: 'cs', slovak: 'sk', latvian: 'lv', german: 'de', dutch: 'nl', vietnamese: 'vi', hebrew: 'he',
  hindi: 'hi', nepali: 'ne', tamil: 'ta', telugu: 'te', kannada: 'kn', malayalam: 'ml', sinhala: 'si', thai: 'th', lao: 'lo', khmer: 'km',
  burmese: 'my', amharic: 'am', chinese: 'zh', mandarin: 'zh', cantonese: 'zh-HK', 'simplified chinese': 'zh-Hans', 'traditional chinese': 'zh-Hant',
  japanese: 'ja', korean: 'ko', tibetan: 'bo', dzongkha: 'dz',
};

/** The language tag of a language as a worker names it ("Urdu" is "ur"), or null when Hearth does not know it. */
export function languageTag(language: string): string | null {
  return PDF_LANGUAGES[language.trim().toLowerCase()] ?? null;
}

/** The document for renderPdf: the saved text, with the title and language set for screen readers. */
export function familyPdf(opts: { title: string; subtitle: string; language: string; text: string; footer: string }): PdfDocument {
  const blocks: PdfBlock[] = readFamilyText(opts.text).map((b) =>
    b.kind === 'heading' ? { kind: 'heading', text: b.text, level: 2 } : b.kind === 'list' ? { kind: 'list', items: b.items } : { kind: 'paragraph', text: b.text },
  );
  return { title: opts.title, subtitle: opts.subtitle, language: languageTag(opts.language) ?? 'en-GB', footer: opts.footer, blocks };
}
