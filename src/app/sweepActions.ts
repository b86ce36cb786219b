import type { SweepActions } from '../features/sweeps/actions';
import type { useStudioStore } from '../store';
import { selectSweepConfig } from '../store/sweepConfig';
import type { EngineClient } from '../worker/client';

/**
 * The Sweeps step's actions: a sweep of the picked built-in grid on the digits sample (the multi-task arm's
 * auxiliary task is the digits 0–4 sample), and its cancellation.
 */
export function createSweepActions(client: EngineClient, store: typeof useStudioStore): SweepActions {
  let counter = 0;
  // The sweeps kept from earlier sessions, for the history.
  void client.send({ type: 'sweep.list' });
  return {
    runSweep() {
      const state = store.getState();
      const running = state.sweeps.current;
      if (running?.status === 'running') return running.id;
      const config = selectSweepConfig(state.sweeps.settings);
      const id = `sweep-${Date.now().toString(36)}-${++counter}`;
      state.startSweep(id, state.sweeps.settings.preset, config, Date.now());
      const baseUrl = document.baseURI;
      void client.send({
        type: 'sweep.run',
        sweepId: id,
        label: state.sweeps.settings.preset,
        config,
        dataset: { kind: 'sample', id: 'digits', baseUrl },
        ...(config.multitask ? { auxiliary: { kind: 'sample', id: 'digits-a', baseUrl } } : {}),
      });
      return id;
    },
    cancelSweep() {
      const current = store.getState().sweeps.current;
      if (current?.status === 'running') void client.send({ type: 'sweep.cancel', sweepId: current.id });
    },
  };
}
