import { useStudioStore } from '../../store';
import { initialStrategy } from '../../store/strategySlice';
import type { EngineActions } from '../engineActions';
import { DEMO_BACKBONE } from './setupFacts';

/**
 * Back to the built-in digits demo: the sample dataset, the built-in digits-vgg (reloaded when another backbone
 * or a dropped copy is loaded), the default strategies, budget and freeze depth. Stored datasets and runs stay.
 */
export function resetToDigitsDemo(
  actions: Pick<EngineActions, 'selectDataset' | 'loadBackbone'>,
  store = useStudioStore,
): void {
  const state = store.getState();
  if (state.dataset.kind !== 'sample') actions.selectDataset({ kind: 'sample', id: 'digits' });
  const { strategies, ...budget } = initialStrategy();
  state.updateStrategy(budget);
  state.setStrategies(strategies);
  state.setFreezeDepth(1);
  const { backbone } = store.getState();
  if (backbone.pending || backbone.id !== DEMO_BACKBONE || backbone.loaded?.origin === 'files')
    actions.loadBackbone(DEMO_BACKBONE);
}
