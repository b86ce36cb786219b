import type { Messages } from './en';
import { backboneZhCN } from '../../features/backbone/messages';
import { classroomZhCN } from '../../features/classroom/messages';
import { datasetZhCN } from '../../features/dataset/messages';
import { experimentZhCN } from '../../features/experiment/messages';
import { predictZhCN } from '../../features/predict/messages';
import { fewshotZhCN } from '../../features/fewshot/messages';
import { fewshotLabZhCN } from '../../features/fewshotLab/messages';
import { runsZhCN } from '../../features/runs/messages';
import { transferZhCN } from '../../features/transfer/messages';
import { sweepsZh } from '../../features/sweeps/messages';

/** Simplified Chinese. Same keys as en.ts. */
export const zhCN: Messages = {
  app: {
    title: '迁移学习工作室',
    tagline: '可度量的迁移学习：在本机训练，比较迁移学习与从零训练。',
    privacy: '一切都在浏览器中运行：图片不会离开你的设备。',
    skipToContent: '跳到主要内容',
  },
  settings: {
    mirror: '镜像摄像头画面（各处一致）',
    language: '语言',
    languageName: { en: 'English', 'zh-CN': '简体中文' },
    backend: '计算后端',
    backendPending: '启动中…',
    measuringNote: '已立即启动；正在测量其他后端，最快的会在两次运行之间接手',
    isolated: '已跨源隔离',
    notIsolated: '未跨源隔离',
    wasmThreads_one: '{{count}} 个 WASM 线程',
    wasmThreads_other: '{{count}} 个 WASM 线程',
    measured: '实测 {{list}}',
    imagesPerSecond: '{{backend}} 每秒 {{rate}} 张',
    stepsPerSecond: '{{backend}} 每秒 {{rate}} 步训练',
    why: '为什么选这个后端？',
    override: '后端选择',
    preference: {
      auto: '自动（选实测最快的）',
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'WebAssembly（WASM）',
      cpu: 'CPU（纯 JavaScript）',
    },
  },
  experiment: {
    heading: '内置实验：数字 0–4 → 5–9',
    intro:
      '一个小型 VGG 风格网络已在手写数字 0–4（源任务）上训练好。它学到的东西，能否在每类只有 {{train}} 个样本时，帮助识别从未见过的数字 5–9？',
    samplesAlt: '目标任务的手写数字样本：5、6、7、8、9',
    facts: {
      backbone: '源模型',
      backboneValue: 'digits-vgg：3 个卷积块，在 MNIST 0–4 上训练（随应用提供）',
      target: '目标任务',
      targetValue: 'MNIST 数字 5–9（{{classes}} 类）',
      data: '每类数据',
      dataValue: '{{train}} 个训练，{{validation}} 个验证',
      strategies: '比较',
      budget: '训练预算',
    },
    run: '运行实验',
    runAgain: '再次运行',
    running: '运行中…',
    cancel: '取消',
    export: '导出结果（JSON）',
  },
  strategy: {
    scratch: '从零训练',
    'feature-extraction': '特征提取',
    fineTune_one: '微调最后 {{count}} 个块',
    fineTune_other: '微调最后 {{count}} 个块',
    adapt: {
      'source-only': '仅源域',
      coral: 'CORAL（协方差对齐）',
      'deep-coral': '深度 CORAL',
      dan: 'DAN（MMD 对齐）',
      dann: 'DANN（对抗对齐）',
      tradaboost: 'TrAdaBoost（迁移提升）',
      oracle: '目标域上限',
    },
    describe: {
      scratch: '同一网络，随机初始化，训练全部层',
      'feature-extraction': '冻结源模型，只训练新的分类头',
      fineTune: '冻结前面的块，最后 {{count}} 个块与分类头一起训练',
      adapt: {
        'source-only': '只用有标签的源域训练分类头，在目标域上测试（下限）',
        coral: '用目标域协方差重新着色源域特征，再训练分类头（Sun 等，2016）',
        'deep-coral': '训练分类头时让源域与目标域特征的协方差保持接近（Sun 与 Saenko，2016）',
        dan: '训练分类头时让源域与目标域特征的 MMD 距离保持很小（Long 等，2015）',
        dann: '与域分类器对抗训练，使两个域的特征难以区分（Ganin 等，2016）',
        tradaboost: '在大量源域和少量有标签目标域图像上做提升（Dai 等，2007）',
        oracle: '直接用有标签的目标域训练分类头（上限）',
      },
    },
  },
  status: {
    idle_one: '准备就绪。点击一次，在此页面中训练 {{count}} 个小网络。',
    idle_other: '准备就绪。点击一次，在此页面中训练 {{count}} 个小网络。',
    phase: {
      loading: '正在加载源模型…',
      decoding: '正在解码样本数字…',
      caching: '正在缓存特征（每种策略一次）…',
      warmup: '正在预热计算引擎…',
      training: '训练中…',
      done: '已完成。',
    },
    starting: '正在启动…',
    measuring: '现在先在 {{backend}} 上运行；其他引擎正在测速，最快的会在两次运行之间接手。',
    progress: '第 {{done}}/{{total}} 次训练：{{strategy}}，种子 {{seed}}，第 {{epoch}}/{{epochs}} 轮',
    finished_one: '在 {{backend}} 上用 {{seconds}} 秒完成了 {{count}} 次训练。',
    finished_other: '在 {{backend}} 上用 {{seconds}} 秒完成了 {{count}} 次训练。',
    cancelled: '已取消。已有的曲线保留；再次运行将重新开始。',
    failed: '实验失败：{{message}}',
    progressLabel: '实验进度',
  },
  curves: {
    heading: '学习曲线',
    empty: '实验开始后，曲线会在这里逐轮出现。',
    xLabel: '轮次',
    yLabel: '验证准确率',
    chartLabel: '{{strategies}} 每轮的验证准确率：线为各种子的平均值，带为种子间的波动（± 1 个标准差）。',
    tooltipEpoch: '第 {{epoch}} 轮',
    tooltipValue_one: '{{mean}} ± {{std}}（{{count}} 个种子）',
    tooltipValue_other: '{{mean}} ± {{std}}（{{count}} 个种子）',
    legendSeeds: '细线：单个种子',
    tooltipWilson: '在 {{images}} 张验证图像上的 Wilson 95 % 区间 {{interval}}',
    chance: '随机猜测（{{value}}）',
    saveChart: '保存图表：',
    saveAs: { png: '把图表保存为 PNG 图片', svg: '把图表保存为 SVG 矢量图' },
  },
  metrics: {
    heading: '标记和数字的含义',
    whatIs: '“{{term}}”是什么意思？',
    start: '起点',
    startExplained: '第一轮训练后的验证准确率。第 0 轮（任何训练步骤之前）是随机水平，不是指标。（圆点）',
    slope: '斜率',
    slopeExplained:
      '曲线上升的速度：曲线自身增益（平台值 − 第 0 轮）的一半，除以达到它所用的轮数。若一半增益在第一轮内就已达到，则记为“很快”——比逐轮数据能测出的还快。单位为每轮百分点（上升的点线段）。',
    plateau: '平台值',
    plateauExplained: '最后三轮验证准确率的平均值：曲线在预算内达到的水平。（未达到渐近线时画为细点水平线）',
    asymptote: '渐近线',
    asymptoteExplained:
      '拟合曲线 a − (a − s)·exp(−t/τ) 趋近的水平，只在拟合能确定它时才给出：曲线在预算内已趋于平稳（τ ≤ E/3），且拟合能解释曲线（R² ≥ 0.8，或只剩抽样噪声），或者曲线在抽样噪声范围内本身就是平的（此时取其平均水平）。否则显示“E 轮内未达到”，并以平台值作为下界。（水平虚线）',
    auc: 'AUC',
    aucExplained: '第 1 到第 E 轮验证准确率的平均值（学习曲线下的面积）。',
    gain: '迁移增益',
    gainExplained:
      '策略减去从零训练，在同一划分和同一种子上成对相减后再平均。任一方没有确定的渐近线时，渐近线增益改用平台值。',
    time: '达到目标的轮数',
    timeExplained:
      '从第 1 轮起，准确率首次达到“随机水平 + 从零训练平台值高出随机水平部分的 95 %”所需的轮数和秒数；达不到时显示“从未”（并给出有几次训练达到）。从零训练停在随机水平时不设目标。其区间截断在 [1, E] 轮以内（E 为训练的轮数）。',
    interval: '[下限, 上限]',
    intervalExplained:
      '95 % 置信区间。两次及以上重复（每次重复都是新的分层划分和新的训练样本）时：对各次重复的平均值做 Student t 区间，涵盖划分、样本、初始化、打乱顺序和 dropout。只有一次重复时：对种子做 t 区间，只涵盖初始化、打乱顺序和 dropout，不涵盖抽到了哪些图像。单个准确率（一个类别、一轮、一次训练）带有由其验证图像数量得到的 Wilson 区间：它只涵盖抽到了哪些图像。每个 t 区间都假定离散程度至少为一张验证图像（轮数则至少一轮），因此各次重复结果恰好相同时也不会给出宽度为零的区间。',
    verdict: '结论',
    verdictExplained:
      '只有当成对增益的 95 % 区间不包含零时，才说“胜过从零训练”或“负迁移”（结论看 AUC 增益，负迁移看渐近线增益）；否则说“没有明显差别”。',
    chance: '第 0 轮',
    chanceExplained: '在任何训练步骤之前，新的输出层对每张图像都回答同一个类别：第 0 轮的点是随机水平，不是结果。',
    baselineNote:
      '这是一次领域自适应运行：上面各定义中的“从零训练”在这里都读作“仅源域”（只用有标签的源域训练、在目标域上测试）。增益、达到目标的轮数和结论都以它为基准衡量。',
  },
  summary: {
    heading: '汇总（平均值 [95 % 区间]）',
    caption: '各策略的学习曲线指标：每项是平均值及其 95 % 区间。',
    strategy: '策略',
    auc: 'AUC',
    start: '起点',
    slope: '斜率（百分点/轮）',
    plateau: '平台值（最后 3 轮）',
    asymptote: '渐近线（拟合）',
    notReachedIn: '{{epochs}} 轮内未达到（≥ {{bound}}）',
    notReachedBySome: '{{epochs}} 轮内并非每次训练都达到（{{trials}} 次中 {{reached}} 次达到；≥ {{bound}}）',
    fast: '很快：逐轮数据无法确定（≥ {{bound}}）',
    fastExplained: '曲线一半的增益在第一轮内就已达到：比逐轮数据能测出的还快，所以速度无法确定，这个数只是下界。',
    gains: {
      caption:
        '相对{{baseline}}的增益（百分点）：每项是成对差值（同一划分、同一种子）的平均值及其 95 % 区间；区间不包含零时加粗显示。',
      start: '起点（百分点）',
      slope: '斜率（百分点/轮）',
      plateau: '平台值（百分点）',
      asymptote: '渐近线（百分点）',
      auc: 'AUC（百分点）',
      slopeUnidentified: '无法确定（很快）',
    },
    basis: {
      plateau: '（用平台值：未达到渐近线）',
      mixed: '（未达到渐近线处用平台值）',
    },
    timeTo: '达到目标的轮数',
    timeValue: '{{epochs}}（{{seconds}} 秒）',
    target:
      '“达到目标的轮数”的目标：{{target}}（随机水平 {{chance}} + 从零训练平台值高出随机水平部分的 95 %），从第 1 轮起搜索。',
    noTarget: '无目标：{{baseline}}停在随机水平',
    baselineName: { scratch: '从零训练', 'source-only': '仅源域训练' },
    never: '从未（{{trials}} 次中 {{reached}} 次）',
    reachedBy: '{{trials}} 次中 {{reached}} 次达到',
    reference: '基准',
    intervalsRepeats:
      '95 % 区间：对 {{repeats}} 次重复做 Student t 区间，每次重复是新的划分和训练样本，各含 {{seeds}} 个种子；涵盖划分、样本和种子。',
    intervalsSeeds:
      '95 % 区间：在同一个划分上对 {{seeds}} 个种子做 Student t 区间；只涵盖初始化和打乱顺序，不涵盖抽到了哪些图像。增加重复次数可以把这一点也涵盖进来。',
    intervalsNone: '每个策略只训练了一次：无法估计区间。',
    negativeTransfer: '负迁移',
    negativeTransferExplained: '{{strategy}} 最终低于{{baseline}}：渐近线增益为 {{gain}}，整个区间都在零以下。',
    verdictBetter: '{{strategy}} 的 AUC 比{{baseline}}高 {{gain}}（95 % 区间 {{interval}}）。',
    verdictWorse: '{{strategy}} 的 AUC 比{{baseline}}低 {{gain}}（95 % 区间 {{interval}}）。',
    verdictUnclear: '{{strategy}}：与{{baseline}}没有明显差别（AUC 增益的 95 % 区间 {{interval}} 包含零）。',
    whyUnclear: '只有 {{pairs}} 对训练和 {{images}} 张验证图像，区间才这么宽；更多重复或更多图像会让它变窄。',
    verdictOneTrial: '{{strategy}}：每个策略只训练了一次，无法估计区间：请先增加种子或重复次数，再解读差别。',
    duplicates:
      '此数据集中有重复图片：{{exact}} 张完全相同的副本、{{near}} 张外观几乎相同的图片（重新保存或缩放过）、{{burst}} 张摄像头连拍帧，共 {{groups}} 组。每组在每次划分中都只放在同一侧，因此验证集不会给训练图片的副本打分。',
    unvalidated:
      '验证集中没有 {{classes}} 的图片（只有一张图片，或只有同一张图片的副本，都留作训练）：这里的准确率只评估了其余 {{scored}} 个类别。请添加图片，以评估每个类别。',
    duplicatesMixed: '其中 {{count}} 组包含不同类别的图片：同一张图片被标成了两个类别。请检查这些标签。',
  },
  units: {
    pp: '{{value}} 个百分点',
  },
  counts: {
    seeds_one: '{{count}} 个随机种子',
    seeds_other: '{{count}} 个随机种子',
    epochs_one: '{{count}} 轮',
    epochs_other: '{{count}} 轮',
    images_one: '{{count}} 张图片',
    images_other: '{{count}} 张图片',
  },
  ...backboneZhCN,
  ...datasetZhCN,
  ...experimentZhCN,
  ...runsZhCN,
  ...sweepsZh,
  ...predictZhCN,
  ...classroomZhCN,
  ...fewshotZhCN,
  ...fewshotLabZhCN,
  ...transferZhCN,
};
