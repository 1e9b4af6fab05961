/**
 * The fast path to a scanner's page images: the JPEG bytes as stored in the file.
 *
 * pdfjs decodes every page image with its JavaScript JPEG decoder (~0.7 s of CPU for a 200-dpi
 * A4 page, a third of the OCR itself), only for sharp to decode again from raw pixels. A scanner
 * PDF page is almost always one DCT image drawn over the whole page, and for such a page the
 * stored JPEG is the page image. pdf-lib reads the file's structure in milliseconds; a page
 * that is exactly "one full-page JPEG and nothing else" is taken from here, anything else (other
 * filters, masks, CMYK, decode arrays, cropping, more drawing) goes through pdfjs as before.
 *
 * pdf-lib is a dev dependency of khcl today: when it is not installed this path is skipped.
 */
import type * as PdfLib from 'pdf-lib';
import type { PdfPageImage } from './pdf-images.js';

type PdfLibModule = typeof PdfLib;

let pdfLib: Promise<PdfLibModule | null> | undefined;

function loadPdfLib(): Promise<PdfLibModule | null> {
  pdfLib ??= import('pdf-lib').then(
    (m) => m as PdfLibModule,
    () => null,
  );
  return pdfLib;
}

/** Colour spaces sharp turns into grey the way pdfjs would (CMYK and friends are left to pdfjs). */
const PLAIN_SPACES = new Set(['/DeviceGray', '/DeviceRGB', '/CalGray', '/CalRGB', '/ICCBased']);

/**
 * Page count and the pages (1-based) whose image can be taken as stored; null when pdf-lib is
 * missing or cannot read the file (pdfjs then does everything, and reports what is wrong).
 */
export async function storedPageJpegs(bytes: Uint8Array): Promise<{ pageCount: number; pages: Map<number, PdfPageImage> } | null> {
  const lib = await loadPdfLib();
  if (!lib) return null;
  let doc: PdfLib.PDFDocument;
  try {
    doc = await lib.PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  } catch {
    return null;
  }
  const pages = new Map<number, PdfPageImage>();
  doc.getPages().forEach((page, i) => {
    try {
      const found = fullPageJpeg(lib, doc, page, i + 1);
      if (found) pages.set(i + 1, found);
    } catch {
      // Anything unexpected in the page's structure: leave the page to pdfjs.
    }
  });
  return { pageCount: doc.getPageCount(), pages };
}

function fullPageJpeg(lib: PdfLibModule, doc: PdfLib.PDFDocument, page: PdfLib.PDFPage, n: number): PdfPageImage | null {
  const { PDFName, PDFDict, PDFRawStream, PDFArray } = lib;
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  if (media.x !== 0 || media.y !== 0 || crop.x !== 0 || crop.y !== 0 || crop.width !== media.width || crop.height !== media.height) {
    return null;
  }
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const entries = xobjects?.entries() ?? [];
  if (entries.length !== 1) return null;
  const [name, ref] = entries[0];
  const image = doc.context.lookup(ref);
  if (!(image instanceof PDFRawStream)) return null;
  const dict = image.dict;
  const get = (key: string) => dict.get(PDFName.of(key));
  const filter = get('Filter');
  const filters = filter instanceof PDFArray ? filter.asArray().map(String) : [String(filter)];
  if (String(get('Subtype')) !== '/Image' || filters.length !== 1 || filters[0] !== '/DCTDecode') return null;
  if (get('Decode') || get('SMask') || get('Mask') || get('ImageMask')) return null;
  const space = doc.context.lookup(get('ColorSpace'));
  const spaceName = space instanceof PDFArray ? String(space.get(0)) : String(space);
  if (!PLAIN_SPACES.has(spaceName)) return null;
  if (spaceName === '/ICCBased' && space instanceof PDFArray) {
    // An ICC profile of 4 components is CMYK, which Adobe JPEGs may store inverted.
    const profile = doc.context.lookup(space.get(1));
    const components = profile instanceof PDFRawStream ? Number(String(profile.dict.get(PDFName.of('N')))) : NaN;
    if (components !== 1 && components !== 3) return null;
  }

  // The page must do nothing but draw that image over all of itself: "q W 0 0 H 0 0 cm /Im Do Q".
  const content = pageContent(lib, doc, page);
  const m = /^\s*q\s+([\d.]+)\s+0\s+0\s+([\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+cm\s*\/(\S+)\s+Do\s*Q\s*$/.exec(content ?? '');
  if (!m || `/${m[5]}` !== String(name)) return null;
  const [w, h, x, y] = m.slice(1, 5).map(Number);
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.01 * Math.max(media.width, media.height);
  if (!near(w, media.width) || !near(h, media.height) || !near(x, 0) || !near(y, 0)) return null;

  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  if (rotation % 90 !== 0) return null;
  const turned = rotation % 180 === 90;
  const width = turned ? media.height : media.width;
  const height = turned ? media.width : media.height;
  return {
    page: n,
    width,
    height,
    image: {
      // Viewers ignore a JPEG's EXIF orientation inside a PDF; so must we.
      source: { kind: 'encoded', bytes: image.contents, orient: false },
      box: { x0: 0, y0: 0, x1: width, y1: height },
      quarterTurns: (rotation / 90) as 0 | 1 | 2 | 3,
      mirror: false,
    },
  };
}

/** The page's content streams decoded and joined; null when one cannot be decoded. */
function pageContent(lib: PdfLibModule, doc: PdfLib.PDFDocument, page: PdfLib.PDFPage): string | null {
  const { PDFArray, PDFRawStream, decodePDFRawStream } = lib;
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  let text = '';
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    text += Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') + '\n';
  }
  return text;
}
