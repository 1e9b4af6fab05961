/**
 * Test PDFs with real Vietnamese text, drawn with pdf-lib.
 *
 * pdf-lib embeds a TrueType font only through @pdf-lib/fontkit, which is not installed. So this
 * helper embeds the machine's DejaVu Sans (it has every Vietnamese glyph) by hand, the way Word
 * does: a Type0 / CIDFontType2 font with Identity-H encoding, glyph widths (/W) and a ToUnicode
 * CMap so a reader gets the text back. Coordinates are top-left-origin points, like the Layout.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  beginText,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
export const FONT_REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
export const FONT_BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
/** Whether the Unicode TTF fonts the generated-PDF tests draw with exist on this machine. */
export const HAVE_FONTS = existsSync(FONT_REGULAR) && existsSync(FONT_BOLD);

interface Ttf {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  bbox: number[];
  glyph(cp: number): number;
  advance(gid: number): number;
}

/** The few TrueType tables a CID font needs: head, hhea, hmtx, cmap (format 4). */
function parseTtf(bytes: Uint8Array): Ttf {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0, n = dv.getUint16(4); i < n; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(rec, rec + 4));
    tables.set(tag, dv.getUint32(rec + 8));
  }
  const head = tables.get('head')!;
  const hhea = tables.get('hhea')!;
  const hmtx = tables.get('hmtx')!;
  const cmap = tables.get('cmap')!;
  const metrics = dv.getUint16(hhea + 34);
  let sub = -1;
  for (let i = 0, n = dv.getUint16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const off = cmap + dv.getUint32(rec + 4);
    if (dv.getUint16(rec) === 3 && dv.getUint16(rec + 2) === 1 && dv.getUint16(off) === 4) sub = off;
  }
  if (sub < 0) throw new Error('no format-4 Unicode cmap');
  const segs = dv.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  return {
    unitsPerEm: dv.getUint16(head + 18),
    ascent: dv.getInt16(hhea + 4),
    descent: dv.getInt16(hhea + 6),
    bbox: [0, 2, 4, 6].map((o) => dv.getInt16(head + 36 + o)),
    glyph(cp) {
      for (let i = 0; i < segs; i++) {
        if (cp > dv.getUint16(ends + 2 * i)) continue;
        const start = dv.getUint16(starts + 2 * i);
        if (cp < start) return 0;
        const delta = dv.getInt16(deltas + 2 * i);
        const ro = dv.getUint16(ranges + 2 * i);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = dv.getUint16(ranges + 2 * i + ro + 2 * (cp - start));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    },
    advance(gid) {
      return dv.getUint16(hmtx + 4 * Math.min(gid, metrics - 1));
    },
  };
}

interface EmbeddedFont {
  /** Resource name in the page's /Font dictionary. */
  name: string;
  /** PostScript name: a reader tells bold apart by it. */
  base: string;
  bytes: Uint8Array;
  ttf: Ttf;
  ref: PDFRef;
  used: Map<number, number>; // gid → code point
}

/** A PDF under construction. */
export class TestPdf {
  private fonts: EmbeddedFont[] = [];
  private constructor(readonly doc: PDFDocument) {}

  static async create(): Promise<TestPdf> {
    const pdf = new TestPdf(await PDFDocument.create());
    pdf.embed('F1', 'DejaVuSans', FONT_REGULAR);
    pdf.embed('F2', 'DejaVuSans-Bold', FONT_BOLD);
    return pdf;
  }

  private embed(key: string, name: string, path: string): void {
    const bytes = new Uint8Array(readFileSync(path));
    this.fonts.push({ name: key, base: name, bytes, ttf: parseTtf(bytes), ref: this.doc.context.nextRef(), used: new Map() });
  }

  /** A new page (A4 portrait by default) with both fonts in its resources. */
  addPage(width = 595.28, height = 841.89): PDFPage {
    const page = this.doc.addPage([width, height]);
    for (const f of this.fonts) page.node.setFontDictionary(PDFName.of(f.name), f.ref);
    return page;
  }

  /** Width of `text` at `size` points. */
  width(text: string, size: number, bold = false): number {
    const { ttf } = this.fonts[bold ? 1 : 0];
    let w = 0;
    for (const ch of text.normalize('NFC')) w += ttf.advance(ttf.glyph(ch.codePointAt(0)!));
    return (w / ttf.unitsPerEm) * size;
  }

  /** Draw one line of text whose top edge (ascent) is at `top`. */
  text(page: PDFPage, text: string, x: number, top: number, size = 12, bold = false): void {
    const font = this.fonts[bold ? 1 : 0];
    let hex = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      const gid = font.ttf.glyph(cp);
      font.used.set(gid, cp);
      hex += gid.toString(16).padStart(4, '0');
    }
    const baseline = page.getHeight() - top - (font.ttf.ascent / font.ttf.unitsPerEm) * size;
    page.pushOperators(
      beginText(),
      setFontAndSize(font.name, size),
      setTextMatrix(1, 0, 0, 1, x, baseline),
      showText(PDFHexString.of(hex)),
      endText(),
    );
  }

  /** A stroked line from (x0, y0) to (x1, y1), top-left coordinates. */
  line(page: PDFPage, x0: number, y0: number, x1: number, y1: number, width = 0.5): void {
    const h = page.getHeight();
    page.pushOperators(
      pushGraphicsState(),
      setStrokingRgbColor(0, 0, 0),
      setLineWidth(width),
      moveTo(x0, h - y0),
      lineTo(x1, h - y1),
      stroke(),
      popGraphicsState(),
    );
  }

  /** A filled rectangle (a rule drawn as a bar, as Word does), top-left coordinates. */
  bar(page: PDFPage, x: number, y: number, w: number, hgt: number): void {
    const h = page.getHeight();
    page.pushOperators(pushGraphicsState(), setFillingRgbColor(0, 0, 0), rectangle(x, h - y - hgt, w, hgt), fill(), popGraphicsState());
  }

  /** Serialise: writes each font's widths and ToUnicode map for the glyphs used. */
  async save(): Promise<Uint8Array> {
    const ctx = this.doc.context;
    for (const f of this.fonts) {
      const scale = 1000 / f.ttf.unitsPerEm;
      const gids = [...f.used.keys()].sort((a, b) => a - b);
      const widths = gids.flatMap((g) => [g, [Math.round(f.ttf.advance(g) * scale)]]);
      const file = ctx.register(ctx.stream(f.bytes, { Length1: f.bytes.length }));
      const descriptor = ctx.register(
        ctx.obj({
          Type: 'FontDescriptor',
          FontName: f.base,
          Flags: 32,
          FontBBox: f.ttf.bbox.map((v) => Math.round(v * scale)),
          ItalicAngle: 0,
          Ascent: Math.round(f.ttf.ascent * scale),
          Descent: Math.round(f.ttf.descent * scale),
          CapHeight: 700,
          StemV: 80,
          FontFile2: file,
        }),
      );
      const cid = ctx.register(
        ctx.obj({
          Type: 'Font',
          Subtype: 'CIDFontType2',
          BaseFont: f.base,
          CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
          FontDescriptor: descriptor,
          W: widths,
          DW: 1000,
          CIDToGIDMap: 'Identity',
        }),
      );
      const toUnicode = ctx.register(ctx.stream(cmapFor(f.used)));
      ctx.assign(
        f.ref,
        ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: f.base, Encoding: 'Identity-H', DescendantFonts: [cid], ToUnicode: toUnicode }),
      );
    }
    return this.doc.save({ useObjectStreams: false });
  }
}

function cmapFor(used: Map<number, number>): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  const utf16 = (cp: number) =>
    cp > 0xffff ? hex(0xd800 + ((cp - 0x10000) >> 10), 4) + hex(0xdc00 + ((cp - 0x10000) & 0x3ff), 4) : hex(cp, 4);
  const entries = [...used].map(([g, cp]) => `<${hex(g, 4)}> <${utf16(cp)}>`);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
