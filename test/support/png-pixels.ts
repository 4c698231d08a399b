// Reads a PNG screenshot back into pixels, to tell a drawn scene from an empty canvas.
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
