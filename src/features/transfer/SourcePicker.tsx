import { useStudioStore } from '../../store';
import type { SourceChoice } from './actions';

/** The picker's value ('sample' or a dataset id) as the choice the engine actions take. */
export function sourceChoiceOf(value: string): SourceChoice {
  return value === 'sample' ? { kind: 'sample' } : { kind: 'workspace', datasetId: value };
}

/**
 * A labelled select of the source domain: the built-in sample first, then every stored dataset by name. Shared by
 * the shift meter and the adaptation panel, which differ only in their words and test ids.
 */
export function SourcePicker(props: {
  label: string;
  builtInLabel: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const datasets = useStudioStore((s) => s.workspace.datasets);
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
        <option value="sample">{props.builtInLabel}</option>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
