import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackboneError } from './errors';
import { matchBackboneSpec } from './matchSpec';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/models');
const topologyOf = (folder: string) =>
  (JSON.parse(readFileSync(path.join(modelsDir, folder, 'model.json'), 'utf8')) as { modelTopology: unknown })
    .modelTopology;

describe('matchBackboneSpec', () => {
  it('tells MobileNet v1 widths apart by the first convolution', () => {
    expect(matchBackboneSpec(topologyOf('mobilenet_v1_0.25_224'))).toMatchObject({
      spec: { id: 'mobilenet_v1_0.25' },
      exactWidth: true,
    });
    expect(matchBackboneSpec(topologyOf('mobilenet_v1_0.75_224'))).toMatchObject({
      spec: { id: 'mobilenet_v1_0.75' },
      exactWidth: true,
    });
  });

  it('names what a foreign model lacks', () => {
    const foreign = {
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', name: 'd', config: { units: 2, batch_input_shape: [null, 4] } }] },
    };
    expect(() => matchBackboneSpec(foreign, 'my.json')).toThrow(BackboneError);
    expect(() => matchBackboneSpec(foreign, 'my.json')).toThrow(/my\.json is a layers model.*conv_pw_1_relu/);
    expect(() => matchBackboneSpec({ nonsense: true })).toThrow(/not a Keras model topology/);
  });
});
