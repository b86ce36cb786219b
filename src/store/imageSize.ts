/** The image size the next experiment uses, as the backbone and strategy selections decide it. */
import { findBackbone } from '../core/backbones/catalogue';
import type { StudioState } from './index';

/** Image sizes the config schema accepts (ExperimentConfig.imageSize). */
const IMAGE_SIZE_RANGE = { min: 16, max: 512 } as const;

/** The input side the next experiment uses: the Strategy panel's (when valid), else the backbone's own. */
export function selectEffectiveImageSize(state: Pick<StudioState, 'backbone' | 'strategy'>): number {
  const size = state.strategy.imageSize;
  if (size !== null && Number.isInteger(size) && size >= IMAGE_SIZE_RANGE.min && size <= IMAGE_SIZE_RANGE.max) {
    return size;
  }
  const spec = findBackbone(state.backbone.id);
  return state.backbone.loaded?.inputSize ?? spec?.preprocessing.inputSize ?? 224;
}
