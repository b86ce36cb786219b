/**
 * When a first visit measures the backends (engine.worker.ts measureThenSwitch): measure at once when the engine is
 * idle; stop the measurement when long work starts (a run, a sweep, a classifier training, a score) and measure
 * again once the engine is idle; hand the pick over only when idle, so the backend never changes under a run.
 * Measured beside a run, both are slowed (on 2 cores it was one of the causes of a first visit's late first curve
 * point) and the measured speeds are wrong. Kept apart from the worker so the policy is tested without one.
 */
import { MeasurementStopped, type BackgroundMeasurement, type MeasuredChoice } from './backend';

export interface MeasureScheduleOptions {
  /** Starts one measurement (measureInBackground). */
  measure: () => BackgroundMeasurement;
  /** True while long work runs in the engine. */
  busy: () => boolean;
  /** False once the user picked another backend: then nothing more happens. */
  stillCurrent: () => boolean;
  /** The pick, handed over when the engine is idle. */
  onChoice: (choice: MeasuredChoice) => void;
  /** A measurement failed (not stopped). */
  onFailure: (error: Error) => void;
  /** How often a waiting step checks whether the engine is idle, ms. */
  pollMs?: number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
}

export interface MeasureSchedule {
  /** Stops the measurement in progress, if any; it starts again once the engine is idle. */
  pause(): void;
}

export function scheduleMeasurement(options: MeasureScheduleOptions): MeasureSchedule {
  const { pollMs = 500 } = options;
  const later = options.setTimeout ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  let current: BackgroundMeasurement | null = null;
  const whenIdle = (then: () => void) => {
    if (!options.stillCurrent()) return;
    if (options.busy()) later(() => whenIdle(then), pollMs);
    else then();
  };
  const measure = () => {
    const measurement = options.measure();
    current = measurement;
    measurement.choice.then(
      (choice) => {
        if (current === measurement) current = null;
        whenIdle(() => options.onChoice(choice));
      },
      (error: Error) => {
        if (current === measurement) current = null;
        if (error instanceof MeasurementStopped) whenIdle(measure);
        else if (options.stillCurrent()) options.onFailure(error);
      },
    );
  };
  whenIdle(measure);
  return {
    pause() {
      current?.stop();
    },
  };
}
