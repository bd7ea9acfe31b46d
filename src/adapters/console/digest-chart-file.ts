import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DigestChartData } from '../../core/impact/digest-chart-data.js';
import { digestChartImage } from '../charts/digest-chart-image.js';
import { impactPageUrl } from '../impact-link.js';

/**
 * The digest's image for the terminal: written as a PNG under the data directory (one file per period, so a
 * retry rewrites the same file rather than adding one) and described in lines to print.
 */
export async function writeDigestChart(chart: DigestChartData, dir: string, publicUrl?: string): Promise<{ path: string; lines: string[] }> {
  const image = await digestChartImage(chart);
  await mkdir(dir, { recursive: true });
  const path = resolve(dir, image.filename);
  await writeFile(path, image.png);
  return { path, lines: [`${image.title}: image written to ${path}`, `  ${image.altText}`, ...(publicUrl ? [`  Impact page: ${impactPageUrl(publicUrl, chart.range)}`] : [])] };
}
