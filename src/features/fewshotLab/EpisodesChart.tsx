import { useTranslation } from 'react-i18next';
import { CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import { AccuracyAxis, ChanceLine } from '../../ui/AccuracyAxis';
import { FEWSHOT_METHOD_IDS } from '../../core/fewshot/classifiers';
import type { EpisodeResult } from '../../core/fewshot/episodes';
import { formatPercent } from '../../ui/format';
import { METHOD_COLORS } from '../fewshot';

/**
 * Episode accuracy against shots per method, each point with its 95 % interval over episodes (core episodes.ts) as
 * an error bar, chance dotted; the same numbers in a table below.
 */
export function EpisodesChart({ results }: { results: EpisodeResult[] }) {
  const { t } = useTranslation();
  const shots = [...new Set(results.map((r) => r.shots))].sort((a, b) => a - b);
  const methods = FEWSHOT_METHOD_IDS.filter((m) => results.some((r) => r.method === m));
  const find = (method: string, k: number) => results.find((r) => r.method === method && r.shots === k);
  const rows = shots.map((k) => {
    const row: Record<string, number | number[]> = { shots: k };
    for (const m of methods) {
      const r = find(m, k);
      if (!r) continue;
      const [low, high] = r.accuracy.ci95 ?? [r.accuracy.mean, r.accuracy.mean];
      row[m] = r.accuracy.mean;
      row[`${m}:error`] = [r.accuracy.mean - low, high - r.accuracy.mean];
    }
    return row;
  });
  const chance = results[0]?.chance ?? null;
  return (
    <div data-testid="episodes.chart">
      <figure className="chart" role="img" aria-label={t('fewshotLab.episodes.caption')}>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 24, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e7eb" />
            <XAxis
              dataKey="shots"
              type="number"
              scale="log"
              domain={[Math.min(...shots) * 0.8, Math.max(...shots) * 1.25]}
              ticks={shots}
              stroke="#4b5563"
              label={{ value: t('fewshotLab.episodes.shots'), position: 'insideBottom', offset: -12, fill: '#374151' }}
            />
            <AccuracyAxis width={48} />
            {chance !== null ? (
              <ChanceLine
                chance={chance}
                label={t('fewshotLab.episodes.chance', { value: formatPercent(chance, 0) })}
              />
            ) : null}
            <Tooltip formatter={(value) => formatPercent(Number(value))} />
            {methods.map((m) => (
              <Line
                key={m}
                dataKey={m}
                name={t(`fewshot.methods.${m}`)}
                stroke={METHOD_COLORS[m]}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              >
                <ErrorBar dataKey={`${m}:error`} width={5} stroke={METHOD_COLORS[m]} direction="y" />
              </Line>
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <table className="fewshot-heldout-table">
        <caption>{t('fewshotLab.episodes.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fewshotLab.episodes.method')}</th>
            {shots.map((k) => (
              <th scope="col" key={k}>
                K = {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {methods.map((m) => (
            <tr key={m} data-testid="episodes.row" data-method={m}>
              <th scope="row">
                <span className="fewshot-swatch" style={{ background: METHOD_COLORS[m] }} aria-hidden="true" />
                {t(`fewshot.methods.${m}`)}
              </th>
              {shots.map((k) => {
                const r = find(m, k);
                return (
                  <td key={k} data-shots={k} data-accuracy={r?.accuracy.mean} data-low={r?.accuracy.ci95?.[0]}>
                    {r && r.accuracy.ci95
                      ? t('fewshotLab.episodes.cell', {
                          value: formatPercent(r.accuracy.mean),
                          low: formatPercent(r.accuracy.ci95[0]),
                          high: formatPercent(r.accuracy.ci95[1]),
                        })
                      : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
