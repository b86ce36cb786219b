import { useTranslation } from 'react-i18next';
import { Panel } from '../../ui/Panel';
import { TransferPanel } from '../transfer';
import { useEngineActions } from '../engineActions';
import { BackboneChooser } from './BackboneChooser';
import { BackboneStatus } from './BackboneStatus';
import { BlockDiagram } from './BlockDiagram';
import { CostTable } from './CostTable';
import { ModelDrop } from './ModelDrop';
import { useDescribeBackbone } from './useDescribeBackbone';
import './backbone.css';

/** Choose the pretrained network (catalogue, browser cache or your files), see its blocks, freeze depth and costs. */
export function BackbonePanel() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  useDescribeBackbone(actions);

  return (
    <Panel id="backbone" title={t('backbone.heading')}>
      <p className="intro">{t('backbone.intro')}</p>
      <div className="backbone-source">
        <BackboneChooser />
        <div className="backbone-side">
          <BackboneStatus />
          <ModelDrop />
        </div>
      </div>
      <BlockDiagram />
      <CostTable />
      <TransferPanel />
    </Panel>
  );
}
