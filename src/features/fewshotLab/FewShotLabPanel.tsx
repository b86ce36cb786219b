import { useTranslation } from 'react-i18next';
import { Panel } from '../../ui/Panel';
import { useEngineActions } from '../engineActions';
import { EpisodesSection } from './EpisodesSection';
import { ZeroShotSection } from './ZeroShotSection';
import './fewshotLab.css';

/**
 * The few-shot lab (issue 15) on the built-in digits: N-way K-shot episodes with intervals for every instant
 * classifier, and zero-shot recognition of digits never seen from an editable attribute table. The engine embeds
 * and computes; this panel shows plain numbers.
 */
export function FewShotLabPanel() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  return (
    <Panel id="fewshot-lab" title={t('fewshotLab.heading')}>
      <p className="intro">{t('fewshotLab.intro')}</p>
      <EpisodesSection actions={actions} />
      <ZeroShotSection actions={actions} />
    </Panel>
  );
}
