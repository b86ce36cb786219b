import cliProgress from 'cli-progress';
import type { SweepCellKey, SweepEvent } from '../core/sweep/types';
import type { ProgressReporter, ProgressStream } from './progress';

/**
 * Sweep progress on `stream`: on a terminal one bar over every (trial, epoch) with the cell being trained and the
 * time left; otherwise a line per phase and per finished cell, so logs stay readable.
 */
export function createSweepProgress(
  stream: ProgressStream,
  options: { quiet?: boolean } = {},
): Omit<ProgressReporter, 'onEvent'> & { onEvent(event: SweepEvent): void } {
  if (options.quiet) return { onEvent: () => {}, stop: () => {}, log: () => {} };
  let cells: SweepCellKey[] = [];
  const name = (cell: number) => {
    const key = cells[cell];
    if (!key) return `cell ${cell}`;
    const series = key.series && key.series !== 'transfer' ? `${key.series} ` : '';
    return `${series}${key.strategy} @ ${key.perClass}/class`;
  };
  const bar = stream.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: stream as NodeJS.WritableStream,
          format: '{bar} {percentage}% | trial {trial} | {cell} | epoch {epoch} | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  let stopped = false;
  const payload = { trial: '-', cell: '-', epoch: '-' };
  const log = (line: string) => {
    if (bar && started && !stopped) {
      stream.write(`\r\x1b[2K${line}\n`);
      bar.render();
    } else stream.write(`${line}\n`);
  };
  return {
    log,
    stop() {
      if (bar && started && !stopped) bar.stop();
      stopped = true;
    },
    onEvent(event) {
      if (stopped) return;
      switch (event.type) {
        case 'sweep.planned':
          cells = event.cells;
          log(`sweep: ${event.cells.length} cells, ${event.trialCount} trainings of ${event.epochs} epochs`);
          if (bar) {
            bar.start(event.trialCount * event.epochs, 0, payload);
            started = true;
          }
          break;
        case 'sweep.phase':
          if (event.phase !== 'done' && event.phase !== 'training')
            log(`[${event.phase}${event.detail ? `: ${event.detail}` : ''}]`);
          break;
        case 'sweep.cached':
          log(`  cached ${event.examples} images at depth ${event.depth} in ${event.seconds.toFixed(2)} s`);
          break;
        case 'trial.start':
          payload.trial = `${event.trialIndex + 1}/${event.trialCount}`;
          payload.cell = name(event.cell);
          payload.epoch = '0';
          bar?.update(payload);
          break;
        case 'trial.epoch':
          payload.epoch = `${event.point.epoch}/${event.epochs}`;
          if (event.point.epoch > 0) bar?.increment(1, payload);
          break;
        case 'cell.end': {
          const p = event.metrics.plateau;
          const interval = p.ci95 ? ` [${p.ci95[0].toFixed(3)}, ${p.ci95[1].toFixed(3)}]` : '';
          log(`${name(event.cell)}: plateau ${p.mean.toFixed(3)}${interval}`);
          break;
        }
        case 'trial.end':
          break;
      }
    },
  };
}
