import { describe, expect, it } from 'vitest';
import { renderPdf, writingPdfCannotShow } from './pdf';
import { pdfText } from '../../test/helpers/pdf';

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
    expect(text).toContain('Visit number 80');
    expect(text).toMatch(/page 2 of \d/);
  });

  it('says which writing it cannot show: scripts its font has no letters for, and right-to-left scripts it would lay out backwards', () => {
    expect(writingPdfCannotShow(['Zoë Nowak-Ahmed', 'Łucja', 'Ольга', 'Ayşe', 'Ελένη', '“quotes” – and dashes…'])).toEqual([]);
    expect(writingPdfCannotShow(['আমরা যা পেয়েছি'])).toEqual(['Bengali']);
    expect(writingPdfCannotShow(['ہم نے کیا پایا', 'Mum said ما وجدناه'])).toEqual(['Arabic script (such as Arabic, Urdu, Farsi or Pashto)']);
    expect(writingPdfCannotShow(['ਅਸੀਂ ਕੀ ਲੱਭਿਆ', '我们发现了什么', 'ዝረኸብናዮ', 'અમને શું મળ્યું'])).toEqual([
      'Gurmukhi (Punjabi)',
      'Gujarati',
      'Chinese characters',
      'Ethiopic (such as Tigrinya or Amharic)',
    ]);
    expect(writingPdfCannotShow(['Sarah 🙂'])).toEqual(['other characters (such as 🙂)']);
  });
});

