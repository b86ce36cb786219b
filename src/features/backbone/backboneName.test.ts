import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { runBackboneName } from './backboneName';

describe('runBackboneName', () => {
  const t = ((key: string, options?: Record<string, unknown>) =>
    key === 'setup.fromFiles'
      ? `${options?.name} from ${options?.file}`
      : key === 'backbone.names.mobilenet-v1'
        ? `MobileNet ${options?.alpha}`
        : key) as unknown as TFunction;
  it('names the files a result’s model came from (config.modelUrl "files:<name>")', () => {
    expect(runBackboneName(t, { backbone: 'mobilenet_v1_0.25', modelUrl: 'files:model.json' })).toBe(
      'MobileNet 0.25 from model.json',
    );
    expect(runBackboneName(t, { backbone: 'mobilenet_v1_0.25' })).toBe('MobileNet 0.25');
    expect(runBackboneName(t, { backbone: 'mobilenet_v1_0.25', modelUrl: 'https://example.org/model.json' })).toBe(
      'MobileNet 0.25',
    );
  });
});
