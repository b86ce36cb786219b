import type { Estimate } from '../core/math/intervals';
import type { ZeroShotReport } from '../core/fewshot/runZeroShot';
import { formatTable } from '../node/textTable';

/** The text table of a zeroshot.json (pure: tested on plain objects). */

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
const interval = (e: Estimate) => (e.ci95 ? `[${percent(e.ci95[0])}, ${percent(e.ci95[1])}]` : '—');
const VERSUS_CHANCE = { above: 'above chance', below: 'below chance', unclear: 'not distinguishable from chance' };

export function formatZeroShotReport(report: ZeroShotReport): string {
  const { config } = report;
  const name = (c: number) => config.table.classes[c];
  const header =
    `zero-shot by direct attribute prediction: ${config.table.attributes.length} attribute classifiers trained on ` +
    `${config.seen.map(name).join(', ')} (${report.trainCounts.reduce((a, b) => a + b, 0)} images), ` +
    `${config.unseen.map(name).join(', ')} recognised from their attribute rows alone ` +
    `(${report.testCounts.reduce((a, b) => a + b, 0)} test images); ${config.backbone} at ${config.cut}, λ = ` +
    `${config.lambda}. Intervals: 95 % Wilson over test images.`;
  const overall = [
    ['', 'accuracy', '95 % interval', 'vs chance'],
    [
      `all of ${config.unseen.map(name).join(', ')}`,
      percent(report.accuracy.mean),
      interval(report.accuracy),
      `${VERSUS_CHANCE[report.versusChance]} (${percent(report.chance)})`,
    ],
    ...report.perClass.map((c) => [`class ${c.name}`, percent(c.accuracy.mean), interval(c.accuracy), '']),
  ];
  const attributes = [
    ['attribute', ...config.unseen.map((c) => `${name(c)}: row / mean p`), 'agreement', 'carried decision'],
    ...config.table.attributes.map((attribute, a) => [
      attribute,
      ...report.perClass.map((c) => `${config.table.rows[c.index][a]} / ${c.meanAttributes[a].toFixed(2)}`),
      percent(report.attributeAccuracy[a].mean),
      `${report.meanContributions[a] >= 0 ? '+' : '−'}${Math.abs(report.meanContributions[a]).toFixed(2)}`,
    ]),
  ];
  const confusion = [
    ['true \\ predicted', ...config.unseen.map(name)],
    ...report.confusion.map((row, i) => [name(config.unseen[i]), ...row.map(String)]),
  ];
  return [
    header,
    '',
    formatTable(overall),
    '',
    formatTable(attributes),
    '',
    '"row / mean p": the table value and the mean predicted probability of the attribute on that class’s test ' +
      'images. "agreement": thresholded predictions (p > 0.5) matching the true class’s row. "carried decision": ' +
      'mean log-evidence the attribute gave the predicted class over the runner-up (> 0 = spoke for the decision).',
    '',
    formatTable(confusion),
  ].join('\n');
}
