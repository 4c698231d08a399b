// Reads a PNG screenshot back into pixels, to tell a drawn scene from an empty canvas, and
// cuts a part out of one (a page screenshot is one frame; a second of the scene, another).
import { PNG } from 'pngjs';

export interface PixelSummary {
  /** Distinct colours, quantised to 4 bits per channel. */
  distinctColours: number;
  /** Share of pixels that differ from the most common colour (the background). */
  nonBackgroundShare: number;
}

export function summarisePixels(png: Buffer): PixelSummary {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const key = ((image.data[offset]! >> 4) << 8) | ((image.data[offset + 1]! >> 4) << 4) | (image.data[offset + 2]! >> 4);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = image.width * image.height;
  const background = Math.max(...counts.values());
  return { distinctColours: counts.size, nonBackgroundShare: (total - background) / total };
}

/** The part of a screenshot inside `box` (CSS pixels at scale 1, clipped to the image), as a PNG. */
export function cropPng(png: Buffer, box: { x: number; y: number; width: number; height: number }): Buffer {
  const image = PNG.sync.read(png);
  const x = Math.max(0, Math.round(box.x));
  const y = Math.max(0, Math.round(box.y));
  const width = Math.min(image.width - x, Math.round(box.width));
  const height = Math.min(image.height - y, Math.round(box.height));
  if (width <= 0 || height <= 0)
    throw new Error(`test: box ${JSON.stringify(box)} lies outside the ${image.width}×${image.height} screenshot`);
  const crop = new PNG({ width, height });
  PNG.bitblt(image, crop, x, y, width, height, 0, 0);
  return PNG.sync.write(crop);
}
