import { Command, CommanderError } from 'commander';
import { BACKBONES } from '../core/backbones/catalogue';
import { CancelledError } from '../core/train/types';
import { EXIT_CANCELLED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UserError, messageOf } from './errors';
import { PRESETS } from '../node/presets';
import { formatTable } from '../node/textTable';
import { backendOption, type BackendFlag } from './backend';
import type { RunFlags } from './runOptions';
import type { SweepCommandFlags } from './sweepCommand';
import { registerTransferabilityCommands } from './transferabilityCommands';
import { registerFewShotCommands } from './fewshotCommands';
import { registerPytorchCommands } from './pytorchCommands';

/**
 * `transfer-studio`: the studio's experiments, headless. Exit codes: 0 done, 2 bad input (one message, no stack),
 * 130 cancelled (Ctrl-C), 1 an internal error (stack trace with --debug). main.ts runs `main` on the process's
 * arguments and exits with its code; tests also run it in-process (src/testing/cli.ts runInProcess).
 */

interface GlobalFlags {
  debug?: boolean;
}

export interface RunCommandFlags extends RunFlags {
  out: string;
  backend: BackendFlag;
  quiet?: boolean;
  skipBadImages?: boolean;
}

function buildProgram(
  onRun: (flags: RunCommandFlags) => Promise<void>,
  onSweep: (flags: SweepCommandFlags) => Promise<void>,
): Command {
  const program = new Command('transfer-studio')
    .description('Transfer learning experiments: transfer vs scratch learning curves, measured (JSON/CSV out).')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .command('run')
    .description('run an experiment: every strategy × seed on one dataset, then a summary table')
    .option('--preset <name>', `built-in experiment (${Object.keys(PRESETS).join(', ')})`)
    .option('--dataset <dir|zip>', 'folder (or .zip) of class subfolders of JPEG/PNG images')
    .option('--source <dir|zip>', 'domain adaptation: the labelled source domain (class subfolders)')
    .option('--target <dir|zip>', 'domain adaptation: the target domain (as --dataset; validated on its labels)')
    .option('--config <file.json>', 'experiment config file (flags override its fields)')
    .option('--backbone <id>', 'backbone id (see `transfer-studio backbones`)')
    .option('--model-url <url>', 'model.json to load instead of the catalogue URL: http(s) URL, file:// URL or path')
    .option(
      '--strategies <list>',
      'comma-separated: scratch,feature-extraction,fine-tune:<k>, or (with --source/--target) ' +
        'source-only,coral,deep-coral,dan,dann,tradaboost,oracle',
    )
    .option('--image-size <px>', 'input side in pixels (default: the backbone’s own)')
    .option('--seeds <n>', 'seeds per strategy (default 3)')
    .option(
      '--repeats <n>',
      'repeats of the comparison, each on a new stratified split and training sample (default 1); intervals then cover the split',
    )
    .option('--epochs <n>', 'epochs per training, i.e. per strategy × seed (default 20)')
    .option('--per-class <n>', 'training examples per class, drawn after the validation split (default: all)')
    .option('--batch-size <n>', 'batch size (default 16)')
    .option('--learning-rate <x>', 'head learning rate (default 0.001)')
    .option('--backbone-lr-scale <x>', 'fine-tuned blocks learn at learning-rate × this (default 0.1)')
    .option('--validation-fraction <x>', 'fraction of each class held out (default 0.2)')
    .option('--split-seed <n>', 'seed of the train/validation split (default 1)')
    .option('--augment', 'random flips and crops while training')
    .option('--train-batch-norm', 'let BatchNorm update its statistics while fine-tuning')
    .option('--skip-bad-images', 'warn about unreadable images and train without them (default: stop)')
    .addOption(backendOption())
    .option('--quiet', 'no progress output')
    .requiredOption('--out <dir>', 'output folder for results.json and curves.csv')
    .addHelpText(
      'after',
      `
Examples:
  transfer-studio run --preset digits-ab --seeds 3 --epochs 20 --per-class 10 --out out/digits-ab
  transfer-studio run --preset digits-ab --seeds 3 --repeats 3 --out out/digits-ab-repeats
  transfer-studio run --dataset photos/ --backbone mobilenet_v1_0.25 --model-url models/mobilenet/model.json \\
      --strategies scratch,feature-extraction,fine-tune:2 --out out/photos
  transfer-studio run --preset digits-mnist-to-mnistm --seeds 2 --repeats 2 --out out/adapt
  transfer-studio run --preset digits-to-colour-digits --seeds 2 --out out/adapt-offline   (synthetic target)
  transfer-studio run --source mnist/ --target mnistm/ --backbone digits-vgg \
      --strategies source-only,coral,dan,dann,tradaboost,oracle --out out/adapt-folders
  transfer-studio run --config experiment.json --epochs 5 --out out/quick   (flags override the file)

Outputs DIR/results.json (the ExperimentResult, with a digest of the split) and DIR/curves.csv (one row per
strategy, repeat, seed and epoch). Every number is a mean with its 95 % interval (t over repeats, or over seeds
with one repeat); verdicts are made only when an interval excludes zero.
Exit codes: 0 done, 2 bad input, 130 cancelled (Ctrl-C), 1 internal error.`,
    )
    .action(async (flags: RunCommandFlags) => onRun(flags));

  program
    .command('sweep')
    .description(
      'run a grid as one job: freeze depth × examples per class × repeats × seeds, with scratch as the floor',
    )
    .option('--preset <name>', `built-in experiment (${Object.keys(PRESETS).join(', ')})`)
    .option('--dataset <dir|zip>', 'folder (or .zip) of class subfolders of JPEG/PNG images')
    .option('--backbone <id>', 'backbone id (see `transfer-studio backbones`)')
    .option('--model-url <url>', 'model.json to load instead of the catalogue URL: http(s) URL, file:// URL or path')
    .option('--depths <list>', 'trainable top blocks, e.g. 0-3 or 0,2 (0 = feature extraction)')
    .option('--per-class <list>', 'training examples per class, e.g. 1,2,5,10,20,50 (nested subsets)')
    .option('--no-scratch', 'leave out the scratch floor (and the gains over it)')
    .option('--seeds <n>', 'seeds per repeat (default 3)')
    .option('--repeats <n>', 'repeats, each a new split and training draw (default 1)')
    .option('--epochs <n>', 'epochs per training (default 20)')
    .option('--batch-size <n>', 'batch size (default 16)')
    .option('--learning-rate <x>', 'head learning rate (default 0.001)')
    .option('--backbone-lr-scale <x>', 'fine-tuned blocks learn at learning-rate × this (default 0.1)')
    .option('--validation-fraction <x>', 'fraction of each class held out (default 0.2)')
    .option('--split-seed <n>', 'seed of the first repeat’s split (default 1)')
    .option('--image-size <px>', 'input side in pixels (default: the backbone’s own)')
    .option('--train-batch-norm', 'let BatchNorm update its statistics while fine-tuning')
    .option('--skip-bad-images', 'warn about unreadable images and train without them (default: stop)')
    .addOption(backendOption())
    .option('--quiet', 'no progress output')
    .requiredOption('--out <dir>', 'output folder for sweep.json, cells.csv and sweep-curves.csv')
    .addHelpText(
      'after',
      `
Examples:
  transfer-studio sweep --preset digits-ab --depths 0-3 --per-class 2,10,50 --seeds 2 --repeats 2 --out out/sweep
  transfer-studio sweep --dataset photos/ --backbone mobilenet_v1_0.25 --depths 0-4 --per-class 10 --image-size 128 \\
      --out out/photos-depths

Outputs DIR/sweep.json (every cell's curves, metrics with 95 % intervals, the axes the charts draw), DIR/cells.csv
(one row per cell) and DIR/sweep-curves.csv (one row per trial and epoch).`,
    )
    .action(async (flags: SweepCommandFlags) => onSweep(flags));

  program
    .command('backbones')
    .description('list the backbone catalogue')
    .option('--json', 'print the catalogue as JSON')
    .action((flags: { json?: boolean }) => {
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(Object.values(BACKBONES), null, 2)}\n`);
        return;
      }
      const rows = [
        ['id', 'input', 'blocks', 'top-1', 'params (M)', 'offline', 'label'],
        ...Object.values(BACKBONES).map((b) => [
          b.id,
          `${b.preprocessing.inputSize}×${b.preprocessing.inputSize}×${b.preprocessing.channels}`,
          String(b.blockOutputs.length),
          b.imagenetTop1 !== undefined ? `${(b.imagenetTop1 * 100).toFixed(1)} %` : '—',
          b.parametersMillions !== undefined ? String(b.parametersMillions) : '—',
          b.builtIn ? 'built-in' : 'download',
          b.label,
        ]),
      ];
      process.stdout.write(`${formatTable(rows)}\n`);
    });

  return program;
}

/** Runs the CLI on `argv` (process.argv form) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT_CANCELLED);
    process.stderr.write('\ncancelling… (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  const program = buildProgram(
    async (flags) => {
      const { runCommand } = await import('./runCommand');
      await runCommand(flags, controller.signal);
    },
    async (flags) => {
      const { sweepCommand } = await import('./sweepCommand');
      await sweepCommand(flags, controller.signal);
    },
  );
  registerTransferabilityCommands(program, controller.signal);
  registerFewShotCommands(program, controller.signal);
  registerPytorchCommands(program);
  try {
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, debug || (program.opts() as GlobalFlags).debug === true);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help/version text).
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof CancelledError) {
    process.stderr.write('cancelled\n');
    return EXIT_CANCELLED;
  }
  if (error instanceof UserError) {
    process.stderr.write(`error: ${error.message}\n`);
    if (debug) process.stderr.write(`${(error.cause instanceof Error && error.cause.stack) || error.stack}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`internal error: ${messageOf(error)}\n`);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('(run again with --debug for the stack trace)\n');
  return EXIT_INTERNAL;
}
