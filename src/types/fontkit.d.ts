/** The part of fontkit (the font reader pdfkit uses) Hearth calls: whether a font can draw a character, and laying out a word. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: Record<string, boolean>): { glyphs: { id: number }[] };
  }
  export function openSync(filename: string): Font;
  export function create(data: Buffer): Font;
}
