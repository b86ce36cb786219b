import type { Command } from 'commander';
import { backendOption } from './backend';
import type { ScoreCommandFlags } from './scoreCommand';
import type { ShiftCommandFlags } from './shiftCommand';

/**
 * `transfer-studio score` and `transfer-studio shift`: transferability estimates for (backbone, cut) candidates
 * and the domain-shift meter between two image folders. Implementations load on first use.
 */
export function registerTransferabilityCommands(program: Command, signal: AbortSignal): void {
  program
    .command('score')
    .description('rank (backbone, cut) candidates for a dataset by transferability scores, optionally measured')
    .requiredOption('--dataset <dir|zip>', 'folder (or .zip) of class subfolders of JPEG/PNG images')
    .requiredOption('--backbones <list>', 'comma-separated backbone ids (see `transfer-studio backbones`)')
    .option('--model-urls <list>', "each backbone's model.json in the same order (URL or path; '' = catalogue URL)")
    .option('--cuts <list>', 'block ends to score, for every backbone (or id:layer for one); default: 3 per backbone')
    .option('--image-size <px>', 'input side in pixels (default: each backbone’s own)')
    .option('--measure', 'also train a feature-extraction head at every cut and report its accuracy')
    .option('--seeds <n>', 'seeds per measured candidate (default 2)')
    .option('--epochs <n>', 'epochs per measurement (default 20)')
    .option('--per-class <n>', 'training examples per class, drawn after the validation split (default: all)')
    .option('--batch-size <n>', 'batch size of the measurement (default 16)')
    .option('--learning-rate <x>', 'head learning rate of the measurement (default 0.001)')
    .option('--validation-fraction <x>', 'fraction of each class held out (default 0.2); the rest is scored')
    .option('--split-seed <n>', 'seed of the train/validation split (default 1)')
    .option('--skip-bad-images', 'warn about unreadable images and go on without them (default: stop)')
    .addOption(backendOption())
    .option('--quiet', 'no progress output')
    .requiredOption('--out <dir>', 'output folder for scores.json')
    .addHelpText(
      'after',
      `
Scores (higher = expected to transfer better): LogME, LEEP and NCE (need the backbone's own classifier), the
regularised H-score, GBC, and leave-one-out 1-NN accuracy. They are computed on the training split, so a
--measure run tests on images the scores never saw.

Examples:
  transfer-studio score --dataset ../shared/datasets/flowers --backbones mobilenet_v1_0.25,mobilenet_v1_0.75 \\
      --model-urls ../shared/models/mobilenet_v1_0.25_224,../shared/models/mobilenet_v1_0.75_224 --out out/scores
  transfer-studio score --dataset digits/ --backbones digits-vgg --measure --seeds 2 --epochs 10 --out out/s

Outputs DIR/scores.json: candidates[] with backbone, cut, scores and (with --measure) measured.accuracy.`,
    )
    .action(async (flags: ScoreCommandFlags) => {
      const { scoreCommand } = await import('./scoreCommand');
      await scoreCommand(flags, signal);
    });

  program
    .command('shift')
    .description('measure the domain shift between two image folders in a backbone’s embedding space')
    .requiredOption('--source <dir|zip>', 'the source images (class subfolders)')
    .requiredOption('--target <dir|zip>', 'the target images (class subfolders)')
    .requiredOption('--backbone <id>', 'backbone id (see `transfer-studio backbones`)')
    .option('--model-url <url>', 'model.json to load instead of the catalogue URL: http(s) URL, file:// URL or path')
    .option('--cut <layer>', 'block end to embed at (default: the backbone’s default cut)')
    .option('--image-size <px>', 'input side in pixels (default: the backbone’s own)')
    .option('--max-per-side <n>', 'images drawn from each side (default 300)')
    .option('--seed <n>', 'seed of the draw, the permutation test and the classifier folds (default 1)')
    .option('--skip-bad-images', 'warn about unreadable images and go on without them (default: stop)')
    .addOption(backendOption())
    .option('--quiet', 'no progress output')
    .requiredOption('--out <dir>', 'output folder for shift.json')
    .addHelpText(
      'after',
      `
Distances: MMD² (RBF kernel, median bandwidth) with a permutation p-value, the CORAL distance
‖C_S − C_T‖²/(4d²), and the proxy A-distance 2(1 − 2ε) of a linear domain classifier, with a 95 % interval.

Example:
  transfer-studio shift --source ../shared/datasets/digits-mnist --target ../shared/datasets/digits-mnistm \\
      --backbone digits-vgg --out out/shift`,
    )
    .action(async (flags: ShiftCommandFlags) => {
      const { shiftCommand } = await import('./shiftCommand');
      await shiftCommand(flags, signal);
    });
}
