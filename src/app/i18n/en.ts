import { METRIC_DEFINITIONS } from '../../core/metrics/definitions';
import { backboneEn } from '../../features/backbone/messages';
import { classroomEn } from '../../features/classroom/messages';
import { datasetEn } from '../../features/dataset/messages';
import { experimentEn } from '../../features/experiment/messages';
import { predictEn } from '../../features/predict/messages';
import { fewshotEn } from '../../features/fewshot/messages';
import { fewshotLabEn } from '../../features/fewshotLab/messages';
import { runsEn } from '../../features/runs/messages';
import { transferEn } from '../../features/transfer/messages';
import { sweepsEn } from '../../features/sweeps/messages';

/** English strings. Keys are grouped by feature; zh-CN.ts must have the same keys (checked by a test). */
export const en = {
  app: {
    title: 'Transfer Studio',
    tagline: 'Transfer learning, measured: train on this device and compare transfer with training from scratch.',
    privacy: 'Everything runs in this browser: no image leaves your device.',
    skipToContent: 'Skip to the content',
  },
  settings: {
    mirror: 'Mirror the camera picture (everywhere)',
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
    adapt: {
      'source-only': 'Source only',
      coral: 'CORAL',
      'deep-coral': 'Deep CORAL',
      dan: 'DAN (MMD)',
      dann: 'DANN',
      tradaboost: 'TrAdaBoost',
      oracle: 'Target oracle',
    },
    describe: {
      scratch: 'the same network, randomly initialised, all layers trained',
      'feature-extraction': 'the source model frozen; only a new head learns',
      fineTune: 'the first blocks frozen, the last {{count}} trained with the head',
      adapt: {
        'source-only': 'a head trained on the labelled source only, tested on the target (the floor)',
        coral: 'source features re-coloured with the target covariance, then a head (Sun et al. 2016)',
        'deep-coral': 'a head whose features keep source and target covariances close (Sun & Saenko 2016)',
        dan: 'a head whose features keep source and target close in MMD (Long et al. 2015)',
        dann: 'a head trained against a domain classifier, so domains look alike (Ganin et al. 2016)',
        tradaboost: 'boosting on many source and a few labelled target images (Dai et al. 2007)',
        oracle: 'a head trained on the labelled target itself (the ceiling)',
      },
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
    tooltipWilson: 'Wilson 95 % {{interval}} on {{images}} validation images',
    chance: 'chance ({{value}})',
    saveChart: 'Save chart:',
    saveAs: { png: 'Save the chart as a PNG image', svg: 'Save the chart as an SVG drawing' },
  },
  metrics: {
    heading: 'What the markers and numbers mean',
    whatIs: 'What does “{{term}}” mean?',
    start: 'Start',
    startExplained: `${METRIC_DEFINITIONS.start} (dot)`,
    slope: 'Slope',
    slopeExplained: `${METRIC_DEFINITIONS.slope} In percentage points per epoch (dotted rising segment).`,
    plateau: 'Plateau',
    plateauExplained: `${METRIC_DEFINITIONS.plateau} (finely dotted level line where no asymptote is reached)`,
    asymptote: 'Asymptote',
    asymptoteExplained: `${METRIC_DEFINITIONS.asymptote} (dashed level line)`,
    auc: 'AUC',
    aucExplained: METRIC_DEFINITIONS.auc,
    gain: 'Transfer gain',
    gainExplained: METRIC_DEFINITIONS.gain,
    time: 'Epochs to target',
    timeExplained: METRIC_DEFINITIONS.timeToAccuracy,
    interval: '[low, high]',
    intervalExplained: METRIC_DEFINITIONS.interval,
    verdict: 'Verdict',
    verdictExplained: METRIC_DEFINITIONS.verdict,
    chance: 'Epoch 0',
    chanceExplained:
      'Before any training step the new output layer answers one class for every image: the point at epoch 0 is chance, not a result.',
    baselineNote:
      'This is a domain-adaptation run: read “source only” (a head trained on the labelled source, tested on the target) wherever the definitions above say “scratch”. Gains, time to accuracy and the verdict are measured against it.',
  },
  summary: {
    heading: 'Summary (mean [95 % interval])',
    caption: 'Learning-curve metrics per strategy: each a mean with its 95 % interval.',
    strategy: 'Strategy',
    auc: 'AUC',
    start: 'Start',
    slope: 'Slope (pp/epoch)',
    plateau: 'Plateau (last 3 epochs)',
    asymptote: 'Asymptote (fit)',
    notReachedIn: 'not reached in {{epochs}} epochs (≥ {{bound}})',
    notReachedBySome: 'not reached in {{epochs}} epochs by every training ({{reached}} of {{trials}} did; ≥ {{bound}})',
    fast: 'fast: not identified per epoch (≥ {{bound}})',
    fastExplained:
      'Half of the curve’s gain came within the first epoch: faster than per-epoch points can measure, so the rate is not identified and the number is only a lower bound.',
    gains: {
      caption:
        'Gains over {{baseline}} in percentage points: each the mean of paired differences (same split, same seed) with its 95 % interval; bold where the interval excludes zero.',
      start: 'Start (pp)',
      slope: 'Slope (pp/epoch)',
      plateau: 'Plateau (pp)',
      asymptote: 'Asymptote (pp)',
      auc: 'AUC (pp)',
      slopeUnidentified: 'not identified (fast)',
    },
    basis: {
      plateau: '(plateaus: an asymptote was not reached)',
      mixed: '(plateaus where an asymptote was not reached)',
    },
    timeTo: 'Epochs to target',
    timeValue: '{{epochs}} ({{seconds}} s)',
    target:
      'Target of “Epochs to target”: {{target}} (chance {{chance}} + 95 % of scratch’s plateau gain above chance), searched from epoch 1.',
    noTarget: 'no target: {{baseline}} stayed at chance',
    baselineName: { scratch: 'training from scratch', 'source-only': 'source only' },
    never: 'never ({{reached}} of {{trials}})',
    reachedBy: '{{reached}} of {{trials}} reached it',
    reference: 'reference',
    intervalsRepeats:
      '95 % intervals: Student t over {{repeats}} repeats, each a new split and training sample with {{seeds}} seeds; they cover the split, the sample and the seeds.',
    intervalsSeeds:
      '95 % intervals: Student t over {{seeds}} seeds on one split; they cover initialisation and shuffling only, not which images were drawn. More repeats cover that too.',
    intervalsNone: 'One training per strategy: no interval can be estimated.',
    negativeTransfer: 'Negative transfer',
    negativeTransferExplained:
      '{{strategy}} ends below {{baseline}}: its gain in asymptote is {{gain}}, an interval entirely below zero.',
    verdictBetter: '{{strategy}} beat {{baseline}} by {{gain}} AUC (95 % interval {{interval}}).',
    verdictWorse: '{{strategy}} did worse than {{baseline}} by {{gain}} AUC (95 % interval {{interval}}).',
    verdictUnclear:
      '{{strategy}}: no clear difference from {{baseline}} (the 95 % interval of the AUC gain, {{interval}}, includes zero).',
    whyUnclear:
      'With {{pairs}} paired trainings and {{images}} validation images the interval is this wide; more repeats or more images would narrow it.',
    verdictOneTrial:
      '{{strategy}}: one training each, so no interval can be estimated: run more seeds or repeats before reading a difference.',
    duplicates:
      'Duplicates in this dataset: {{exact}} exact copies, {{near}} look-alikes (re-saved or resized) and {{burst}} webcam-burst frames, in {{groups}} groups. Each group was kept on one side of every split, so validation never scores a copy of a training image.',
    unvalidated:
      'Validation holds no image of {{classes}} (one image, or copies of one picture, kept for training): the accuracies here score the other {{scored}} classes only. Add images to score every class.',
    duplicatesMixed:
      '{{count}} of these groups hold images of different classes: the same picture labelled twice. Check those labels.',
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
  ...sweepsEn,
  ...predictEn,
  ...classroomEn,
  ...fewshotEn,
  ...fewshotLabEn,
  ...transferEn,
} as const;

/** The shape every language provides (string leaves). */
export type Messages = DeepStrings<typeof en>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
