import { describe, expect, it } from 'vitest';
import { BACKBONES, BUILT_IN_IMAGENET_BACKBONE, findBackbone, getBackbone } from './catalogue';

describe('backbone catalogue', () => {
  it('finds every entry by id, and the id matches the key', () => {
    for (const [id, spec] of Object.entries(BACKBONES)) {
      expect(getBackbone(id)).toBe(spec);
      expect(spec.id).toBe(id);
      expect(spec.blockOutputs).toContain(spec.defaultCut);
      expect(spec.licence.length).toBeGreaterThan(20);
    }
  });

  it('throws for an unknown id, listing the valid ids', () => {
    expect(() => getBackbone('resnet50')).toThrow(/unknown backbone "resnet50"/);
    expect(() => getBackbone('resnet50')).toThrow(/digits-vgg, mobilenet_v1_0\.25, mobilenet_v1_0\.50/);
    // Inherited object keys are not backbones.
    expect(() => getBackbone('toString')).toThrow(/valid ids/);
  });

  it('findBackbone answers undefined for an unknown id, inherited keys included', () => {
    expect(findBackbone('digits-vgg')).toBe(BACKBONES['digits-vgg']);
    for (const id of ['resnet50', 'toString', '__proto__', 'constructor']) expect(findBackbone(id)).toBeUndefined();
  });

  it('lists MobileNet v1 at the four public alphas with their tfjs-models URLs and 13 block outputs', () => {
    for (const alpha of ['0.25', '0.50', '0.75', '1.0']) {
      const spec = getBackbone(`mobilenet_v1_${alpha}`);
      const publicUrl = `https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_${alpha}_224/model.json`;
      expect(spec.builtIn ? spec.upstreamUrl : spec.modelUrl).toBe(publicUrl);
      expect(spec.blockOutputs).toHaveLength(13);
      expect(spec.blockOutputs[0]).toBe('conv_pw_1_relu');
      expect(spec.defaultCut).toBe('conv_pw_13_relu');
      expect(spec.preprocessing).toEqual({ inputSize: 224, channels: 3, range: 'minus-one-to-one', centreCrop: true });
    }
    // Paper values (Howard et al. 2017, Table 6), as fractions.
    expect(getBackbone('mobilenet_v1_0.25').imagenetTop1).toBe(0.506);
    expect(getBackbone('mobilenet_v1_0.25').verifiedOffline).toBeUndefined();
    expect(getBackbone('mobilenet_v1_1.0').verifiedOffline).toBe(false);
  });

  it('ships MobileNet v1 0.25 with the app (public/models), the built-in ImageNet backbone', () => {
    const spec = getBackbone(BUILT_IN_IMAGENET_BACKBONE);
    expect(spec.id).toBe('mobilenet_v1_0.25');
    expect(spec.builtIn).toBe(true);
    expect(spec.modelUrl).toBe('models/mobilenet_v1_0.25_224/model.json');
    expect(Object.values(BACKBONES).filter((s) => s.builtIn && s.family !== 'digits-vgg')).toEqual([spec]);
  });

  it('describes the built-in digits model as 28×28 greyscale, inverted (black-on-white in, MNIST polarity out)', () => {
    const spec = getBackbone('digits-vgg');
    expect(spec.builtIn).toBe(true);
    expect(spec.modelUrl).toBe('models/digits-vgg/model.json');
    expect(spec.preprocessing).toMatchObject({ inputSize: 28, channels: 1, range: 'zero-to-one', invert: true });
    expect(spec.blockOutputs).toEqual(['block1_pool', 'block2_pool', 'block3_pool']);
  });

  it('marks MobileNet v2 entries as not verified offline', () => {
    const v2 = Object.values(BACKBONES).filter((spec) => spec.family === 'mobilenet-v2');
    expect(v2.length).toBeGreaterThan(0);
    for (const spec of v2) {
      expect(spec.verifiedOffline).toBe(false);
      expect(spec.defaultCut).toBe('out_relu');
    }
  });
});
