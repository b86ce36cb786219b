import { backboneEn } from '../../features/backbone/messages';
import { classroomEn } from '../../features/classroom/messages';
import { datasetEn } from '../../features/dataset/messages';
import { experimentEn } from '../../features/experiment/messages';
import { predictEn } from '../../features/predict/messages';
import { runsEn } from '../../features/runs/messages';

/** English strings. Keys are grouped by feature; zh-CN.ts must have the same keys (checked by a test). */
export const en = {
  app: {
    title: 'Transfer Studio',
    tagline: 'Transfer learning, measured: train on this device and compare transfer with training from scratch.',
    privacy: 'Everything runs in this browser: no image leaves your device.',
    skipToContent: 'Skip to the content',
  },
  settings: {
    language: 'Language',
    languageName: { en: 'English', 'zh-CN': '简体中文' },
    backend: 'Engine',
    backendPending: 'starting…',
    measuringNote: 'started at once; measuring the other backends, the fastest takes over between runs',
    isolated: 'cross-origin isolated',
    notIsolated: 'not cross-origin isolated',
    wasmThreads_one: '{{count}} WASM thread',
    wasmThreads_other: '{{count}} WASM threads',
    measured: 'measured {{list}}',
    imagesPerSecond: '{{backend}} {{rate}} images/s',
    stepsPerSecond: '{{backend}} {{rate}} training steps/s',
    why: 'Why this backend?',
    override: 'Backend choice',
    preference: {
      auto: 'Automatic (fastest measured)',
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'WebAssembly (WASM)',
      cpu: 'CPU (plain JavaScript)',
    },
  },
  experiment: {
    heading: 'Built-in experiment: digits 0–4 → 5–9',
    intro:
      'A small VGG-style network was trained here on handwritten digits 0–4 (the source task). Does what it learned help to recognise 5–9, a task it never saw, from only {{train}} examples per class?',
    samplesAlt: 'Sample handwritten digits 5, 6, 7, 8 and 9 from the target task',
    facts: {
      backbone: 'Source model',
      backboneValue: 'digits-vgg: 3 conv blocks, trained on MNIST 0–4 (ships with the app)',
      target: 'Target task',
      targetValue: 'MNIST digits 5–9 ({{classes}} classes)',
      data: 'Data per class',
      dataValue: '{{train}} for training, {{validation}} for validation',
      strategies: 'Compared',
      budget: 'Budget',
    },
    run: 'Run experiment',
    runAgain: 'Run again',
    running: 'Running…',
    cancel: 'Cancel',
    export: 'Export results (JSON)',
  },
  strategy: {
    scratch: 'From scratch',
    'feature-extraction': 'Feature extraction',
    fineTune_one: 'Fine-tune last {{count}} block',
    fineTune_other: 'Fine-tune last {{count}} blocks',
    describe: {
      scratch: 'the same network, randomly initialised, all layers trained',
      'feature-extraction': 'the source model frozen; only a new head learns',
      fineTune: 'the first blocks frozen, the last {{count}} trained with the head',
    },
  },
  status: {
    idle_one: 'Ready. One click trains {{count}} small network in this tab.',
    idle_other: 'Ready. One click trains {{count}} small networks in this tab.',
    phase: {
      loading: 'Loading the source model…',
      decoding: 'Decoding the sample digits…',
      caching: 'Caching features (done once per strategy)…',
      warmup: 'Warming up the engine…',
      training: 'Training…',
      done: 'Finished.',
    },
    starting: 'Starting…',
    measuring:
      'It starts on {{backend}} now; the other engines are being measured, and the fastest takes over between runs.',
    progress: 'Training {{done}} of {{total}}: {{strategy}}, seed {{seed}}, epoch {{epoch}} of {{epochs}}',
    finished_one: 'Finished {{count}} training in {{seconds}} s on {{backend}}.',
    finished_other: 'Finished {{count}} trainings in {{seconds}} s on {{backend}}.',
    cancelled: 'Cancelled. The curves so far are kept; run again to start over.',
    failed: 'The experiment failed: {{message}}',
    progressLabel: 'Experiment progress',
  },
  curves: {
    heading: 'Learning curves',
    empty: 'Curves appear here, epoch by epoch, as soon as the experiment runs.',
    xLabel: 'Epoch',
    yLabel: 'Validation accuracy',
    chartLabel:
      'Validation accuracy per epoch for {{strategies}}: the mean over seeds as a line, the seed-to-seed spread (± 1 std) as a band.',
    tooltipEpoch: 'Epoch {{epoch}}',
    tooltipValue_one: '{{mean}} ± {{std}} ({{count}} seed)',
    tooltipValue_other: '{{mean}} ± {{std}} ({{count}} seeds)',
    legendSeeds: 'thin lines: single seeds',
    chance: 'chance ({{value}})',
  },
  metrics: {
    heading: 'What the markers mean',
    start: 'Start',
    startExplained:
      'Accuracy after the first epoch: how much the transferred knowledge helps before much training (dot).',
    slope: 'Slope',
    slopeExplained:
      'How fast accuracy rises at first, from the fitted curve a − (a − s)·e^(−t/τ), in percentage points per epoch (dashed rising line).',
    asymptote: 'Asymptote',
    asymptoteExplained:
      'The accuracy the fitted curve levels off at; the last three epochs are shown beside it (dashed level line).',
    auc: 'AUC',
    aucExplained: 'Mean accuracy over all epochs: one number for the whole curve.',
  },
  summary: {
    heading: 'Summary (mean ± std over seeds)',
    caption: 'Learning-curve metrics per strategy; transfer gain is the difference in AUC from training from scratch.',
    strategy: 'Strategy',
    auc: 'AUC',
    start: 'Start',
    slope: 'Slope (pp/epoch)',
    asymptote: 'Asymptote (fit)',
    last3: 'Last 3 epochs',
    gain: 'Transfer gain (AUC)',
    timeTo: 'Epochs to 95 % of scratch',
    notReached: 'not reached',
    reference: 'reference',
    negativeTransfer: 'Negative transfer',
    negativeTransferExplained:
      '{{strategy}} levels off at {{asymptote}}, below training from scratch ({{scratch}}) by more than the seed-to-seed spread.',
    verdictBetter: '{{strategy}} beat training from scratch by {{gain}} AUC.',
    verdictWorse: 'No transfer strategy beat training from scratch here.',
  },
  units: {
    pp: '{{value}} pp',
  },
  /** Counted nouns, for sentences that count two things at once (i18next plurals need `count`). */
  counts: {
    seeds_one: '{{count}} seed',
    seeds_other: '{{count}} seeds',
    epochs_one: '{{count}} epoch',
    epochs_other: '{{count}} epochs',
    images_one: '{{count}} image',
    images_other: '{{count}} images',
  },
  ...backboneEn,
  ...datasetEn,
  ...experimentEn,
  ...runsEn,
  ...predictEn,
  ...classroomEn,
} as const;

/** The shape every language provides (string leaves). */
export type Messages = DeepStrings<typeof en>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
