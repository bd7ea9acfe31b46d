import { describe, expect, it } from 'vitest';
import { decodeClassifierModel, encodeClassifierModel } from '../../../src/core/classify/classifier-model.js';
import { decodeTextModel, encodeTextModel } from '../../../src/core/classify/model-codec.js';
import { ModelClassifier } from '../../../src/core/classify/model-classifier.js';
import { trainTextModel } from '../../../src/core/classify/train-text-model.js';

const EXAMPLES = [
  { text: 'The app crashes when I open settings', label: 'bug' },
  { text: 'Sync fails with an error since the update', label: 'bug' },
  { text: 'Login page shows a blank screen', label: 'bug' },
  { text: 'The sensor stopped sending readings', label: 'bug' },
  { text: 'Please add a dark theme', label: 'feature_request' },
  { text: 'It would be great to export to Excel', label: 'feature_request' },
  { text: 'Could you add keyboard shortcuts?', label: 'feature_request' },
  { text: 'We would love a calendar view', label: 'feature_request' },
];

describe('a trained text model', () => {
  it('comes out identical when trained twice on the same examples', () => {
    const first = JSON.stringify(encodeTextModel(trainTextModel(EXAMPLES)));
    const second = JSON.stringify(encodeTextModel(trainTextModel(EXAMPLES)));
    expect(first).toBe(second);
  });

  it('predicts the same after a round trip through JSON', () => {
    const model = trainTextModel(EXAMPLES);
    const restored = decodeTextModel(JSON.parse(JSON.stringify(encodeTextModel(model))));
    for (const text of ['the app crashes on start', 'please add an export', 'something else entirely']) {
      const before = model.score(text).probabilities;
      const after = restored.score(text).probabilities;
      before.forEach((p, i) => expect(after[i]).toBeCloseTo(p, 3));
    }
  });

  it('learns from its examples: a new text with their words gets their label', () => {
    const model = trainTextModel(EXAMPLES);
    const scores = model.score('the settings screen crashes with an error');
    expect(model.labels[scores.probabilities.indexOf(Math.max(...scores.probabilities))]).toBe('bug');
    const terms = scores.explain(model.labels.indexOf('bug'), 3);
    expect(terms.some((term) => term.split(' ').includes('settings'))).toBe(true);
    for (const term of terms) expect('the settings screen crashes with an error').toContain(term);
  });

  it('lets a heavier example outweigh a lighter contradicting one', () => {
    const text = 'the widget thing';
    const light = trainTextModel([...EXAMPLES, { text, label: 'bug' }, { text, label: 'feature_request', weight: 5 }]);
    const probabilities = light.score(text).probabilities;
    expect(probabilities[light.labels.indexOf('feature_request')]).toBeGreaterThan(probabilities[light.labels.indexOf('bug')] as number);
  });

  it('refuses a stored model that is damaged, saying why', () => {
    const json = encodeClassifierModel({ category: trainTextModel(EXAMPLES) });
    expect(() => decodeClassifierModel({ ...json, format: 2 })).toThrow(/format/);
    expect(() => decodeClassifierModel({ ...json, category: { ...json.category, weights: 'AAAA' } })).toThrow(/packed values/);
    expect(() => decodeClassifierModel({ ...json, category: { ...json.category, labels: ['bug', 'gossip'], bias: [0, 0] } })).toThrow(/gossip/);
  });

  it('classifies through a stored model with the version it is given', () => {
    const model = decodeClassifierModel(JSON.parse(JSON.stringify(encodeClassifierModel({ category: trainTextModel(EXAMPLES) }))));
    const result = new ModelClassifier(model, 'trained-7').classify('the app crashes');
    expect(result).toMatchObject({ category: 'bug', modelVersion: 'trained-7' });
    expect(result.alternatives.map((a) => a.category)).toEqual(['bug', 'feature_request']);
  });
});
