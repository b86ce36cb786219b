import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';

/**
 * Results made elsewhere into the history: a picker for results.json / sweep.json (the CLI's, or `summarize`'s for
 * an exported PyTorch project) and a drop target around the history (`children`). The worker reads and validates
 * each file (core's readResultsFile); what became of the last one is said here, naming the file.
 */
export function ResultsImport({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const imported = useStudioStore((s) => s.history.imported);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const take = (files: FileList | null) => {
    if (files && files.length > 0) actions.importResults([...files]);
  };
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  const dropHandlers = {
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      take(e.dataTransfer.files);
    },
  };

  return (
    <div className={dragging ? 'results-drop results-drop-active' : 'results-drop'} {...dropHandlers}>
      <div className="results-import">
        <button type="button" className="button button-small" onClick={() => input.current?.click()}>
          {t('runs.import.open')}
        </button>
        <span className="muted">{t('runs.import.hint')}</span>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          multiple
          hidden
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
          data-testid="runs.import.input"
        />
      </div>
      {imported ? (
        imported.problem ? (
          <p className="warning" role="alert" data-testid="runs.import.error">
            {t('runs.import.failed', { file: imported.fileName, reason: t(`runs.import.problem.${imported.problem}`) })}
          </p>
        ) : (
          <p className="muted" role="status" data-testid="runs.import.done">
            {t(imported.kind === 'sweep' ? 'runs.import.sweepAdded' : 'runs.import.runAdded', {
              file: imported.fileName,
            })}
          </p>
        )
      ) : null}
      {dragging ? <p className="drop-hint">{t('runs.import.dropHere')}</p> : null}
      {children}
    </div>
  );
}
