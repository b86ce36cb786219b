import { useTranslation } from 'react-i18next';
import { scaleMultiplyAdds } from '../../core/backbones/cost';
import { useStudioStore } from '../../store';
import { timingKey } from '../../store/backboneEvents';
import { backboneName, CATALOGUE } from './backboneName';
import { formatCompact, formatMs, formatTop1 } from './format';

/**
 * Every catalogue backbone at the chosen image size: published parameters and ImageNet top-1, multiply-adds (computed
 * from the layers for the loaded one, scaled from the paper's 224-px figure for the others) and the ms per image
 * measured on this device (for backbones loaded at this size).
 */
export function CostTable() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const imageSize = useStudioStore((s) => s.strategy.imageSize);
  const description = useStudioStore((s) => s.backbone.description);
  const timings = useStudioStore((s) => s.backbone.timings);
  const selectedId = useStudioStore((s) => s.backbone.id);

  return (
    <details className="cost-table">
      <summary>{t('backbone.table.summary')}</summary>
      <div className="table-scroll">
        <table className="summary-table">
          <caption>{t('backbone.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backbone.table.backbone')}</th>
              <th scope="col">{t('backbone.table.size')}</th>
              <th scope="col">{t('backbone.table.params')}</th>
              <th scope="col">{t('backbone.table.top1')}</th>
              <th scope="col">{t('backbone.table.multiplyAdds')}</th>
              <th scope="col">{t('backbone.table.speed')}</th>
            </tr>
          </thead>
          <tbody>
            {CATALOGUE.map((spec) => {
              const size = imageSize ?? spec.preprocessing.inputSize;
              const exact =
                description && description.id === spec.id && description.imageSize === size ? description : null;
              const macs = exact
                ? formatCompact(exact.multiplyAdds, lang)
                : spec.multiplyAddsMillions !== undefined
                  ? `≈ ${formatCompact(scaleMultiplyAdds(spec.multiplyAddsMillions * 1e6, spec.preprocessing.inputSize, size), lang)}`
                  : '—';
              const timing = timings[timingKey(spec.id, size)];
              return (
                <tr key={spec.id} className={spec.id === selectedId ? 'row-selected' : undefined}>
                  <th scope="row">{backboneName(t, spec)}</th>
                  <td>{`${size}×${size}`}</td>
                  <td>
                    {spec.parametersMillions !== undefined
                      ? formatCompact(spec.parametersMillions * 1e6, lang)
                      : exact
                        ? formatCompact(exact.backboneParams, lang)
                        : '—'}
                  </td>
                  <td>{spec.imagenetTop1 !== undefined ? formatTop1(spec.imagenetTop1) : '—'}</td>
                  <td>{macs}</td>
                  <td data-testid={`backbone.table.ms.${spec.id}`}>
                    {timing
                      ? t('backbone.table.ms', { ms: formatMs(timing.msPerImage), backend: timing.backend })
                      : t('backbone.table.notMeasured')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
