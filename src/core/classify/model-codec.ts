import { z } from 'zod';
import { featureDim } from './features.js';
import { TextModel } from './text-model.js';

/**
 * A TextModel as JSON for the `classifier_models.model` column. Arrays are packed as base64: slots as ascending
 * deltas in LEB128 varints, IDF and weights as 16-bit integers with a scale. That keeps a model trained on a few
 * thousand long posts to a few megabytes instead of tens, at a rounding error far below what changes a prediction.
 */
export const TextModelJson = z.object({
  labels: z.array(z.string().min(1)).min(1),
  features: z.object({
    bits: z.number().int().min(8).max(20),
    charMin: z.number().int().min(0).max(8),
    charMax: z.number().int().min(0).max(8),
    bigramWeight: z.number().min(0),
    charBlockWeight: z.number().min(0),
    cues: z.boolean(),
    // Models stored before these options were read with the headline in the word block and log TF.
    headlineBlockWeight: z.number().min(0).default(0),
    headlineChars: z.boolean().default(false),
    binaryTf: z.boolean().default(false),
  }),
  rows: z.number().int().min(0),
  slots: z.string(),
  idf: z.string(),
  idfScale: z.number().positive(),
  weights: z.string(),
  weightScale: z.number().positive(),
  bias: z.array(z.number()),
});
export type TextModelJson = z.infer<typeof TextModelJson>;

export function encodeTextModel(model: TextModel): TextModelJson {
  const { labels, features, slots, idf, weights, bias } = model.data;
  const idfQuantised = quantise(idf);
  const weightsQuantised = quantise(weights);
  return {
    labels,
    features,
    rows: slots.length,
    slots: encodeDeltas(slots),
    idf: idfQuantised.base64,
    idfScale: idfQuantised.scale,
    weights: weightsQuantised.base64,
    weightScale: weightsQuantised.scale,
    bias: [...bias],
  };
}

/** Throws with a readable reason when the JSON is not a model this code can use. */
export function decodeTextModel(json: unknown): TextModel {
  const data = TextModelJson.parse(json);
  const slots = decodeDeltas(data.slots, data.rows);
  const idf = dequantise(data.idf, data.idfScale, data.rows);
  const weights = dequantise(data.weights, data.weightScale, data.rows * data.labels.length);
  if (data.bias.length !== data.labels.length) throw new Error(`model has ${data.labels.length} labels but ${data.bias.length} biases`);
  const dim = featureDim(data.features);
  if (slots.length > 0 && (slots[slots.length - 1] as number) >= dim) throw new Error('model slots exceed its feature space');
  return new TextModel({ labels: data.labels, features: data.features, slots, idf, weights, bias: Float64Array.from(data.bias) });
}

function quantise(values: Float32Array): { base64: string; scale: number } {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const packed = Int16Array.from(values, (v) => Math.round(v / scale));
  return { base64: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('base64'), scale };
}

function dequantise(base64: string, scale: number, expected: number): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== expected * 2) throw new Error(`expected ${expected} packed values, found ${bytes.length / 2}`);
  const packed = new Int16Array(expected);
  for (let i = 0; i < expected; i += 1) packed[i] = bytes.readInt16LE(i * 2);
  return Float32Array.from(packed, (v) => v * scale);
}

function encodeDeltas(slots: Int32Array): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const slot of slots) {
    let delta = slot - previous;
    previous = slot;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  return Buffer.from(bytes).toString('base64');
}

function decodeDeltas(base64: string, expected: number): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  const slots = new Int32Array(expected);
  let at = 0;
  let previous = 0;
  for (let i = 0; i < expected; i += 1) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) throw new Error('model slots are truncated');
      const byte = bytes[at] as number;
      at += 1;
      delta |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    previous += delta;
    slots[i] = previous;
  }
  return slots;
}
