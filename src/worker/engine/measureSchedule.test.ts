import { describe, expect, it, vi } from 'vitest';
import { MeasurementStopped, type BackgroundMeasurement, type MeasuredChoice } from './backend';
import { scheduleMeasurement } from './measureSchedule';

const CHOICE = { type: 'backends.measured', backend: 'webgl', reason: 'fastest', measurements: [] } as MeasuredChoice;

/** A measurement the test settles by hand; stop() rejects it as measureInBackground's does. */
function fakeMeasurement() {
  let resolve!: (choice: MeasuredChoice) => void;
  let reject!: (error: Error) => void;
  const choice = new Promise<MeasuredChoice>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const stop = vi.fn(() => reject(new MeasurementStopped()));
  return { measurement: { choice, stop } satisfies BackgroundMeasurement, resolve, reject, stop };
}

function setup(initiallyBusy = false) {
  const started: ReturnType<typeof fakeMeasurement>[] = [];
  const state = { busy: initiallyBusy, current: true };
  const onChoice = vi.fn();
  const onFailure = vi.fn();
  const schedule = scheduleMeasurement({
    measure: () => {
      const made = fakeMeasurement();
      started.push(made);
      return made.measurement;
    },
    busy: () => state.busy,
    stillCurrent: () => state.current,
    onChoice,
    onFailure,
    pollMs: 500,
  });
  return { schedule, started, state, onChoice, onFailure };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('scheduleMeasurement', () => {
  it('measures at once when idle and hands the pick over', async () => {
    const { started, onChoice, onFailure } = setup();
    expect(started).toHaveLength(1);
    started[0].resolve(CHOICE);
    await settle();
    expect(onChoice).toHaveBeenCalledWith(CHOICE);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('stops for long work and measures again once the engine is idle', async () => {
    vi.useFakeTimers();
    try {
      const { schedule, started, state, onChoice } = setup();
      state.busy = true; // a run starts
      schedule.pause();
      expect(started[0].stop).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(started).toHaveLength(1); // nothing measured while the run trains
      state.busy = false;
      await vi.advanceTimersByTimeAsync(500);
      expect(started).toHaveLength(2);
      started[1].resolve(CHOICE);
      await vi.advanceTimersByTimeAsync(0);
      expect(onChoice).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits for the engine to be idle before handing over a pick', async () => {
    vi.useFakeTimers();
    try {
      const { started, state, onChoice } = setup();
      state.busy = true;
      started[0].resolve(CHOICE);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(onChoice).not.toHaveBeenCalled();
      state.busy = false;
      await vi.advanceTimersByTimeAsync(500);
      expect(onChoice).toHaveBeenCalledWith(CHOICE);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failure, and does nothing once the user chose another backend', async () => {
    const failing = setup();
    failing.started[0].reject(new Error('webgl lost its context'));
    await settle();
    expect(failing.onFailure).toHaveBeenCalledWith(new Error('webgl lost its context'));

    const replaced = setup();
    replaced.state.current = false;
    replaced.schedule.pause();
    replaced.state.busy = false;
    await settle();
    expect(replaced.started).toHaveLength(1);
    expect(replaced.onChoice).not.toHaveBeenCalled();
    expect(replaced.onFailure).not.toHaveBeenCalled();
  });

  it('pausing when nothing is measured does nothing', async () => {
    const { schedule, started } = setup();
    started[0].resolve(CHOICE);
    await settle();
    schedule.pause();
    expect(started[0].stop).not.toHaveBeenCalled();
  });
});
