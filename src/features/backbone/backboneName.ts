import type { TFunction } from 'i18next';
import { BACKBONES, findBackbone } from '../../core/backbones/catalogue';
import type { BackboneSpec } from '../../core/backbones/types';
import type { ExperimentConfig } from '../../core/experiment/types';

/** The catalogue, in its own order (the chooser and the cost table list it so). */
export const CATALOGUE: readonly BackboneSpec[] = Object.values(BACKBONES);

export function specOf(id: string): BackboneSpec | undefined {
  return findBackbone(id);
}

/** Width multiplier written in the id ("mobilenet_v1_0.25" → "0.25"); null for other backbones. */
export function alphaOf(spec: BackboneSpec): string | null {
  return spec.family === 'digits-vgg' ? null : (/_(\d+(?:\.\d+)?)$/.exec(spec.id)?.[1] ?? null);
}

/** Localised short name: "MobileNet v1, α = 0.25", "Digits VGG (built-in)". */
export function backboneName(t: TFunction, idOrSpec: string | BackboneSpec): string {
  const spec = typeof idOrSpec === 'string' ? specOf(idOrSpec) : idOrSpec;
  if (!spec) return String(idOrSpec);
  return t(`backbone.names.${spec.family}`, { alpha: alphaOf(spec) ?? '' });
}

/**
 * The backbone a run used, named with its origin when that was files the user dropped (ExperimentResult config
 * `modelUrl: 'files:<name>'`, set by the engine worker): "MobileNet v1, α = 0.25, from your files (model.json)".
 */
export function runBackboneName(t: TFunction, config: Pick<ExperimentConfig, 'backbone' | 'modelUrl'>): string {
  const name = backboneName(t, config.backbone);
  const file = config.modelUrl?.startsWith('files:') ? config.modelUrl.slice('files:'.length) : null;
  return file ? t('setup.fromFiles', { name, file }) : name;
}
