import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';

/** A table row's header cell for one strategy: its chart colour swatch and its localised name. */
export function StrategyRowHeader({ strategy, strategies }: { strategy: string; strategies: string[] }) {
  const label = useStrategyLabel();
  return (
    <th scope="row">
      <span className="swatch" style={{ background: strategyColor(strategy, strategies) }} aria-hidden="true" />
      {label(strategy)}
    </th>
  );
}
