import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { strategyColor } from '../../ui/strategyColors';
import { backboneName } from '../backbone';
import { useThumbnailUrl } from '../dataset';
import { useEngineActions } from '../engineActions';
import { requestWebcamStart } from '../fewshot';
import { strategyDescription, useStrategyLabel } from '../strategyLabel';
import { StrategyCosts } from './CostEstimate';
import { resetToDigitsDemo } from './resetDemo';
import { useRunCost } from './useRunCost';
import { uniformSplit, type SetupFacts } from './setupFacts';
import { useDatasetLabel, useSetupFacts } from './useSetupFacts';

/** Class thumbnails shown at most in the overview (one image each). */
const MAX_THUMBNAILS = 10;

/**
 * The overview of the experiment the Run button starts, read from the current selections: dataset and classes,
 * training / validation images per class, backbone and where it came from, strategies with the freeze depth,
 * budget. The built-in digits demo keeps its one-sentence story; anything else can be reset to it.
 */
export function ExperimentPanel() {
  const { t } = useTranslation();
  const facts = useSetupFacts();
  const datasetLabel = useDatasetLabel(facts);
  const actions = useEngineActions();
  const running = useStudioStore((s) => s.run?.status === 'running');
  const name = backboneName(t, facts.backbone.id);
  const totalTrain = facts.dataset.classes.reduce((n, c) => n + c.train, 0);
  const cost = useRunCost();
  const label = useStrategyLabel();

  const title = facts.demo ? t('experiment.heading') : t('setup.heading', { dataset: datasetLabel, backbone: name });
  const intro = facts.demo
    ? t('experiment.intro', { train: facts.dataset.classes[0]?.train ?? 0 })
    : t('setup.intro', {
        backbone: name,
        source: t(`setup.source.${facts.backbone.family ?? 'mobilenet-v1'}`),
        target:
          facts.dataset.kind === 'sample'
            ? t('setup.targetSample')
            : t('setup.targetStored', {
                classes: t('dataset.classCount', { count: facts.dataset.classes.length }),
                name: datasetLabel,
              }),
        train: totalTrain,
      });

  return (
    <Panel id="setup" title={title}>
      <p className="intro" data-testid="setup.intro">
        {intro}
      </p>
      <div className="quick-start" data-testid="setup.webcamStart">
        <p>
          <strong>{t('fewshot.quickStart.heading')}</strong>{' '}
          <span className="muted">{t('fewshot.quickStart.text')}</span>
        </p>
        <button type="button" className="button" onClick={requestWebcamStart} data-testid="setup.webcam">
          {t('fewshot.quickStart.button')}
        </button>
      </div>
      {facts.dataset.kind === 'sample' ? (
        <div className="sample-strip" role="img" aria-label={t('experiment.samplesAlt')} />
      ) : (
        <ClassThumbnails name={datasetLabel} classNames={facts.dataset.classes.map((c) => c.name)} />
      )}
      <dl className="facts" data-testid="setup.facts">
        <Fact
          label={t('setup.facts.dataset')}
          href="#dataset"
          changeLabel={t('setup.facts.changeDataset')}
          testId="setup.dataset"
        >
          {facts.dataset.kind === 'sample'
            ? t('setup.facts.sampleValue', {
                classes: t('dataset.classCount', { count: facts.dataset.classes.length }),
              })
            : t('setup.facts.storedValue', {
                name: datasetLabel,
                classes: t('dataset.classCount', { count: facts.dataset.classes.length }),
                list: facts.dataset.classes.map((c) => c.name).join(', '),
              })}
        </Fact>
        <Fact label={t('setup.facts.split')} testId="setup.split">
          <SplitFact facts={facts} />
        </Fact>
        <Fact
          label={t('setup.facts.backbone')}
          href="#backbone"
          changeLabel={t('setup.facts.changeBackbone')}
          testId="setup.backbone"
        >
          <strong>{name}</strong>
          {facts.backbone.family ? `, ${t(`setup.facts.pretrained.${facts.backbone.family}`)}` : ''}
          {facts.backbone.origin === 'built-in' ? null : (
            <>
              {' · '}
              <span data-origin={facts.backbone.origin}>
                {t(`setup.facts.origin.${facts.backbone.origin}`, { location: shortLocation(facts.backbone.location) })}
              </span>
            </>
          )}
        </Fact>
        <Fact
          label={t('setup.facts.budget')}
          href="#strategy"
          changeLabel={t('setup.facts.changeStrategy')}
          testId="setup.budget"
        >
          {t('setup.facts.budgetValue', {
            epochs: t('setup.facts.epochs', { count: facts.epochs }),
            seeds: t('setup.facts.seeds', { count: facts.seeds }),
            batch: facts.batchSize,
            size: facts.imageSize,
          })}
          {facts.augment ? `, ${t('setup.facts.augmented')}` : ''}
        </Fact>
        <Fact label={t('cost.fact')} testId="setup.cost">
          <StrategyCosts view={cost} label={label} />
        </Fact>
        <div className="facts-wide">
          <dt>{t('experiment.facts.strategies')}</dt>
          <dd>
            <StrategyList facts={facts} />
          </dd>
        </div>
      </dl>
      {facts.atDemoDefaults ? null : (
        <div className="setup-reset">
          <button
            type="button"
            className="button"
            onClick={() => resetToDigitsDemo(actions)}
            disabled={running}
            data-testid="setup.reset"
          >
            {t('setup.reset')}
          </button>
          <span className="muted">{t('setup.resetHint')}</span>
        </div>
      )}
    </Panel>
  );
}

function Fact({
  label,
  href,
  changeLabel,
  testId,
  children,
}: {
  label: string;
  href?: string;
  changeLabel?: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>
        {label}
        {href ? (
          <>
            {' · '}
            <a href={href} className="fact-change" aria-label={changeLabel}>
              {t('setup.facts.change')}
            </a>
          </>
        ) : null}
      </dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** "10 for training, 60 for validation, in each class", or the totals and one chip per class when they differ. */
function SplitFact({ facts }: { facts: SetupFacts }) {
  const { t } = useTranslation();
  const classes = facts.dataset.classes;
  const total = classes.reduce((n, c) => n + c.train + c.validation, 0);
  if (total === 0) return <>{t('setup.facts.noImages')}</>;
  const uniform = uniformSplit(classes);
  if (uniform) return <>{t('setup.facts.splitEach', { train: uniform.train, validation: uniform.validation })}</>;
  return (
    <>
      {t('setup.facts.splitTotal', {
        train: classes.reduce((n, c) => n + c.train, 0),
        validation: classes.reduce((n, c) => n + c.validation, 0),
      })}
      <ul className="split-classes" aria-label={t('setup.facts.splitClassesLabel')}>
        {classes.map((c, i) => (
          <li key={`${i}-${c.name}`}>
            {t('setup.facts.splitClass', { name: c.name, train: c.train, validation: c.validation })}
          </li>
        ))}
      </ul>
    </>
  );
}

function StrategyList({ facts }: { facts: SetupFacts }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  return (
    <ul className="strategy-list">
      {facts.strategies.map((s) => (
        <li key={s}>
          <span className="swatch" style={{ background: strategyColor(s, facts.strategies) }} aria-hidden="true" />
          <strong>{label(s)}</strong>: {strategyDescription(t, s)}
          {s.startsWith('fine-tune:') && facts.backbone.blocks > 0 ? (
            <span className="muted">
              {' '}
              ({t('setup.facts.freeze', { k: facts.freezeDepth, blocks: facts.backbone.blocks })})
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The first image of each class of the selected stored dataset (none until its images are listed). */
function ClassThumbnails({ name, classNames }: { name: string; classNames: string[] }) {
  const { t } = useTranslation();
  const firstIds = useStudioStore((s) => {
    const id = s.dataset.kind === 'workspace' ? s.dataset.datasetId : null;
    const images = id ? s.workspace.images[id] : undefined;
    return images ? images.map((ids) => ids[0] ?? '').join('|') : '';
  });
  const thumbs = firstIds
    .split('|')
    .map((id, i) => ({ id, label: classNames[i] ?? '' }))
    .filter((thumb) => thumb.id !== '')
    .slice(0, MAX_THUMBNAILS);
  if (thumbs.length === 0) return null;
  return (
    <ul className="setup-thumbs" aria-label={t('setup.thumbnailsLabel', { name })}>
      {thumbs.map((thumb) => (
        <SetupThumb key={thumb.id} id={thumb.id} label={thumb.label} />
      ))}
    </ul>
  );
}

function SetupThumb({ id, label }: { id: string; label: string }) {
  const url = useThumbnailUrl(id);
  return (
    <li className="setup-thumb">
      {url ? <img src={url} alt={label} /> : <span className="setup-thumb-empty" />}
      <span aria-hidden="true">{label}</span>
    </li>
  );
}

/** A download URL's host ("storage.googleapis.com"); other locations as they are. */
function shortLocation(location: string | null): string {
  if (!location) return '';
  try {
    return new URL(location).host || location;
  } catch {
    return location;
  }
}
