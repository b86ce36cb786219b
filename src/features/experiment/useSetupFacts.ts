import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { describeSetup, type SetupFacts } from './setupFacts';

/** The current setup's facts (setupFacts.ts), recomputed when a selection changes. */
export function useSetupFacts(): SetupFacts {
  const dataset = useStudioStore((s) => s.dataset);
  const backbone = useStudioStore((s) => s.backbone);
  const strategy = useStudioStore((s) => s.strategy);
  const datasets = useStudioStore((s) => s.workspace.datasets);
  return useMemo(
    () => describeSetup({ dataset, backbone, strategy, workspace: { datasets } }),
    [dataset, backbone, strategy, datasets],
  );
}

/** Short name of the setup's dataset: "Digits 5–9" for the sample, the stored dataset's own name otherwise. */
export function useDatasetLabel(facts: SetupFacts): string {
  const { t } = useTranslation();
  return facts.dataset.kind === 'sample' ? t('runBar.sampleShort') : (facts.dataset.name ?? '…');
}
