import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  id: string;
  label: string;
  /** null = empty (a default applies: say which in `placeholder`). NaN = not a number. */
  value: number | null;
  onChange(value: number | null): void;
  /** Localised message shown under the field when the schema flags it; also marks the input invalid. */
  error?: string;
  hint?: string;
  placeholder?: string;
  step?: number | 'any';
  min?: number;
  max?: number;
  /** Empty input means null (a default); otherwise empty is NaN (required). */
  optional?: boolean;
  list?: string;
  disabled?: boolean;
}

const parse = (text: string, optional: boolean): number | null => {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? null : Number.NaN;
  return Number(trimmed);
};

const sameNumber = (a: number | null, b: number | null) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** A labelled number input that keeps what the user typed (even half-typed) and reports it as a number. */
export function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  step,
  min,
  max,
  optional = false,
  list,
  disabled,
}: NumberFieldProps) {
  const [text, setText] = useState(value === null || Number.isNaN(value) ? '' : String(value));
  // Follow changes made elsewhere (a restored setup), but not the echo of our own typing.
  useEffect(() => {
    setText((current) =>
      sameNumber(parse(current, optional), value)
        ? current
        : value === null || Number.isNaN(value)
          ? ''
          : String(value),
    );
  }, [value, optional]);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        step={step}
        min={min}
        max={max}
        list={list}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.currentTarget.value);
          onChange(parse(event.currentTarget.value, optional));
        }}
      />
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" data-testid={`${id}.error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
