import { describe, expect, it } from 'vitest';
import { createPhotoBackboneDefault, looksLikePhotos } from './photoBackbone';

const file = (path: string, type = '') => ({ path, file: { type } });

describe('the ImageNet backbone by default for photos and the webcam', () => {
  it('recognises photos by MIME type or file name, not digit PNGs', () => {
    expect(looksLikePhotos([file('flowers/daisy/1.jpg')])).toBe(true);
    expect(looksLikePhotos([file('x/a.bin', 'image/jpeg')])).toBe(true);
    expect(looksLikePhotos([file('pets/cat.WEBP')])).toBe(true);
    expect(looksLikePhotos([file('digits/7/seven_0.png', 'image/png')])).toBe(false);
    expect(looksLikePhotos([])).toBe(false);
  });

  it('switches the digits network to the built-in MobileNet once per dataset', () => {
    const decide = createPhotoBackboneDefault();
    expect(decide('d1', true, 'digits-vgg')).toBe('mobilenet_v1_0.25');
    // The user picked the digits network again for the same dataset: it stays.
    expect(decide('d1', true, 'digits-vgg')).toBeNull();
    expect(decide('d2', false, 'digits-vgg')).toBeNull();
    expect(decide('d3', true, 'mobilenet_v1_0.75')).toBeNull();
  });
});
