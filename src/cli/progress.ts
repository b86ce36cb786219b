import cliProgress from 'cli-progress';
import type { Estimate } from '../core/math/intervals';
import type { ExperimentEvent } from '../core/train/types';

/** Where progress goes: a writable text stream (stderr), and whether it is an interactive terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressReporter {
  onEvent(event: ExperimentEvent): void;
  /** Stops the bar (restores the line) — call on success, failure and cancellation alike. */
  stop(): void;
  /** Prints a line without tearing the bar. */
  log(line: string): void;
}

/**
 * Shows experiment progress on `stream`: a cli-progress bar over all (trial, epoch) steps on a terminal, plain
 * lines (phases and one line per finished trial, i.e. strategy × seed training) otherwise, so logs and CI output
 * stay readable.
 */
export function createProgressReporter(stream: ProgressStream, options: { quiet?: boolean } = {}): ProgressReporter {
  if (options.quiet) return { onEvent: () => {}, stop: () => {}, log: () => {} };
  return stream.isTTY ? barReporter(stream) : lineReporter(stream);
}

/** "caching: fine-tune:1: 64/200 images" while not yet complete. */
function isPartialProgress(event: Extract<ExperimentEvent, { type: 'experiment.phase' }>): boolean {
  const match = /(\d+)\/(\d+) images$/.exec(event.detail ?? '');
  return match !== null && match[1] !== match[2];
}

function describePhase(event: Extract<ExperimentEvent, { type: 'experiment.phase' }>): string {
  return event.detail ? `${event.phase}: ${event.detail}` : event.phase;
}

/** "0.873 [0.826, 0.909] on 250 images" (Wilson 95 %, from core); the last epoch's value when core sent none. */
export function finalAccuracy(accuracy: Estimate | undefined, lastEpoch: number): string {
  if (!accuracy?.ci95) return lastEpoch.toFixed(3);
  const [low, high] = accuracy.ci95;
  return `${accuracy.mean.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}] on ${accuracy.n} images`;
}

function lineReporter(stream: ProgressStream): ProgressReporter {
  let lastAccuracy = NaN;
  let lastSeconds = 0;
  const log = (line: string) => void stream.write(`${line}\n`);
  return {
    log,
    stop: () => {},
    onEvent(event) {
      switch (event.type) {
        case 'experiment.phase':
          if (event.phase !== 'done' && !isPartialProgress(event)) log(`[${describePhase(event)}]`);
          break;
        case 'trial.start':
          lastAccuracy = NaN;
          break;
        case 'strategy.cached':
          log(`  cached ${event.examples} examples for ${event.strategy} in ${event.seconds.toFixed(2)} s`);
          break;
        case 'trial.epoch':
          lastAccuracy = event.point.valAccuracy;
          lastSeconds = event.point.seconds;
          break;
        case 'trial.end':
          log(
            `trial ${event.trialIndex + 1}: ${event.strategy} seed ${event.seed}: val accuracy ` +
              `${finalAccuracy(event.accuracy, lastAccuracy)} (${lastSeconds.toFixed(1)} s)`,
          );
          break;
      }
    },
  };
}

function barReporter(stream: ProgressStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format:
        '{bar} {percentage}% | trial {trial} | {strategy} seed {seed} | epoch {epoch} | val acc {acc} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  let trialCount = 1;
  let transient = false;
  const payload = { trial: '-', strategy: '-', seed: '-', epoch: '-', acc: '-' };
  const log = (line: string) => {
    if (transient) {
      stream.write('\r\x1b[2K');
      transient = false;
    }
    if (started && !stopped) {
      // Clear the bar's line, print, and let the next update redraw it.
      stream.write(`\r\x1b[2K${line}\n`);
      bar.render();
    } else {
      stream.write(`${line}\n`);
    }
  };
  return {
    log,
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
    onEvent(event) {
      if (stopped) return;
      switch (event.type) {
        case 'experiment.phase':
          if (event.phase === 'done') break;
          if (started) {
            // Between trials (caching the next strategy): say so in the bar.
            if (event.phase === 'caching') {
              payload.epoch = 'caching';
              bar.update(payload);
            }
          } else if (isPartialProgress(event)) {
            // Overwrite one line with the count rather than printing a line per batch.
            stream.write(`\r\x1b[2K[${describePhase(event)}]`);
            transient = true;
          } else {
            log(`[${describePhase(event)}]`);
          }
          break;
        case 'trial.start':
          trialCount = event.trialCount;
          payload.trial = `${event.trialIndex + 1}/${event.trialCount}`;
          payload.strategy = event.strategy;
          payload.seed = String(event.seed);
          payload.epoch = '0';
          payload.acc = '-';
          break;
        case 'strategy.cached':
          log(`cached ${event.examples} examples for ${event.strategy} in ${event.seconds.toFixed(2)} s`);
          break;
        case 'trial.epoch': {
          payload.epoch = `${event.point.epoch}/${event.epochs}`;
          payload.acc = event.point.valAccuracy.toFixed(3);
          if (event.point.epoch === 0) {
            if (!started) {
              // Total steps are only known once the first trial announces its size.
              bar.start(trialCount * event.epochs, 0, payload);
              started = true;
            }
            bar.update(payload);
          } else {
            bar.increment(1, payload);
          }
          break;
        }
        case 'trial.end':
          break;
      }
    },
  };
}
