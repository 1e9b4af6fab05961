/**
 * The scan degradations of the corpus generator: a page scanned sideways or upside down is the
 * same page turned, not a corrupted image (the tilt made sharp's image three-channel, and read
 * back as one channel the turned page was three ghost copies of itself).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scanPage, type ScanDegradation } from '../../src/corpus/degrade.js';
import { Rng } from '../../src/corpus/random.js';
import type { PageRaster } from '../../src/corpus/raster.js';

/** A white page, 200 × 300, with a black block in its top-left corner. */
function page(): PageRaster {
  const width = 200;
  const height = 300;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let y = 10; y < 70; y++) for (let x = 10; x < 90; x++) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  return { width, height, widthPt: width, heightPt: height, rgba } as PageRaster;
}

const plain: ScanDegradation = { dpi: 200, tiltDeg: 0.8, blurSigma: 0, grain: 0, speckles: 0, lighting: 0, lightingAngleDeg: 0, jpegQuality: 90, rotation: 0 };

/** Mean grey of a rectangle of the decoded scan. */
async function meanGrey(jpeg: Uint8Array, x0: number, y0: number, x1: number, y1: number): Promise<number> {
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += data[y * info.width + x];
  return sum / ((x1 - x0) * (y1 - y0));
}

describe('scan degradation', () => {
  it.each([
    [90, { width: 300, height: 200 }, [240, 20, 280, 80]],
    [180, { width: 200, height: 300 }, [120, 240, 180, 280]],
    [270, { width: 300, height: 200 }, [20, 120, 60, 180]],
  ] as const)('a page turned %i° (and tilted) is the page turned: its block where the turn puts it', async (rotation, size, [x0, y0, x1, y1]) => {
    const scan = await scanPage(page(), { ...plain, rotation }, new Rng(1));
    expect({ width: scan.width, height: scan.height }).toEqual(size);
    expect(await meanGrey(scan.jpeg, x0, y0, x1, y1)).toBeLessThan(60);
    // The rest of the page stays paper: no ghost copy of the block.
    const far = rotation === 180 ? [20, 20, 60, 60] : [size.width - 60, size.height - 60, size.width - 20, size.height - 20];
    expect(await meanGrey(scan.jpeg, far[0], far[1], far[2], far[3])).toBeGreaterThan(200);
  });
});
