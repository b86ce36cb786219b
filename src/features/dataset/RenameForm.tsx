import { useTranslation } from 'react-i18next';
import type { FormEvent } from 'react';

/** The inline "new name" form of a class card and of the dataset picker: a labelled input, Save and Cancel. */
export function RenameForm(props: {
  inputId: string;
  label: string;
  labelHidden?: boolean;
  draft: string;
  onDraft: (value: string) => void;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <form className="ds-inline-form" onSubmit={props.onSubmit}>
      <label htmlFor={props.inputId} className={props.labelHidden ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      <input
        id={props.inputId}
        value={props.draft}
        onChange={(e) => props.onDraft(e.target.value)}
        autoFocus
        maxLength={80}
      />
      <button type="submit" className="button ds-button-small">
        {t('dataset.save')}
      </button>
      <button type="button" className="button ds-button-small" onClick={props.onCancel}>
        {t('dataset.cancel')}
      </button>
    </form>
  );
}
