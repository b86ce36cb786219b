import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { readDataTransfer, readFileList, type DroppedFile } from '../dataset';
import { useEngineActions } from '../engineActions';

/** The dropped folder's name ("mobilenet/model.json" → "mobilenet"), else the first file's. */
function labelOf(files: readonly DroppedFile[]): string {
  const first = files.find((f) => f.path.includes('/')) ?? files[0];
  return first.path.includes('/')
    ? first.path.slice(0, first.path.indexOf('/'))
    : (files.find((f) => /\.json$/i.test(f.path))?.path ?? first.path);
}

/** Drop (or pick) a TF.js layers-model folder: model.json with its weight files. Checked in the worker. */
export function ModelDrop() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const running = useStudioStore((s) => s.run?.status === 'running');
  const [over, setOver] = useState(false);

  const load = (files: DroppedFile[]) => {
    if (files.length === 0 || running) return;
    actions.loadBackboneFiles(
      files.map((f) => f.file),
      labelOf(files),
    );
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    // readDataTransfer takes every entry synchronously, inside the event.
    void readDataTransfer(event.dataTransfer).then(load);
  };

  return (
    <div
      className={over ? 'model-drop model-drop-over' : 'model-drop'}
      data-testid="backbone.drop"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p id="model-drop-help">{t('backbone.drop.help')}</p>
      <label className={running ? 'button button-disabled' : 'button'}>
        {t('backbone.drop.choose')}
        <input
          type="file"
          multiple
          className="visually-hidden"
          disabled={running}
          aria-describedby="model-drop-help"
          data-testid="backbone.files"
          onChange={(event) => {
            const input = event.currentTarget;
            if (input.files) load(readFileList(input.files));
            input.value = '';
          }}
        />
      </label>
    </div>
  );
}
