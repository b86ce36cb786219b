/**
 * Strings of "How well will it transfer?" and the domain-shift meter, spread into src/app/i18n/en.ts and zh-CN.ts.
 * zh-CN must have the same keys and placeholders (i18n.test.ts).
 */
export const transferEn = {
  transfer: {
    heading: 'How well will it transfer?',
    intro:
      'Before training anything: each candidate network, cut at one of its blocks, turns your training images into features, and six scores estimate how well a new classifier on those features will do. Scores only rank the candidates. “Estimate and check” then trains a classifier at every candidate, so you see how right the ranking was.',
    estimate: 'Estimate (seconds)',
    check: 'Estimate and check (a classifier at each of {{count}} candidates)',
    cancel: 'Stop',
    progress: {
      loading: 'Loading {{detail}}… {{percent}} %',
      embedding: 'Computing features with {{detail}}: {{done}} of {{total}} images',
      measuring: 'Training a classifier for candidate {{done}} of {{total}}…',
    },
    cancelled: 'Stopped.',
    failed: 'The estimate did not finish: {{message}}',
    stale: 'These scores are for “{{dataset}}”, not the dataset selected now: estimate again to score it.',
    summary:
      '{{images}} training images of “{{dataset}}” (the validation images are kept for checking); features in {{seconds}} s, all scores in {{scoreSeconds}} s.',
    rankBy: 'Predict the ranking with',
    table: {
      caption: 'Candidates with their scores (higher = expected to transfer better) and, once checked, their accuracy',
      candidate: 'Candidate',
      cut: 'Cut at',
      predicted: 'Predicted rank',
      measured: 'Measured accuracy',
      measuredRank: 'Measured rank',
      notMeasured: 'not checked',
      measuring: 'training…',
      block: 'block {{number}} of {{blocks}}',
      interval: '{{value}} % ({{low}}–{{high}})',
      noInterval: '{{value}} % (one seed: no interval)',
    },
    scores: {
      logme: {
        name: 'LogME',
        tip: 'Log of the maximum evidence (You et al. 2021): how well a Bayesian linear model explains the labels from the features, per image. Higher is better.',
      },
      leep: {
        name: 'LEEP',
        tip: 'Log expected empirical prediction (Nguyen et al. 2020): how well the network’s own old classes predict your classes. Reads the whole network, so it is the same for every cut.',
      },
      nce: {
        name: 'NCE',
        tip: 'Negative conditional entropy (Tran et al. 2019): how much knowing the network’s predicted old class tells about your class. Same for every cut.',
      },
      hscore: {
        name: 'H-score',
        tip: 'How much of the features’ spread lies between your class means (Bao et al. 2019), with the shrinkage of Ibrahim et al. 2023 because there are more features than images. Higher is better.',
      },
      gbc: {
        name: 'GBC',
        tip: 'Gaussian Bhattacharyya coefficient (Pándy et al. 2022): minus the overlap of the classes modelled as Gaussians; closer to 0 = better separated.',
      },
      knn: {
        name: 'kNN',
        tip: 'Leave-one-out nearest-neighbour accuracy: each image takes the class of its most similar other image. An accuracy, shown with its 95 % interval.',
      },
    },
    agreement: {
      heading: 'Did the scores predict the measured order?',
      score: 'Score',
      kendall: 'Kendall τ',
      kendallTip: 'Rank correlation with the measured accuracy: 1 = same order, 0 = unrelated, −1 = reversed.',
      weighted: 'weighted τ',
      weightedTip:
        'Like Kendall τ, but a swap among the best candidates costs more than one among the worst (Vigna 2015).',
      reading: 'Reading',
      readings: {
        agrees: 'agrees',
        partly: 'partly',
        disagrees: 'disagrees',
        undefined: 'cannot tell (same value for every candidate)',
      },
      caveat:
        'With {{count}} candidates on one small dataset, τ moves a lot with a single swap: a rough guide, not a verdict.',
    },
    shift: {
      heading: 'Domain-shift meter',
      intro:
        'How different do your images look from another set — for example MNIST handwriting, the kind of images the built-in digits network learned from? Measured in the selected network’s features, on up to 300 images of each.',
      source: 'Compare with',
      builtIn: 'built-in handwritten digits (MNIST 5–9)',
      measure: 'Measure the shift',
      measuring: 'Measuring…',
      levels: {
        'none-detected': 'No shift detected',
        small: 'Small shift',
        moderate: 'Moderate shift',
        large: 'Large shift',
      },
      levelNote:
        'The level reads the proxy A-distance once MMD finds a difference; the numbers below are what to cite.',
      summary: '“{{source}}” ({{sourceCount}} images) → “{{target}}” ({{targetCount}} images), features at {{cut}}.',
      mmd: 'MMD²',
      mmdValue: '{{value}} (p = {{p}})',
      mmdTip:
        'Maximum mean discrepancy with a Gaussian kernel: 0 when both sets come from one distribution. p is from 200 shuffles of which image belongs to which set; below 0.05 = a real difference.',
      coral: 'CORAL distance',
      coralTip: 'How different the features’ covariances are, ‖C_S − C_T‖²/(4d²): 0 = same second-order statistics.',
      pad: 'Proxy A-distance',
      padValue: '{{value}} (95 % CI {{low}}–{{high}})',
      padTip:
        'A linear classifier learns to tell the two sets apart; with its error ε on held-out images, 2(1 − 2ε). 0 = cannot tell them apart, 2 = always can.',
      seconds: 'Computed in {{seconds}} s after the features.',
    },
    adapt: {
      heading: 'Domain adaptation: handwriting → digits on colour backgrounds',
      intro:
        'A classifier learns digits from labelled handwriting (the source) and must read them on coloured, textured backgrounds (the target), whose labels it may not use. The built-in target is made here from the built-in digits on synthetic colour patterns, in the style of MNIST-M (which uses real photos); for real MNIST-M, import ../shared/datasets/digits-mnistm (or your own digit folders 0–9) as your dataset and choose “current dataset”. “Source only” does not adapt: it is the floor every gain is measured against. The oracle trains on the labelled target: the ceiling. In between, three methods also look at the unlabelled target images. Hover a name for what it does.',
      source: 'Labelled source',
      builtIn: 'built-in MNIST digits 0–9 (30 per digit)',
      targetLabel: 'Unlabelled target',
      syntheticTarget: 'built-in digits 0–9 on synthetic colour backgrounds (MNIST-M-style, not MNIST-M)',
      target: 'current dataset: “{{dataset}}”',
      sampleTarget: 'built-in digits 5–9 (no domain shift: import MNIST-M first)',
      run: 'Run adaptation (5 methods × {{seeds}} seeds, {{epochs}} epochs)',
      failed: 'The adaptation run did not finish: {{message}}',
      curves:
        'Accuracy on the target’s validation images after each epoch. The summary, per-digit results and the source-and-target scatter before and after CORAL are in “Run & results”.',
      caption: 'Target accuracy at the end (plateau) and the paired gain against source only, with 95 % intervals',
      method: 'Method',
      plateau: 'Target plateau',
      gain: 'Gain over source only',
      gainTip:
        'Method minus source only on the same seed, averaged; the interval covers the seeds. “Clearly better” only when the whole interval is above zero.',
      baseline: 'the baseline',
      direction: { above: 'clearly better', below: 'clearly worse', unclear: 'no clear difference' },
      reference:
        'For reference, Ganin & Lempitsky 2015 report on full MNIST → MNIST-M: source only 52 %, DANN 77 %, trained on the target 96 %. This preset is far smaller (300 source images, a network trained on digits 0–4) and its built-in target is synthetic, so ours differ.',
    },
  },
};

export const transferZhCN: typeof transferEn = {
  transfer: {
    heading: '迁移效果能有多好？',
    intro:
      '在训练任何东西之前：每个候选网络在某一模块处截断，把你的训练图像变成特征，六个分数估计在这些特征上训练的新分类器会有多好。分数只用于给候选排序。“估计并验证”随后会在每个候选上训练一个分类器，让你看到排序有多准确。',
    estimate: '估计（几秒钟）',
    check: '估计并验证（在 {{count}} 个候选上各训练一个分类器）',
    cancel: '停止',
    progress: {
      loading: '正在加载 {{detail}}… {{percent}} %',
      embedding: '正在用 {{detail}} 计算特征：{{done}} / {{total}} 张图像',
      measuring: '正在为第 {{done}} 个候选（共 {{total}} 个）训练分类器…',
    },
    cancelled: '已停止。',
    failed: '估计未能完成：{{message}}',
    stale: '这些分数属于“{{dataset}}”，不是当前选中的数据集：请重新估计。',
    summary:
      '“{{dataset}}”的 {{images}} 张训练图像（验证图像留作检验）；特征用时 {{seconds}} 秒，全部分数用时 {{scoreSeconds}} 秒。',
    rankBy: '用于预测排序的分数',
    table: {
      caption: '候选及其分数（越高表示预计迁移越好），验证后显示其准确率',
      candidate: '候选',
      cut: '截断位置',
      predicted: '预测排名',
      measured: '实测准确率',
      measuredRank: '实测排名',
      notMeasured: '未验证',
      measuring: '训练中…',
      block: '第 {{number}} / {{blocks}} 个模块',
      interval: '{{value}} %（{{low}}–{{high}}）',
      noInterval: '{{value}} %（仅一个种子：无区间）',
    },
    scores: {
      logme: {
        name: 'LogME',
        tip: '最大证据的对数（You 等，2021）：贝叶斯线性模型从特征解释标签的程度，按每张图像计。越高越好。',
      },
      leep: {
        name: 'LEEP',
        tip: '对数期望经验预测（Nguyen 等，2020）：网络原有类别对你的类别的预测能力。它读取整个网络，因此对每个截断位置都相同。',
      },
      nce: {
        name: 'NCE',
        tip: '负条件熵（Tran 等，2019）：知道网络预测的原有类别后，对你的类别能了解多少。对每个截断位置都相同。',
      },
      hscore: {
        name: 'H 分数',
        tip: '特征的离散有多少落在各类均值之间（Bao 等，2019）；由于特征比图像多，采用 Ibrahim 等（2023）的收缩形式。越高越好。',
      },
      gbc: {
        name: 'GBC',
        tip: '高斯 Bhattacharyya 系数（Pándy 等，2022）：把各类视为高斯分布时重叠程度的相反数；越接近 0 分得越开。',
      },
      knn: {
        name: 'kNN',
        tip: '留一最近邻准确率：每张图像取与它最相似的另一张图像的类别。这是一个准确率，附 95 % 区间。',
      },
    },
    agreement: {
      heading: '分数预测对了实测的顺序吗？',
      score: '分数',
      kendall: 'Kendall τ',
      kendallTip: '与实测准确率的秩相关：1 = 顺序相同，0 = 无关，−1 = 完全相反。',
      weighted: '加权 τ',
      weightedTip: '与 Kendall τ 类似，但最好的几个候选之间的错位比最差的几个之间的错位代价更大（Vigna，2015）。',
      reading: '解读',
      readings: {
        agrees: '一致',
        partly: '部分一致',
        disagrees: '不一致',
        undefined: '无法判断（所有候选的值相同）',
      },
      caveat: '只有 {{count}} 个候选、一个小数据集时，一次错位就会让 τ 变化很大：只作粗略参考，不是定论。',
    },
    shift: {
      heading: '领域差异计',
      intro:
        '你的图像与另一组图像（例如 MNIST 手写数字，即内置数字网络学习过的那类图像）看起来差别有多大？在所选网络的特征中测量，每组最多 300 张图像。',
      source: '比较对象',
      builtIn: '内置手写数字（MNIST 5–9）',
      measure: '测量差异',
      measuring: '测量中…',
      levels: {
        'none-detected': '未检测到差异',
        small: '差异小',
        moderate: '差异中等',
        large: '差异大',
      },
      levelNote: '在 MMD 发现差异后，等级按代理 A 距离读取；应引用的是下面的数字。',
      summary: '“{{source}}”（{{sourceCount}} 张图像）→“{{target}}”（{{targetCount}} 张图像），特征取自 {{cut}}。',
      mmd: 'MMD²',
      mmdValue: '{{value}}（p = {{p}}）',
      mmdTip:
        '高斯核的最大均值差异：两组来自同一分布时为 0。p 值来自 200 次随机交换图像所属的组；低于 0.05 表示差异真实存在。',
      coral: 'CORAL 距离',
      coralTip: '特征协方差的差别，‖C_S − C_T‖²/(4d²)：0 表示二阶统计量相同。',
      pad: '代理 A 距离',
      padValue: '{{value}}（95 % 置信区间 {{low}}–{{high}}）',
      padTip:
        '用一个线性分类器区分两组图像；若它在留出图像上的错误率为 ε，则为 2(1 − 2ε)。0 = 无法区分，2 = 总能区分。',
      seconds: '在特征之后用时 {{seconds}} 秒计算。',
    },
    adapt: {
      heading: '领域自适应：手写数字 → 彩色背景上的数字',
      intro:
        '分类器从有标签的手写数字（源域）学习，却要在彩色纹理背景上的数字（目标域）上识别，而且不能使用目标域的标签。内置目标域是在这里用内置数字叠加合成的彩色图案生成的，风格类似 MNIST-M（MNIST-M 用的是真实照片）；若要用真实的 MNIST-M，请把 ../shared/datasets/digits-mnistm（或你自己的 0–9 数字文件夹）导入为数据集，并选择“当前数据集”。“仅源域”不做任何自适应：它是衡量所有提升的下限。“目标域上限”用有标签的目标图像训练：它是上限。中间的三种方法还会查看无标签的目标图像。把鼠标停在名称上可查看其做法。',
      source: '有标签的源域',
      builtIn: '内置 MNIST 数字 0–9（每个数字 30 张）',
      targetLabel: '无标签的目标域',
      syntheticTarget: '内置数字 0–9，合成彩色背景（MNIST-M 风格，并非 MNIST-M）',
      target: '当前数据集：“{{dataset}}”',
      sampleTarget: '内置数字 5–9（没有领域差异：请先导入 MNIST-M）',
      run: '运行自适应（5 种方法 × {{seeds}} 个种子，{{epochs}} 轮）',
      failed: '自适应运行未能完成：{{message}}',
      curves:
        '每轮之后在目标域验证图像上的准确率。汇总、各数字的结果以及 CORAL 前后源域与目标域的散点图见“运行与结果”。',
      caption: '结束时（平台期）的目标域准确率，以及相对“仅源域”的配对提升，附 95 % 区间',
      method: '方法',
      plateau: '目标域平台期',
      gain: '相对仅源域的提升',
      gainTip: '同一种子下该方法减去仅源域，再取平均；区间覆盖各种子。只有整个区间都大于零时才算“明显更好”。',
      baseline: '基线',
      direction: { above: '明显更好', below: '明显更差', unclear: '无明显差别' },
      reference:
        '作为参考，Ganin 与 Lempitsky（2015）在完整的 MNIST → MNIST-M 上报告：仅源域 52 %，DANN 77 %，在目标域上训练 96 %。本预设规模小得多（300 张源域图像，网络只学过数字 0–4），且内置目标域是合成的，因此我们的数字会不同。',
    },
  },
};
