import type { Command } from 'commander';
import { backendOption } from './backend';
import { FEWSHOT_METHOD_IDS } from '../core/fewshot/classifiers';
import { ZERO_SHOT_PRESETS } from '../core/fewshot/runZeroShot';
import type { FewShotFlags } from './fewshotCommand';
import type { ZeroShotFlags } from './zeroshotCommand';

/**
 * `transfer-studio fewshot` (N-way K-shot episodes) and `transfer-studio zeroshot` (attributes for unseen classes).
 * Implementations load on first use.
 */
export function registerFewShotCommands(program: Command, signal: AbortSignal): void {
  program
    .command('fewshot')
    .description('N-way K-shot episodes on backbone embeddings: prototypes, kNN and a ridge head, with 95 % intervals')
    .requiredOption('--dataset <dir|zip>', 'folder (or .zip) of class subfolders of JPEG/PNG images')
    .option('--ways <n>', 'classes per episode', '5')
    .option('--shots <list>', 'support images per class, comma-separated', '1,5,10')
    .option('--episodes <n>', 'episodes per method and shot count (the standard protocol uses ≥ 600)', '600')
    .option('--queries <n>', 'query images per class and episode (default: min(15, smallest class − largest shots))')
    .option('--methods <list>', `comma-separated (default all: ${FEWSHOT_METHOD_IDS.join(', ')})`)
    .option('--backbone <id>', 'backbone id (see `transfer-studio backbones`)', 'mobilenet_v1_0.25')
    .option('--model-url <url>', 'model.json to load instead of the catalogue URL: http(s) URL, file:// URL or path')
    .option('--cuts <list>', 'layers to take features at, comma-separated (default: the backbone’s cut)')
    .option('--image-size <px>', 'input side in pixels (default: the backbone’s own)')
    .option('--seed <n>', 'seed of the episode draws', '1')
    .option('--skip-bad-images', 'warn about unreadable images and go on without them (default: stop)')
    .addOption(backendOption())
    .option('--quiet', 'no progress output')
    .requiredOption('--out <dir>', 'output folder for fewshot.json and fewshot.txt')
    .addHelpText(
      'after',
      `
Example:
  transfer-studio fewshot --dataset ../shared/datasets/omniglot --ways 5 --shots 1,5 --episodes 600 \\
      --backbone mobilenet_v1_0.25 --model-url ../shared/models/mobilenet_v1_0.25_224/model.json --out out/omniglot

Each episode draws --ways classes, then queries and support images per class; every method classifies the
queries from the support alone. Episodes are paired: the same classes and queries for every method and shot
count, so gains between shot counts are per-episode differences.`,
    )
    .action(async (flags: FewShotFlags) => {
      const { fewshotCommand } = await import('./fewshotCommand');
      await fewshotCommand(flags, signal);
    });

  program
    .command('zeroshot')
    .description('zero-shot through attributes (DAP): classes recognised from an attribute table, never from examples')
    .requiredOption('--preset <name>', `built-in zero-shot task (${Object.keys(ZERO_SHOT_PRESETS).join(', ')})`)
    .option('--backbone <id>', 'backbone id (default: the preset’s)')
    .option('--model-url <url>', 'model.json to load instead of the catalogue URL: http(s) URL, file:// URL or path')
    .option('--cut <layer>', 'layer to take features at (default: the backbone’s cut)')
    .option('--lambda <x>', 'L2 penalty of the attribute classifiers (default: the preset’s)')
    .addOption(backendOption())
    .option('--quiet', 'no progress output')
    .requiredOption('--out <dir>', 'output folder for zeroshot.json and zeroshot.txt')
    .addHelpText(
      'after',
      `
Example:
  transfer-studio zeroshot --preset digits --out out/zeroshot

The digits preset learns six attributes ("closed loop", "long straight stroke", …; the table and how each value
was decided: src/core/fewshot/attributes.ts) from digits 0–4 only, then recognises 5–9 from their table rows
alone (Lampert et al. 2009). Accuracy on 5–9 comes with a 95 % Wilson interval against chance (20 %).`,
    )
    .action(async (flags: ZeroShotFlags) => {
      const { zeroshotCommand } = await import('./zeroshotCommand');
      await zeroshotCommand(flags, signal);
    });
}
