import type { Command } from 'commander';
import type { ExportPytorchFlags } from './exportPytorchCommand';

/**
 * `transfer-studio export-pytorch` and `transfer-studio summarize`: an experiment as a self-contained PyTorch
 * project (backbone converted, the exact split, a DistributedDataParallel train.py), and its raw curves back into
 * our results.json, summarised by our own core. Implementations load on first use.
 */
export function registerPytorchCommands(program: Command): void {
  program
    .command('export-pytorch')
    .description('write an experiment as a PyTorch project (converted backbone, exact split, DDP train.py)')
    .option('--preset <name>', 'built-in experiment (e.g. digits-ab)')
    .option('--dataset <dir|zip>', 'folder (or .zip) of class subfolders of JPEG/PNG images')
    .option('--config <file.json>', 'experiment config file (flags override its fields)')
    .option('--backbone <id>', 'backbone id (chains of layers: digits-vgg, mobilenet_v1_*)')
    .option('--model-url <url>', 'model.json to load instead of the catalogue URL: http(s) URL, file:// URL or path')
    .option('--strategies <list>', 'comma-separated: scratch,feature-extraction,fine-tune:<k>')
    .option('--image-size <px>', 'input side in pixels (default: the backbone’s own)')
    .option('--seeds <n>', 'seeds per strategy (default 3)')
    .option('--repeats <n>', 'repeats, each a new stratified split and training sample (default 1)')
    .option('--epochs <n>', 'epochs per training (default 20)')
    .option('--per-class <n>', 'training examples per class, drawn after the validation split (default: all)')
    .option('--batch-size <n>', 'global batch size, split across processes (default 16)')
    .option('--learning-rate <x>', 'head learning rate (default 0.001)')
    .option('--backbone-lr-scale <x>', 'fine-tuned blocks learn at learning-rate × this (default 0.1)')
    .option('--validation-fraction <x>', 'fraction of each class held out (default 0.2)')
    .option('--split-seed <n>', 'seed of the train/validation split (default 1)')
    .option('--train-batch-norm', 'let BatchNorm update its statistics while fine-tuning')
    .option('--skip-bad-images', 'warn about unreadable images and go on without them (default: stop)')
    .requiredOption('--out <dir>', 'folder of the project')
    .addHelpText(
      'after',
      `
Example:
  transfer-studio export-pytorch --preset digits-ab --out out/digits-torch
  cd out/digits-torch && torchrun --redirects 2 --tee 2 --nproc_per_node=2 train.py   (or: python3 train.py)
  transfer-studio summarize out/digits-torch        → out/digits-torch/results.json (drop it into the studio)

The project needs Python 3 with torch (Debian: apt-get install python3-torch). Its README says what each file is.`,
    )
    .action(async (flags: ExportPytorchFlags) => {
      const { exportPytorchCommand } = await import('./exportPytorchCommand');
      await exportPytorchCommand(flags);
    });

  program
    .command('summarize')
    .description('turn an exported PyTorch project’s runs.json into results.json (metrics and intervals by our core)')
    .argument('<dir>', 'the folder export-pytorch wrote and train.py ran in')
    .option(
      '--against <results.json>',
      'a `run` of the same experiment (same split): print the paired plateau difference per strategy',
    )
    .action(async (dir: string, flags: { against?: string }) => {
      const { summarizeCommand } = await import('./exportPytorchCommand');
      await summarizeCommand(dir, flags.against);
    });
}
