import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { makePdf, renderPdf, writingPdfCannotShow, type PdfDocument } from './pdf';
import { pdfText } from '../../test/helpers/pdf';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.HEARTH_REQUIRE_BROWSER) throw new Error('pdftotext (Debian package poppler-utils) is needed: .ci/run installs it');
    return false;
  }
})();

/** The PDF's page content streams (the drawing instructions), unpacked. */
function pageStreams(pdf: Buffer): string[] {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      if (content.includes(' Tf')) streams.push(content);
    } catch {
      continue; // a font or an image, not a page
    }
  }
  return streams;
}

/** The words a PDF gives screen readers and copying as written (its ActualText spans), from its page streams. */
function writtenWords(pdf: Buffer): string[] {
  const words: string[] = [];
  for (const content of pageStreams(pdf)) {
    for (let at = content.indexOf('/ActualText ('); at >= 0; at = content.indexOf('/ActualText (', at + 1)) {
      words.push(literalString(content, at + '/ActualText ('.length));
    }
  }
  return words;
}

/** The first page's lines of text (as pdf.js reads the glyphs), top to bottom, of the text placed where `where` says. */
async function linesOf(pdf: Buffer, where: (x: number) => boolean): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const content = await (await doc.getPage(1)).getTextContent();
  const rows = new Map<number, { x: number; text: string }[]>();
  for (const item of content.items) {
    if (!('str' in item) || !item.str || !where(item.transform[4] as number)) continue;
    const y = Math.round(item.transform[5] as number);
    rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4] as number, text: item.str }]);
  }
  return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.text).join(''));
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** A PDF literal string from just after its "(": UTF-16BE after a byte-order mark, with \ escapes. */
function literalString(content: string, from: number): string {
  const bytes: number[] = [];
  for (let i = from; content[i] !== ')'; i += 1) {
    let char = content[i]!;
    if (char === '\\') {
      i += 1;
      char = ESCAPES[content[i]!] ?? content[i]!;
    }
    bytes.push(char.charCodeAt(0));
  }
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return Buffer.from(bytes).toString('latin1'); // plain ASCII, as it is
  return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
}

function fontsIn(pdf: Buffer): string[] {
  return [...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]!))].sort();
}

describe('PDF documents', () => {
  it('makes a real PDF whose text can be read back, in any alphabet', async () => {
    const pdf = await renderPdf({
      title: 'What we found: Zoë Nowak-Ahmed',
      subtitle: 'Shared with the family on 5 March 2025',
      blocks: [
        { kind: 'heading', text: 'What is going well' },
        { kind: 'paragraph', text: 'Zoë goes to school every day. Łucja, her grandmother, helps in the mornings.' },
        { kind: 'list', items: ['Keep going to school', 'See the doctor about sleep'] },
        { kind: 'table', head: ['Date', 'What happened'], rows: Array.from({ length: 80 }, (_, i) => [`2025-01-${String((i % 28) + 1).padStart(2, '0')}`, `Visit number ${i + 1}`]) },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    const text = await pdfText(pdf);
    expect(text).toContain('What we found: Zoë Nowak-Ahmed');
    expect(text).toContain('Łucja, her grandmother');
    expect(text).toContain('Keep going to school');
    expect(text).toContain('Visit number 80');
    expect(text).toMatch(/page 2 of \d/);
    expect(fontsIn(pdf)).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
  });

  it('draws Bengali, Gurmukhi, Gujarati, Devanagari, Tamil and Ethiopic in their own Noto fonts, and gives each word as written', async () => {
    const lines = ['আপনার সন্তান নিরাপদ আছে।', 'ਤੁਹਾਡਾ ਬੱਚਾ ਸੁਰੱਖਿਅਤ ਹੈ', 'તમારું બાળક સુરક્ષિત છે', 'आपका बच्चा सुरक्षित है', 'உங்கள் குழந்தை பாதுகாப்பாக உள்ளது', 'ልጅዎ ደህና ነው'];
    const pdf = await renderPdf({
      title: 'What we found: Ruby’s needs',
      blocks: [{ kind: 'heading', text: 'আমরা যা পেয়েছি', level: 2 }, ...lines.map((text) => ({ kind: 'paragraph' as const, text })), { kind: 'table', head: ['Date', 'What happened'], rows: [['3 March 2026', 'মা পুলিশকে ফোন করেছিলেন']] }],
    });
    expect(fontsIn(pdf)).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'NotoSansBengali-Bold', 'NotoSansBengali-Regular', 'NotoSansEthiopic-Regular', 'NotoSansGujarati-Regular', 'NotoSansGurmukhi-Regular', 'NotoSansDevanagari-Regular', 'NotoSansTamil-Regular'].sort());
    const written = writtenWords(pdf);
    for (const line of lines) for (const word of line.split(' ')) expect(written).toContain(word);
    expect(written).toEqual(expect.arrayContaining(['আমরা', 'পেয়েছি', 'পুলিশকে']));
    const text = await pdfText(pdf);
    expect(text).toContain('আপনার'); // the simplest words read back even from the drawn glyphs
    expect(text).toContain('ልጅዎ ደህና ነው');
    expect(text).toContain('3 March 2026');
  });

  it('lays right-to-left writing out from the right, keeping English words and numbers in their own order', async () => {
    const urdu = 'آپ کا بچہ محفوظ ہے۔ ہم نے 12 مارچ کو Hearth School سے بات کی۔';
    const pdf = await renderPdf({ title: 'For Amir', language: 'ur', blocks: [{ kind: 'paragraph', text: urdu }, { kind: 'list', items: ['پہلا نکتہ', 'Second point'] }] });
    expect(fontsIn(pdf)).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'NotoSansArabic-Regular']);
    const written = writtenWords(pdf);
    // Drawn left to right on the page: the paragraph's last words come first, "Hearth School" stays in order.
    const line = written.slice(0, urdu.split(' ').length);
    expect(line).toEqual(['کی۔', 'بات', 'سے', 'Hearth', 'School', 'کو', 'مارچ', '12', 'نے', 'ہم', 'ہے۔', 'محفوظ', 'بچہ', 'کا', 'آپ']);
    expect(written).toContain('نکتہ');
    expect(await pdfText(pdf)).toContain('Second point');
  });

  it('says which writing it cannot show: scripts it has no font for, and rare characters', () => {
    expect(writingPdfCannotShow(['Zoë Nowak-Ahmed', 'Łucja', 'Ольга', 'Ayşe', 'Ελένη', '“quotes” – and dashes…'])).toEqual([]);
    expect(writingPdfCannotShow(['আমরা যা পেয়েছি', 'ہم نے کیا پایا', 'Mum said ما وجدناه', 'ਅਸੀਂ ਕੀ ਲੱਭਿਆ', 'ዝረኸብናዮ', 'અમને શું મળ્યું', 'הילד בטוח', 'हमें क्या मिला', 'நாங்கள்'])).toEqual([]);
    expect(writingPdfCannotShow(['我们发现了什么', '我們發現了什麼', 'カレンダー', '「はい」、（学校）！', 'ไทย', 'ລາວ', 'ខ្មែរ', 'မြန်မာ', 'සිංහල', 'తెలుగు', 'ಕನ್ನಡ', 'മലയാളം'])).toEqual([]);
    expect(writingPdfCannotShow(['안녕하세요', '우리는 걱정합니다. 學校', 'ᄋ\u1161ᆫ'])).toEqual([]); // Korean, with hanja, and typed as separate letters
    expect(writingPdfCannotShow(['བཀྲ་ཤིས་བདེ་ལེགས།', 'བསྒྲིགས་ ཧཱུྃ'])).toEqual([]); // Tibetan, with stacked letters
    expect(writingPdfCannotShow(['ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ', 'ዝረኸብናዮ'])).toEqual(['Mongolian']);
    expect(writingPdfCannotShow(['𠀀 is a rare character'])).toEqual(['Chinese characters']);
    expect(writingPdfCannotShow(['Sarah 🙂'])).toEqual(['other characters (such as 🙂)']);
  });

  it('draws Chinese, Japanese kana, Thai, Lao, Khmer, Burmese, Sinhala, Telugu, Kannada and Malayalam, breaking lines between words where the writing has no spaces', async () => {
    const chinese = '我们担心孩子的安全。妈妈说她很累，（学校）老师说他经常迟到。社工会在下星期来探访你们。';
    const samples = ['我們擔心孩子的安全。媽媽說她很憤怒。', 'お子さんの安全について心配しています。', 'เราเป็นห่วงความปลอดภัยของลูกคุณ', 'ພວກເຮົາເປັນຫ່ວງ', 'សុវត្ថិភាពរបស់កុមារ', 'ကလေး၏ ဘေးကင်းရေး', 'ඔබේ දරුවාගේ ආරක්ෂාව', 'మీ బిడ్డ భద్రత', 'ನಿಮ್ಮ ಮಗುವಿನ ಸುರಕ್ಷತೆ', 'നിങ്ങളുടെ കുട്ടി'];
    const pdf = await renderPdf({
      title: '评估：家庭版本',
      language: 'zh',
      blocks: [...samples.map((text) => ({ kind: 'paragraph' as const, text })), { kind: 'table', head: ['日期', '发生了什么'], rows: [['2026年3月12日', chinese.repeat(3)]], widths: [1, 1] }],
    });
    const fonts = fontsIn(pdf);
    for (const font of ['NotoSansSC-Bold', 'NotoSansSC-Regular', 'NotoSansThai-Regular', 'NotoSansLao-Regular', 'NotoSansKhmer-Regular', 'NotoSansMyanmar-Regular', 'NotoSansSinhala-Regular', 'NotoSansTelugu-Regular', 'NotoSansKannada-Regular', 'NotoSansMalayalam-Regular']) expect(fonts).toContain(font);
    const text = await pdfText(pdf);
    expect(text).toContain('评估：家庭版本');
    expect(text).toContain('我們擔心孩子的安全。媽媽說她很憤怒。');
    expect(writtenWords(pdf)).toEqual(expect.arrayContaining(['ปลอดภัย', 'දරුවාගේ', 'ಮಗುವಿನ']));
    // The Chinese cell runs over several lines of half the page, cut between words, no line starting with a full stop or comma.
    const lines = (await linesOf(pdf, (x) => x > 300)).filter((line) => line !== '发生了什么' && !line.includes('page 1 of 1'));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.join('')).toBe(chinese.repeat(3));
    for (const line of lines) expect(line).not.toMatch(/^[。，）：]/u);
    expect(lines.some((line) => line.endsWith('（'))).toBe(false);
  });

  it('draws Korean (Hangul from Noto Sans KR, hanja from Noto Sans SC), with Korean typed as separate letters drawn as syllables, and reads back as written', async () => {
    const korean = '우리는 엘리의 안전이 걱정됩니다. 엄마는 매우 피곤하다고 말했습니다. 사회복지사가 다음 주에 방문합니다.';
    const pdf = await renderPdf({
      title: '평가: 가족용',
      language: 'ko',
      blocks: [{ kind: 'paragraph', text: korean }, { kind: 'paragraph', text: '學校 선생님 Ms Ahmed' }, { kind: 'paragraph', text: '\u110b\u1161\u11ab\u1102\u1167\u11bc' }, { kind: 'table', head: ['날짜', '있었던 일'], rows: [['2026년 3월 12일', korean]], widths: [1, 2] }],
    });
    const fonts = fontsIn(pdf);
    for (const font of ['NotoSansKR-Bold', 'NotoSansKR-Regular', 'NotoSansSC-Regular']) expect(fonts).toContain(font);
    const text = await pdfText(pdf);
    expect(text).toContain('평가: 가족용');
    expect(text).toContain('엄마는 매우 피곤하다고 말했습니다.');
    expect(text).toContain('學校 선생님 Ms Ahmed');
    expect(text).toContain('안녕'); // drawn from the composed syllables
    if (!hasPdftotext) return;
    const read = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    expect(read).toContain('우리는 엘리의 안전이 걱정됩니다.');
  });

  it('draws Tibetan (Noto Serif Tibetan) with its stacked letters, breaking lines after a syllable, and reads back as written', async () => {
    const tibetan = 'ང་ཚོས་ཨེ་ལིའི་བདེ་འཇགས་ལ་སེམས་ཁྲལ་ཡོད། ཨ་མས་ཁོ་མོ་ཧ་ཅང་ངལ་ཡོད་ཟེར། སྤྱི་ཚོགས་ལས་བྱེད་པ་བདུན་ཕྲག་རྗེས་མར་ཡོང་གི་རེད།';
    const pdf = await renderPdf({
      title: 'བརྟག་དཔྱད། ཁྱིམ་ཚང་གི་ཆེད་དུ།',
      language: 'bo',
      blocks: [{ kind: 'paragraph', text: 'བསྒྲིགས་ Ms Ahmed' }, { kind: 'table', head: ['ཚེས་གྲངས།', 'བྱུང་བ།'], rows: [['2026-03-12', tibetan.repeat(2)]], widths: [1, 1] }],
    });
    const fonts = fontsIn(pdf);
    for (const font of ['NotoSerifTibetan-Bold', 'NotoSerifTibetan-Regular']) expect(fonts).toContain(font);
    // Each syllable is drawn whole: a stack (སྒྲ) is one shape in the font, its letters kept as written.
    expect(writtenWords(pdf)).toEqual(expect.arrayContaining(['བསྒྲིགས་']));
    // pdf.js puts a space where it sees a gap between shapes, so spaces are left out here.
    const lines = (await linesOf(pdf, (x) => x > 300)).map((line) => line.replace(/ /g, '')).filter((line) => line !== 'བྱུང་བ།' && !line.includes('page1of1'));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe(tibetan.repeat(2).replace(/ /g, ''));
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/[་།]$/u); // a line ends after a syllable, never inside it
    if (!hasPdftotext) return;
    const read = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    expect(read).toContain('བསྒྲིགས་ Ms Ahmed');
    expect(read).toContain('ང་ཚོས་ཨེ་ལིའི་');
  });

  it('gives each piece of writing its letters as written where PDF readers look for them, so the words read in order', async () => {
    const pdf = await renderPdf({ title: 'For Ruby', blocks: [{ kind: 'paragraph', text: 'আপনার সন্তান নিরাপদ আছে। Mum said yes' }, { kind: 'paragraph', text: '我们担心孩子的安全。Sarah 说' }] });
    const streams = pageStreams(pdf).join('\n');
    const spans = [...streams.matchAll(/\/ActualText \([^]*?\)\n>> BDC\n(\w+)/g)].map((m) => m[1]);
    expect(spans.length).toBeGreaterThan(8);
    expect(new Set(spans)).toEqual(new Set(['BT'])); // each span inside the text's own state, right before its text
    if (!hasPdftotext) return; // Poppler's reader (pdftotext), where the machine has it: CI installs it
    const read = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    expect(read).toContain('আপনার সন্তান নিরাপদ আছে। Mum said yes');
    expect(read).toContain('我们担心孩子的安全。Sarah 说');
  });

  it('draws PDFs on their own thread, each answer going to the PDF asked for, and a bad document fails alone', async () => {
    const [ruby, amir] = await Promise.all([
      makePdf({ title: 'For Ruby', blocks: [{ kind: 'paragraph', text: 'Ruby goes to school every day.' }] }),
      makePdf({ title: 'For Amir', blocks: [{ kind: 'paragraph', text: 'آپ کا بچہ محفوظ ہے' }] }),
    ]);
    expect(await pdfText(ruby)).toContain('Ruby goes to school every day.');
    expect(await pdfText(amir)).toContain('For Amir');
    expect(fontsIn(amir)).toContain('NotoSansArabic-Regular');
    const cannotBeSent = { title: 'x', blocks: [], footer: (() => 'x') as unknown as string } as PdfDocument;
    await expect(makePdf(cannotBeSent)).rejects.toThrow();
    expect((await makePdf({ title: 'After', blocks: [] })).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
