/** The part of fontkit (the font reader pdfkit uses) Hearth calls: whether a font can draw a character. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(filename: string): Font;
}
