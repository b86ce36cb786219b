/**
 * The data half of `transfer-studio export-pytorch`: the experiment as a PyTorch project reads it
 * (`project.json`) and the images it trains on (`pixels.u8`). The split is made HERE, by our own core
 * (selectExamples, the same function runExperiment uses), and written as row indices per repeat, so the PyTorch
 * run trains and validates on exactly the images a studio or CLI run would (same split digest in results.json).
 * The images are stored already cropped and resized by our fitImages (8-bit RGB, size×size, NHWC, in manifest
 * order), so the only preprocessing left to Python is arithmetic (grey = mean of RGB, invert, scale) — no second
 * resampler to disagree with ours. Pure data in and out; the Node side writes the files.
 */
import type { BackboneSpec, Preprocessing } from '../backbones/types';
import type { Dataset, DecodedImage } from '../data/types';
import { HEAD_FOR_FAMILY, type HeadOptions } from '../heads/denseHead';
import { checkDepth, selectExamples, trialOrder, trialSeed, duplicateCounts } from '../experiment/runExperiment';
import { splitRecord } from '../experiment/splitDigest';
import type { ExperimentConfig, SplitRecord } from '../experiment/types';
import { parseStrategy } from '../train/strategy';
import { isAdaptationStrategy, type StrategyId } from '../train/types';
import { TorchExportError } from './torchBackbone';

export const TORCH_PROJECT_FORMAT = 'transfer-studio/torch-project';

export interface TorchProjectManifest {
  format: typeof TORCH_PROJECT_FORMAT;
  version: 1;
  config: ExperimentConfig;
  /** The new classifier on top of the cut (heads/denseHead.ts), as our engine builds it for this backbone. */
  head: HeadOptions;
  preprocessing: Preprocessing;
  /** Side of every stored image and of the network's input, pixels. */
  imageSize: number;
  dataset: { name: string; classNames: string[]; duplicates: ReturnType<typeof duplicateCounts> };
  /** Row r of pixels.u8 is examples[r]: its id, class index and where it came from (a file path or "mnist:7:12"). */
  examples: { id: string; label: number; source: string }[];
  /** Per repeat, the rows (indices into `examples`) it trains and validates on, in dataset order. */
  repeats: { repeat: number; train: number[]; validation: number[] }[];
  /** Every trial in the order our engine runs them, with the seed its initialisation and shuffling derive from. */
  trials: { strategy: StrategyId; seed: number; repeat: number; trialSeed: number }[];
  /** The split digests, copied into results.json by `summarize`. */
  split: SplitRecord;
}

/**
 * The manifest and the pixel rows of `config` on `dataset` (images as decoded; fitted here unless already
 * `imageSize` square). Rejects what the PyTorch runner does not implement with a TorchExportError: domain
 * adaptation strategies and augmentation.
 */
export function buildTorchProject(
  config: ExperimentConfig,
  dataset: Dataset,
  spec: BackboneSpec,
  fit: (image: DecodedImage) => DecodedImage,
): { manifest: TorchProjectManifest; pixels: Uint8Array } {
  const adaptation = config.strategies.filter(isAdaptationStrategy);
  if (adaptation.length > 0)
    throw new TorchExportError(`the PyTorch export has no domain adaptation strategies (${adaptation.join(', ')})`);
  if (config.augment) throw new TorchExportError('the PyTorch export does not augment; run without --augment');
  for (const id of config.strategies) checkDepth(parseStrategy(id), id, spec);
  const imageSize = config.imageSize ?? spec.preprocessing.inputSize;
  const repeats = config.repeats ?? 1;
  const splits = Array.from({ length: repeats }, (_, repeat) => selectExamples(dataset, config, repeat));

  const used = [...new Set(splits.flatMap((s) => [...s.train, ...s.validation]))].sort((a, b) => a - b);
  const rowOf = new Map(used.map((index, row) => [index, row]));
  const bytesPerImage = imageSize * imageSize * 3;
  const pixels = new Uint8Array(used.length * bytesPerImage);
  used.forEach((index, row) => {
    const image = fit(dataset.examples[index].image);
    if (image.width !== imageSize || image.height !== imageSize)
      throw new RangeError(`fit returned ${image.width}×${image.height}, not ${imageSize}×${imageSize}`);
    pixels.set(image.data, row * bytesPerImage);
  });

  const idsOf = (indices: readonly number[]) => indices.map((i) => dataset.examples[i].id);
  const manifest: TorchProjectManifest = {
    format: TORCH_PROJECT_FORMAT,
    version: 1,
    config,
    head: HEAD_FOR_FAMILY[spec.family],
    preprocessing: spec.preprocessing,
    imageSize,
    dataset: { name: dataset.name, classNames: [...dataset.classNames], duplicates: duplicateCounts(dataset) },
    examples: used.map((index) => {
      const { id, label, source } = dataset.examples[index];
      return { id, label, source };
    }),
    repeats: splits.map((split, repeat) => ({
      repeat,
      train: split.train.map((i) => rowOf.get(i)!),
      validation: split.validation.map((i) => rowOf.get(i)!),
    })),
    trials: Array.from({ length: repeats }, (_, repeat) =>
      trialOrder(config.strategies, config.seeds).map(({ strategy, seed }) => ({
        strategy,
        seed,
        repeat,
        trialSeed: trialSeed(seed, repeat),
      })),
    ).flat(),
    split: splitRecord(
      splits.map((split, repeat) => ({ repeat, train: idsOf(split.train), validation: idsOf(split.validation) })),
    ),
  };
  return { manifest, pixels };
}
