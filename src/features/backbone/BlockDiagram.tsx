import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { timingKey } from '../../store/backboneEvents';
import { backboneName, specOf } from './backboneName';
import { formatCompact, formatCount, formatMs, formatShape, formatTop1 } from './format';

/**
 * The loaded backbone as blocks up to the cut, each with its output shape, parameters and multiply-adds at the
 * current image size; the freeze-depth slider makes the last k blocks trainable (colour AND text say which).
 */
export function BlockDiagram() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const description = useStudioStore((s) => s.backbone.description);
  const loaded = useStudioStore((s) => s.backbone.loaded);
  const k = useStudioStore((s) => s.backbone.freezeDepth);
  const setFreezeDepth = useStudioStore((s) => s.setFreezeDepth);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const timing = useStudioStore((s) =>
    description ? s.backbone.timings[timingKey(description.id, description.imageSize)] : undefined,
  );

  if (!loaded) return null;
  if (!description || description.id !== loaded.id) {
    return (
      <p className="muted" data-testid="backbone.describing">
        {t('backbone.describing')}
      </p>
    );
  }
  const blocks = description.blocks;
  const n = blocks.length;
  const depth = Math.min(k, n);
  const trainable = blocks.slice(n - depth).reduce((sum, b) => sum + b.trainableParams, 0);
  const frozen = description.backboneParams - trainable;
  const valueText = t('backbone.freeze.valueText', { k: depth, n });
  const spec = specOf(description.id);
  const ms = description.msPerImage ?? timing?.msPerImage ?? null;
  const size = `${description.imageSize}×${description.imageSize}`;

  return (
    <section className="backbone-blocks" aria-labelledby="backbone-blocks-heading">
      <h3 id="backbone-blocks-heading">
        {t('backbone.blocksHeading', { name: backboneName(t, description.id), size })}
      </h3>
      <dl className="facts backbone-costs" data-testid="backbone.costs">
        <div>
          <dt>{t('backbone.cost.multiplyAdds')}</dt>
          <dd data-testid="backbone.multiplyAdds">
            {t('backbone.cost.multiplyAddsValue', { value: formatCompact(description.multiplyAdds, lang), size })}
          </dd>
        </div>
        <div>
          <dt>{t('backbone.cost.params')}</dt>
          <dd>
            {t('backbone.cost.paramsValue', { value: formatCount(description.backboneParams, lang) })}
            {description.discardedParams > 0
              ? ` ${t('backbone.cost.discarded', { value: formatCount(description.discardedParams, lang) })}`
              : ''}
          </dd>
        </div>
        <div>
          <dt>{t('backbone.cost.top1')}</dt>
          <dd>
            {spec?.family === 'digits-vgg'
              ? t('backbone.cost.notImagenet')
              : spec?.imagenetTop1 !== undefined && loaded.origin !== 'files'
                ? formatTop1(spec.imagenetTop1)
                : t('backbone.cost.unknown')}
          </dd>
        </div>
        <div>
          <dt>{t('backbone.cost.speed')}</dt>
          <dd data-testid="backbone.msPerImage" data-ms={ms ?? ''}>
            {ms !== null
              ? t('backbone.cost.speedValue', {
                  ms: formatMs(ms),
                  backend: description.backend,
                  warmup: formatMs(description.warmupMs ?? 0),
                })
              : t('backbone.cost.speedPending')}
          </dd>
        </div>
      </dl>

      <div className="freeze-control">
        <label htmlFor="freeze-depth">{t('backbone.freeze.label')}</label>
        <input
          id="freeze-depth"
          type="range"
          min={0}
          max={n}
          step={1}
          value={depth}
          disabled={running}
          aria-valuetext={valueText}
          aria-describedby="freeze-depth-help"
          onChange={(event) => setFreezeDepth(Number(event.currentTarget.value))}
        />
        <output htmlFor="freeze-depth" data-testid="backbone.freezeValue">
          {valueText}
        </output>
      </div>
      <p id="freeze-depth-help" className="muted">
        {t('backbone.freeze.help')}
      </p>
      <p className="param-split" data-testid="backbone.paramSplit" data-trainable={trainable} data-frozen={frozen}>
        <span className="param-part">
          <span className="swatch swatch-trainable" aria-hidden="true" />
          {t('backbone.freeze.trainableParams', { value: formatCount(trainable, lang) })}
        </span>{' '}
        <span className="param-part">
          <span className="swatch swatch-frozen" aria-hidden="true" />
          {t('backbone.freeze.frozenParams', { value: formatCount(frozen, lang) })}
        </span>
      </p>

      <ol className="block-diagram" aria-label={t('backbone.diagramLabel', { n, k: depth })}>
        <li className="block block-input">
          <span className="block-name">{t('backbone.input')}</span>
          <span>{formatShape([description.imageSize, description.imageSize, description.channels])}</span>
        </li>
        {blocks.map((block, i) => {
          const isTrainable = i >= n - depth;
          return (
            <li
              key={block.name}
              className={isTrainable ? 'block block-trainable' : 'block block-frozen'}
              data-testid="backbone.block"
              data-state={isTrainable ? 'trainable' : 'frozen'}
              title={block.name}
            >
              <span className="block-name">{t('backbone.block', { index: i + 1 })}</span>
              <span className="block-shape">{formatShape(block.outputShape)}</span>
              <span>{t('backbone.blockParams', { value: formatCompact(block.params, lang) })}</span>
              <span>{t('backbone.blockMultiplyAdds', { value: formatCompact(block.multiplyAdds, lang) })}</span>
              <span className="block-state">{isTrainable ? t('backbone.trainable') : t('backbone.frozen')}</span>
            </li>
          );
        })}
        <li className="block block-cut">
          <span className="block-name">{t('backbone.cut')}</span>
          <span className="block-shape block-layer">{description.cutLayer}</span>
          <span>{t('backbone.newHead')}</span>
        </li>
      </ol>
      {description.unsupportedLayers.length > 0 ? (
        <p className="note-warn">{t('backbone.unsupported', { layers: description.unsupportedLayers.join(', ') })}</p>
      ) : null}
    </section>
  );
}
