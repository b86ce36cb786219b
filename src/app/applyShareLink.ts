/**
 * Applies the share link this page was opened with (shareView.ts decodes it) to the store: the experiment fields,
 * freeze depth, language and, for a link on the built-in digits, the sample dataset. Returns the link's state (its
 * backbone is loaded by the caller), or null without a link.
 */
import type { EngineActions } from '../features/engineActions';
import type { ShareState } from '../features/classroom/shareLink';
import type { useStudioStore } from '../store';
import { readShareLink } from './shareView';

export function applyShareLink(
  actions: Pick<EngineActions, 'selectDataset'>,
  store: typeof useStudioStore,
  search?: string,
): Partial<ShareState> | null {
  const decoded = readShareLink(search);
  if (!decoded) return null;
  const { state: link } = decoded;
  const state = store.getState();
  const patch: Parameters<typeof state.updateStrategy>[0] = {};
  if (link.seeds !== undefined) patch.seeds = link.seeds;
  if (link.epochs !== undefined) patch.epochs = link.epochs;
  if (link.batchSize !== undefined) patch.batchSize = link.batchSize;
  if (link.learningRate !== undefined) patch.learningRate = link.learningRate;
  if (link.augment !== undefined) patch.augment = link.augment;
  // Absent size / split = the backbone's own size and the dataset's own split.
  patch.imageSize = link.imageSize ?? null;
  patch.validationFraction = link.validationFraction ?? null;
  state.updateStrategy(patch);
  if (link.strategies) state.setStrategies(link.strategies);
  if (link.freezeDepth !== undefined) state.setFreezeDepth(link.freezeDepth);
  if (link.language) state.setLanguage(link.language);
  if (link.dataset === 'digits') {
    // After the workspace opened (it restores the last selection), select the built-in digits.
    const select = () => actions.selectDataset({ kind: 'sample', id: 'digits' });
    if (store.getState().workspace.status === 'ready') select();
    else {
      const stop = store.subscribe((next) => {
        if (next.workspace.status !== 'ready') return;
        stop();
        select();
      });
    }
  }
  return link;
}
