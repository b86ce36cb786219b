import { useId, useState, type FormEvent } from 'react';
import { DIGITS_AB } from '../../core/experiment/digitsAb';
import { useTranslation } from 'react-i18next';
import { CONFIG_DEFAULTS } from '../../core/experiment/config';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { useEngineActions } from '../engineActions';
import { ClassCard } from './ClassCard';
import './dataset.css';
import { DatasetPicker } from './DatasetPicker';
import { ImportStatus } from './ImportStatus';
import { ImportZone } from './ImportZone';
import { InterruptedImport } from './InterruptedImport';
import { splitTotals, validationCount } from './splitCounts';
import { WebcamCapture } from './WebcamCapture';
import { WorkspaceMenu } from './WorkspaceMenu';
import { WorkspaceMessages } from './WorkspaceMessages';

const NO_IMAGES: string[][] = [];

/**
 * The Dataset panel: pick the experiment's dataset (built-in sample or stored), import folders / zips / images
 * by drop or picker, capture from the webcam, edit classes and images, see counts and the train/validation
 * split; export, import or clear the whole workspace.
 */
export function DatasetPanel() {
  const { t } = useTranslation();
  const selected = useStudioStore((s) => s.dataset);
  const status = useStudioStore((s) => s.workspace.status);
  const dataset = useStudioStore((s) =>
    selected.kind === 'workspace' ? s.workspace.datasets.find((d) => d.id === selected.datasetId) : undefined,
  );
  const images = useStudioStore((s) => (dataset ? s.workspace.images[dataset.id] : undefined)) ?? NO_IMAGES;
  const importing = useStudioStore((s) => s.workspace.import?.status === 'running');
  const busy = useStudioStore((s) => s.workspace.busy);
  const fraction = useStudioStore((s) => s.strategy.validationFraction) ?? CONFIG_DEFAULTS.validationFraction;
  const locked = importing || busy !== null;

  return (
    <Panel id="dataset" title={t('dataset.heading')} actions={<WorkspaceMenu />}>
      <WorkspaceMessages />
      <DatasetPicker locked={locked} />
      {status === 'loading' ? <p className="muted">{t('dataset.loading')}</p> : null}
      {dataset ? <StoredSummary dataset={dataset} images={images} fraction={fraction} /> : <SampleSummary />}
      {dataset ? <InterruptedImport dataset={dataset} locked={locked} /> : null}
      <ImportZone dataset={dataset} locked={locked} />
      <ImportStatus />
      {dataset ? (
        <>
          <WebcamCapture dataset={dataset} locked={locked} />
          <ul className="class-list" aria-label={t('dataset.classes.heading')}>
            {dataset.classNames.map((name, i) => (
              <ClassCard
                key={`${i}-${name}`}
                dataset={dataset}
                classIndex={i}
                ids={images[i] ?? []}
                validationFraction={fraction}
                locked={locked}
              />
            ))}
          </ul>
          <AddClass dataset={dataset} locked={locked} />
        </>
      ) : null}
    </Panel>
  );
}

function StoredSummary({
  dataset,
  images,
  fraction,
}: {
  dataset: DatasetSummary;
  images: string[][];
  fraction: number;
}) {
  const { t } = useTranslation();
  const counts = dataset.classNames.map((_, i) => images[i]?.length ?? 0);
  const { train, validation } = splitTotals(counts, fraction);
  return (
    <p
      className="dataset-summary"
      data-testid="dataset.summary"
      data-images={train + validation}
      data-classes={counts.length}
    >
      {t('dataset.summary', {
        classes: t('dataset.classCount', { count: counts.length }),
        images: t('dataset.classes.count', { count: train + validation }),
        train,
        validation,
        percent: Math.round(fraction * 100),
      })}
    </p>
  );
}

/** The built-in digits: 5 classes of 100 (10 training, 50 validation by default: the CLI's digits-ab preset). */
function SampleSummary() {
  const { t } = useTranslation();
  const sample = useStudioStore((s) => s.dataset);
  const chosen = useStudioStore((s) => s.strategy.validationFraction);
  const perClass = DIGITS_AB.imagesPerClass;
  const validation = chosen === null ? sample.validationPerClass : validationCount(perClass, chosen);
  const train = Math.min(sample.trainPerClass, perClass - validation);
  return (
    <div className="dataset-summary">
      <p>
        {t('dataset.sampleSummary', {
          classes: t('dataset.classCount', { count: sample.classNames.length }),
          perClass,
          train,
          validation,
        })}
      </p>
      <ul className="sample-classes" aria-label={t('dataset.classes.heading')}>
        {sample.classNames.map((name) => (
          <li key={name}>
            <strong>{name}</strong> <span className="muted">{t('dataset.classes.count', { count: perClass })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AddClass({ dataset, locked }: { dataset: DatasetSummary; locked: boolean }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const [name, setName] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = name.trim() || t('dataset.defaultClass', { n: dataset.classNames.length + 1 });
    actions.addClass(dataset.id, clean);
    setName('');
  };
  return (
    <form className="ds-inline-form add-class" onSubmit={submit}>
      <label htmlFor={id}>{t('dataset.classes.addLabel')}</label>
      <input
        id={id}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t('dataset.defaultClass', { n: dataset.classNames.length + 1 })}
        maxLength={80}
        disabled={locked}
      />
      <button type="submit" className="button ds-button-small" disabled={locked}>
        {t('dataset.classes.add')}
      </button>
    </form>
  );
}
