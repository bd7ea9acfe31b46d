import { describe, expect, it } from 'vitest';
import { BUILTIN_CALIBRATION } from '../../../src/core/classify/builtin-calibration.js';
import { builtinClassifier, calibrateBuiltinModel } from '../../../src/core/classify/builtin-model.js';
import { calibrate } from '../../../src/core/classify/calibration.js';
import { decodeClassifierModel, encodeClassifierModel } from '../../../src/core/classify/classifier-model.js';
import { ModelClassifier } from '../../../src/core/classify/model-classifier.js';
import { HELD_OUT_CHATTER, HELD_OUT_FEEDBACK } from './held-out-examples.js';

describe('calibration', () => {
  it('the built-in model ships with the thresholds its examples give when cross-validated', () => {
    // When an example changes, this fails with the new value: paste it into builtin-calibration.ts.
    expect(calibrateBuiltinModel()).toEqual(BUILTIN_CALIBRATION);
  });

  it('marks most unseen chatter as confidently out of scope and no unseen feedback at all', () => {
    const classifier = builtinClassifier();
    const chatter = HELD_OUT_CHATTER.filter((text) => classifier.classify(text).outOfScope?.confident);
    expect(chatter.length).toBeGreaterThanOrEqual(HELD_OUT_CHATTER.length * 0.66);
    const feedback = Object.values(HELD_OUT_FEEDBACK).flat().filter((text) => classifier.classify(text).outOfScope?.confident);
    expect(feedback).toEqual([]);
  });

  it('calls a classification unsure exactly when its confidence is below the stored threshold', () => {
    const classifier = builtinClassifier();
    for (const text of ['Please add a dark mode', 'hmm', 'The sensor and the app and the price', 'gm']) {
      const result = classifier.classify(text);
      expect(result.unsure).toBe(result.confidence < BUILTIN_CALIBRATION.unsure);
    }
  });

  it('chooses the unsure threshold so that the predictions above it are right often enough, and keeps 99% of feedback below the chatter threshold', () => {
    const labels = ['bug', 'noise'];
    // Ten confident right answers, then a run of doubtful ones that are mostly wrong.
    const rows = [
      ...Array.from({ length: 10 }, () => ({ truth: 'bug', p: [0.95, 0.05] })),
      ...Array.from({ length: 4 }, () => ({ truth: 'noise', p: [0.55, 0.45] })),
      ...Array.from({ length: 6 }, (_, i) => ({ truth: 'noise', p: [0.1, 0.9 - i * 0.01] })),
    ];
    const calibration = calibrate(rows.map((r) => r.truth), {
      labels,
      predicted: rows.map((r) => (r.p[0]! > r.p[1]! ? 'bug' : 'noise')),
      probabilities: rows.map((r) => Float64Array.from(r.p)),
    });
    expect(calibration.unsure).toBeGreaterThan(0.55);
    expect(calibration.outOfScope).toBe(0.05);
    expect(calibration.measured?.inScopeKept).toBe(1);
    expect(calibration.measured?.outOfScopeRecall).toBe(1);
  });

  it('is stored with the model and read back with it', () => {
    const model = builtinClassifier().model;
    const restored = decodeClassifierModel(JSON.parse(JSON.stringify(encodeClassifierModel(model))));
    expect(restored.calibration).toEqual(BUILTIN_CALIBRATION);
    const text = 'lol same';
    expect(new ModelClassifier(restored, 'x').classify(text).outOfScope).toEqual(builtinClassifier().classify(text).outOfScope);
  });

  it('a model stored before calibration classifies without unsure or out-of-scope flags', () => {
    const { calibration: _dropped, ...json } = encodeClassifierModel(builtinClassifier().model);
    const result = new ModelClassifier(decodeClassifierModel(json), 'old').classify('thanks!');
    expect(result.unsure).toBeUndefined();
    expect(result.outOfScope).toBeUndefined();
  });
});
