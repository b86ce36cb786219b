import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassifierInfo } from '../../worker/protocol/classifier';
import { useEngineActions } from '../engineActions';
import type { Prediction } from './actions';
import { ConfidenceBars } from './ConfidenceBars';

interface Shown {
  name: string;
  url: string;
  prediction: Prediction | null;
  error: string | null;
}

/** Predicts a dropped or picked image: a drop zone that is also a file picker (keyboard, touch), preview, bars. */
export function ImagePredict({ model, threshold = 0 }: { model: ClassifierInfo | null; threshold?: number }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const input = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [over, setOver] = useState(false);
  const latest = useRef(0);

  const shownUrl = shown?.url;
  useEffect(() => () => (shownUrl ? URL.revokeObjectURL(shownUrl) : undefined), [shownUrl]);

  const classify = (file: File | undefined) => {
    if (!file || !model) return;
    const ticket = ++latest.current;
    const url = URL.createObjectURL(file);
    setShown({ name: file.name, url, prediction: null, error: null });
    actions.predictImage(file).then(
      (prediction) => ticket === latest.current && setShown((s) => (s && s.url === url ? { ...s, prediction } : s)),
      (error: Error) =>
        ticket === latest.current && setShown((s) => (s && s.url === url ? { ...s, error: error.message } : s)),
    );
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    classify(
      [...event.dataTransfer.files].find(
        (f) => f.type.startsWith('image/') || /\.(png|jpe?g|gif|webp|bmp|avif)$/i.test(f.name),
      ),
    );
  };

  return (
    <section className="predict-image" aria-labelledby="predict-image-heading">
      <h3 id="predict-image-heading">{t('predict.image.heading')}</h3>
      <div
        className={over ? 'image-drop image-drop-over' : 'image-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="predict.drop"
      >
        <span>{t('predict.image.drop')}</span>
        <span className="muted">{t('predict.image.or')}</span>
        <button
          type="button"
          className="button"
          onClick={() => input.current?.click()}
          disabled={!model}
          data-testid="predict.pick"
        >
          {t('predict.image.pick')}
        </button>
        <input
          ref={input}
          type="file"
          accept="image/*"
          hidden
          onChange={(e) => {
            classify(e.target.files?.[0]);
            e.target.value = '';
          }}
          data-testid="predict.file"
        />
      </div>
      {shown ? (
        <div className="image-result">
          <img src={shown.url} alt={t('predict.image.previewAlt', { name: shown.name })} className="image-preview" />
          <div className="image-bars">
            {shown.prediction && model ? (
              <ConfidenceBars
                labels={model.labels}
                probabilities={shown.prediction.probabilities}
                title={t('predict.result.image', { name: shown.name })}
                testId="predict.image"
                threshold={threshold}
              />
            ) : null}
            {shown.error ? (
              <p className="warning" role="alert">
                {t('predict.image.error', { name: shown.name, message: shown.error })}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
