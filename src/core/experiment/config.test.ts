import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONFIG_DEFAULTS, CONFIG_KEYS, ConfigError, isStrategyId, parseExperimentConfig } from './config';
import type { ExperimentConfig } from './types';

/** Parses, returning the ConfigError instead of throwing it; any other exception escapes and fails the test. */
function tryParse(input: unknown): ExperimentConfig | ConfigError {
  try {
    return parseExperimentConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

const strategyArb = fc.oneof(
  fc.constant('scratch'),
  fc.constant('feature-extraction'),
  fc.integer({ min: 1, max: 13 }).map((k) => `fine-tune:${k}`),
);

/** Arbitrary valid configs, optional fields present or absent. */
const validConfigArb: fc.Arbitrary<ExperimentConfig> = fc.record(
  {
    schemaVersion: fc.constant(1 as const),
    backbone: fc.constantFrom('digits-vgg', 'mobilenet_v1_0.25', 'mobilenet_v2_1.0'),
    modelUrl: fc.constantFrom('https://example.org/m/model.json', '/tmp/model.json', 'file:///m/model.json'),
    strategies: fc.uniqueArray(strategyArb, { minLength: 1, maxLength: 6 }) as fc.Arbitrary<
      ExperimentConfig['strategies']
    >,
    seeds: fc.integer({ min: 1, max: 20 }),
    epochs: fc.integer({ min: 1, max: 500 }),
    batchSize: fc.integer({ min: 1, max: 1024 }),
    learningRate: fc.double({ min: 1e-6, max: 1, noNaN: true }),
    backboneLearningRateScale: fc.double({ min: 0, max: 10, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    perClass: fc.integer({ min: 1, max: 5000 }),
    validationFraction: fc.double({ min: 0.01, max: 0.89, noNaN: true }),
    splitSeed: fc.integer({ min: 0, max: 2 ** 31 }),
    imageSize: fc.integer({ min: 16, max: 512 }),
    augment: fc.boolean(),
    trainBatchNorm: fc.boolean(),
  },
  {
    requiredKeys: [
      'schemaVersion',
      'backbone',
      'strategies',
      'seeds',
      'epochs',
      'batchSize',
      'learningRate',
      'backboneLearningRateScale',
      'validationFraction',
      'splitSeed',
      'augment',
      'trainBatchNorm',
    ],
  },
);

/** Objects with known keys bound to arbitrary JSON values (reaches the per-field checks far more often). */
const nearConfigArb = fc.dictionary(
  fc.oneof(fc.constantFrom(...CONFIG_KEYS), fc.string({ maxLength: 12 })),
  fc.oneof(fc.jsonValue(), fc.integer(), fc.double(), strategyArb, fc.array(fc.oneof(strategyArb, fc.string()))),
);

describe('parseExperimentConfig', () => {
  it('fills every default from a config naming only the backbone', () => {
    expect(parseExperimentConfig({ backbone: 'digits-vgg' })).toEqual({ ...CONFIG_DEFAULTS, backbone: 'digits-vgg' });
  });

  it('does not share the default strategies array between configs', () => {
    const a = parseExperimentConfig({ backbone: 'x' });
    a.strategies.push('fine-tune:5');
    expect(parseExperimentConfig({ backbone: 'x' }).strategies).toEqual([
      'scratch',
      'feature-extraction',
      'fine-tune:1',
    ]);
  });

  it('lists every bad field as "field: reason", including unknown keys', () => {
    const error = tryParse({
      backbone: '',
      seeds: 50,
      epochs: 1.5,
      strategies: ['scratch', 'fine-tune:0', 'finetune'],
      learningRate: 0,
      validationFraction: 0.9,
      batchSize: '16',
      epoch: 3,
      colour: 'blue',
      schemaVersion: 2,
    });
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const line of [
      'backbone: must not be empty',
      'seeds: must be ≤ 20 (got 50)',
      'epochs: must be an integer (got 1.5)',
      'strategies[1]: must be scratch, feature-extraction or fine-tune:<k> with k ≥ 1, or an adaptation strategy',
      'tradaboost, oracle) (got "fine-tune:0")',
      'strategies[2]:',
      'learningRate: must be > 0 (got 0)',
      'validationFraction: must be < 0.9 (got 0.9)',
      'batchSize: expected number (got "16")',
      'epoch: unknown field (did you mean epochs?)',
      'colour: unknown field (valid fields:',
      'schemaVersion: unsupported schema version (got 2)',
    ]) {
      expect(message).toContain(line);
    }
    expect((error as ConfigError).issues.map((i) => i.field)).toContain('colour');
  });

  it('requires a backbone and an object', () => {
    expect((tryParse({}) as ConfigError).message).toContain('backbone: required');
    expect((tryParse(null) as ConfigError).message).toContain('config: expected object');
    expect((tryParse([]) as ConfigError).message).toContain('config: expected object');
  });

  it('checks ranges at their edges', () => {
    const ok = (patch: object) => tryParse({ backbone: 'b', ...patch });
    expect(
      ok({ seeds: 1, epochs: 500, batchSize: 1024, learningRate: 1, imageSize: 16, perClass: 1 }),
    ).not.toBeInstanceOf(ConfigError);
    for (const bad of [
      { seeds: 0 },
      { seeds: 21 },
      { epochs: 0 },
      { epochs: 501 },
      { batchSize: 0 },
      { batchSize: 1025 },
      { learningRate: 1.01 },
      { validationFraction: 0 },
      { imageSize: 15 },
      { imageSize: 513 },
      { perClass: 0 },
      { strategies: [] },
      { strategies: ['scratch', 'scratch'] },
      { strategies: ['fine-tune:01'] },
      { modelUrl: '' },
    ]) {
      expect(ok(bad), JSON.stringify(bad)).toBeInstanceOf(ConfigError);
    }
  });

  it('accepts exactly the strategy grammar', () => {
    for (const id of ['scratch', 'feature-extraction', 'fine-tune:1', 'fine-tune:13'])
      expect(isStrategyId(id)).toBe(true);
    for (const id of [
      '',
      'Scratch',
      'fine-tune',
      'fine-tune:',
      'fine-tune:0',
      'fine-tune:-1',
      'fine-tune:1.5',
      ' scratch',
    ])
      expect(isStrategyId(id)).toBe(false);
  });

  it('property: any JSON value yields a valid config or a ConfigError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearConfigArb, fc.anything()), (input) => {
        const result = tryParse(input);
        if (result instanceof ConfigError) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(result.message).toContain(`${issue.field}: ${issue.reason}`);
        } else {
          // Whatever came through is itself valid and stable.
          expect(parseExperimentConfig(result)).toEqual(result);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: valid configs round-trip through JSON unchanged', () => {
    fc.assert(
      fc.property(validConfigArb, (config) => {
        const parsed = parseExperimentConfig(config);
        expect(parsed).toEqual(config);
        expect(parseExperimentConfig(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });

  it('property: removing any optional-with-default field gives back its default', () => {
    fc.assert(
      fc.property(
        validConfigArb,
        fc.constantFrom(...(Object.keys(CONFIG_DEFAULTS) as (keyof typeof CONFIG_DEFAULTS)[])),
        (config, key) => {
          const input: Record<string, unknown> = { ...config };
          delete input[key];
          expect(parseExperimentConfig(input)[key]).toEqual(CONFIG_DEFAULTS[key]);
        },
      ),
    );
  });
});
