/**
 * Strings of the Sweeps step, spread into src/app/i18n/en.ts and zh-CN.ts. zh-CN must have the same keys and
 * placeholders (i18n.test.ts).
 */
export const sweepsEn = {
  sweeps: {
    heading: 'Sweeps: show the phenomena',
    intro:
      'One experiment is one comparison. A sweep lays many side by side — every freeze depth, or every amount of data — so you can see how deep to freeze and how much data transfer saves. It runs on the built-in digits: the network trained on 0–4, transferred to 5–9.',
    presetLegend: 'What to show',
    presets: {
      depth: {
        title: 'How deep to freeze',
        description:
          'Accuracy for 0–3 trainable blocks (0 = feature extraction) at 10 images per digit, scratch as the floor.',
      },
      size: {
        title: 'How much data',
        description: 'Transfer (top block fine-tuned) against scratch at 1, 2, 5, 10, 20 and 50 images per digit.',
      },
      selffer: {
        title: 'Selffer: AnB and BnB',
        description:
          'Yosinski’s control: the first blocks frozen, the rest re-initialised and retrained — from the 0–4 network (AnB) and from a network trained on 5–9 itself (BnB).',
      },
      multitask: {
        title: 'Multi-task against transfer',
        description: 'One network learning 0–4 and 5–9 at once (two heads) against the 0–4 network fine-tuned on 5–9.',
      },
      negative: {
        title: 'Negative transfer',
        description:
          'A network trained on 0–4 with random labels, frozen (0) or fine-tuned (3 blocks), against scratch and the clean 0–4 network at 50 images per digit.',
      },
    },
    seeds: 'Seeds',
    repeats: 'Repeats (new split each)',
    epochs: 'Epochs',
    cost: '{{trainings}} trainings × {{each}} ≈ {{total}} on this device',
    costUnknown: '{{trainings}} trainings; the time per training is measured once the first one runs',
    costNote: 'Estimated from this device’s measured speed; the bar below shows the real pace.',
    start: 'Start sweep',
    cancel: 'Cancel sweep',
    progress: 'Sweep progress',
    progressText: 'Training {{done}} of {{total}} · {{left}} left',
    progressTextNoEta: 'Training {{done}} of {{total}}',
    status: {
      running: 'running',
      done: 'done',
      cancelled: 'cancelled',
      failed: 'failed: {{message}}',
    },
    seconds: '{{value}} s',
    minutes: '{{value}} min',
    export: 'Export sweep (JSON)',
    history: 'Earlier sweeps, kept in this browser',
    show: 'Show',
    historyItem: '{{preset}} · {{time}} · {{status}}',
    depthChart: {
      title: 'Plateau accuracy against freeze depth — {{perClass}} images per digit',
      label:
        'Plateau accuracy (mean of the last three epochs) for each number of trainable blocks, per curve: {{series}}',
      x: 'Trainable blocks (0 = feature extraction)',
      y: 'Plateau accuracy',
      scratch: 'scratch (band: 95 % interval)',
    },
    sizeChart: {
      title: 'Plateau accuracy against images per digit — {{series}}',
      label: 'Plateau accuracy of transfer and scratch for each number of images per digit, log scale',
      x: 'Training images per digit (log scale)',
      y: 'Plateau accuracy',
      transfer: 'transfer',
      scratch: 'scratch',
      multitask: 'multi-task',
      gap: 'gap (transfer − scratch)',
      crossover: 'crossover',
    },
    series: {
      transfer: 'transfer',
      AnB: 'AnB (0–4 network)',
      BnB: 'BnB (5–9 network)',
      'AnB+': 'AnB+ (0–4, fine-tuned)',
      noisy: 'random-label network',
    },
    depth: 'depth {{depth}}',
    interval: '{{mean}} [{{low}}, {{high}}]',
    noInterval: '{{mean}} (no interval: one training)',
    clickHint: 'Click a point to see its learning curves.',
    table: {
      cell: 'Cell',
      plateau: 'Plateau [95 % interval]',
      gain: 'Gain over scratch, points [95 % interval]',
      curves: 'Curves',
    },
    waiting: 'Points appear as each cell finishes all its repeats and seeds.',
    cell: {
      title: 'Learning curves of {{cell}}, {{perClass}} images per digit',
      trial: 'repeat {{repeat}}, seed {{seed}}',
      close: 'Close',
      label: 'Validation accuracy per epoch of every training of this cell',
    },
    reading: {
      heading: 'What this shows',
      yosinski:
        'Yosinski et al. (2014) found that features of a network trained on a similar task transfer well: frozen or fine-tuned, they beat training from scratch, and fine-tuning helps most.',
      allAbove: 'Here every depth beats scratch (by {{low}} to {{high}} points): this run agrees.',
      someAbove: 'Here {{count}} of {{total}} depths beat scratch clearly; the others are no clear difference.',
      noneAbove:
        'Here no depth beats scratch clearly — with this much data scratch has caught up, or more repeats are needed.',
      below: 'Negative transfer at {{depths}}: below scratch, the interval of the paired difference excluding zero.',
      best: 'Best mean plateau: {{series}} at depth {{depth}} ({{value}}).',
      noScratch: 'Scratch has not finished yet: gains appear when it has.',
      he: 'He, Girshick & Dollár (2019) found that pre-training helps most when data is scarce and that training from scratch catches up as data grows.',
      gapShrinks:
        'Here the gain over scratch is {{first}} points at {{firstX}} per digit and {{last}} at {{lastX}}: it shrinks as data grows, as they found.',
      gapGrows:
        'Here the gain over scratch is {{first}} points at {{firstX}} per digit and {{last}} at {{lastX}}: it does not shrink within these sizes, unlike their finding.',
      crossover: 'The curves cross between {{from}} and {{to}} per digit{{clear}}.',
      crossoverUnclear: ' (not clear: an interval there includes zero)',
      noCrossover: 'No crossover within these sizes.',
      selffer:
        'In Yosinski’s control, BnB dips when the retrained blocks were co-adapted with the frozen ones (fragile co-adaptation), and AnB falls below BnB as more of A’s specific features are kept.',
      dip: '{{series}}, {{depth}} blocks retrained, against none retrained: {{value}} points, {{verdict}}.',
      versus: '{{series}} against {{first}}, {{depth}} blocks retrained: {{value}} points, {{verdict}}.',
      clear: 'clear',
      unclear: 'no clear difference',
      caruana:
        'Multi-task learning (Caruana 1997) shares what two tasks have in common while both train; sequential transfer reuses what the first task learned.',
      multitaskWins: 'At {{x}} per digit multi-task beats transfer by {{value}} points.',
      transferWins: 'At {{x}} per digit transfer beats multi-task by {{value}} points.',
      noWinner: 'At {{x}} per digit no clear difference between multi-task and transfer ({{value}} points).',
      wang: 'Wang et al. (2019) call transfer negative when it ends below training from scratch. Here the source network learned digits 0–4 with every label replaced by a random one: it memorised noise, and its features are wrong for 5–9.',
      negativeAt:
        '{{series}}, {{depth}} blocks fine-tuned: {{value}} points against scratch — negative transfer (the interval lies below zero).',
      positiveAt: '{{series}}, {{depth}} blocks fine-tuned: {{value}} points against scratch — better than scratch.',
      neutralAt: '{{series}}, {{depth}} blocks fine-tuned: {{value}} points against scratch — no clear difference.',
      whenNegative:
        'Negative transfer needs features that are wrong for the target, kept frozen, and enough images for scratch to learn. Random labels alone may not be enough: the first convolutional blocks stay generic even when trained on noise (Maennel et al. 2020), so this sweep may show no negative transfer — that is a finding too (our runs show none here). Fine-tuning the blocks and the clean 0–4 network are the contrasts. Where we did find it: the clean 0–4 network kept frozen on MNIST-M (digits 5–9 blended into real photo patches) with 50 images per digit, where scratch learns the new backgrounds — far below scratch, the interval below zero, in every repeat (command line: --preset negative-transfer; README has the numbers).',
      intervals:
        'Intervals: 95 %, t over the repeats’ means (each repeat a new split) — over seeds only when there is one repeat.',
    },
  },
};

export const sweepsZh: typeof sweepsEn = {
  sweeps: {
    heading: '扫描实验：展示迁移现象',
    intro:
      '一次实验只是一次比较。扫描把许多次训练并排放在一起——每一种冻结深度，或每一种数据量——让你看到该冻结多深、迁移能省下多少数据。它在内置的数字数据上运行：在 0–4 上训练的网络，迁移到 5–9。',
    presetLegend: '要展示什么',
    presets: {
      depth: {
        title: '冻结多深',
        description: '每个数字 10 张图像时，0–3 个可训练块（0 = 特征提取）的准确率，以从零训练为基线。',
      },
      size: {
        title: '需要多少数据',
        description: '每个数字 1、2、5、10、20、50 张图像时，迁移（微调最顶一块）与从零训练的对比。',
      },
      selffer: {
        title: '自迁移对照：AnB 与 BnB',
        description:
          'Yosinski 的对照实验：冻结前几块，其余块重新初始化后再训练——分别来自 0–4 网络（AnB）和在 5–9 上训练的网络本身（BnB）。',
      },
      multitask: {
        title: '多任务与迁移',
        description: '一个网络同时学习 0–4 和 5–9（两个输出头），对比在 5–9 上微调的 0–4 网络。',
      },
      negative: {
        title: '负迁移',
        description:
          '一个用随机标签在 0–4 上训练的网络，冻结（0）或微调（3 块），在每个数字 50 张图像时对比从零训练和正常的 0–4 网络。',
      },
    },
    seeds: '随机种子数',
    repeats: '重复次数（每次重新划分）',
    epochs: '训练轮数',
    cost: '{{trainings}} 次训练 × {{each}} ≈ 在本设备上共 {{total}}',
    costUnknown: '{{trainings}} 次训练；第一次训练开始后即可测出每次训练所需时间',
    costNote: '根据本设备测得的速度估算；下方进度条显示实际进度。',
    start: '开始扫描',
    cancel: '取消扫描',
    progress: '扫描进度',
    progressText: '第 {{done}} / {{total}} 次训练 · 剩余 {{left}}',
    progressTextNoEta: '第 {{done}} / {{total}} 次训练',
    status: {
      running: '运行中',
      done: '已完成',
      cancelled: '已取消',
      failed: '失败：{{message}}',
    },
    seconds: '{{value}} 秒',
    minutes: '{{value}} 分钟',
    export: '导出扫描结果（JSON）',
    history: '较早的扫描（保存在本浏览器中）',
    show: '显示',
    historyItem: '{{preset}} · {{time}} · {{status}}',
    depthChart: {
      title: '平台准确率与冻结深度——每个数字 {{perClass}} 张图像',
      label: '每条曲线在每种可训练块数下的平台准确率（最后三轮的平均）：{{series}}',
      x: '可训练块数（0 = 特征提取）',
      y: '平台准确率',
      scratch: '从零训练（色带：95% 区间）',
    },
    sizeChart: {
      title: '平台准确率与每个数字的图像数——{{series}}',
      label: '迁移与从零训练在每种图像数下的平台准确率，对数坐标',
      x: '每个数字的训练图像数（对数坐标）',
      y: '平台准确率',
      transfer: '迁移',
      scratch: '从零训练',
      multitask: '多任务',
      gap: '差距（迁移 − 从零训练）',
      crossover: '交叉点',
    },
    series: {
      transfer: '迁移',
      AnB: 'AnB（0–4 网络）',
      BnB: 'BnB（5–9 网络）',
      'AnB+': 'AnB+（0–4 网络，微调）',
      noisy: '随机标签网络',
    },
    depth: '深度 {{depth}}',
    interval: '{{mean}} [{{low}}, {{high}}]',
    noInterval: '{{mean}}（只有一次训练，无区间）',
    clickHint: '点击一个点，查看它的学习曲线。',
    table: {
      cell: '单元',
      plateau: '平台准确率 [95% 区间]',
      gain: '相对从零训练的增益，百分点 [95% 区间]',
      curves: '曲线',
    },
    waiting: '每个单元完成全部重复和种子后，对应的点就会出现。',
    cell: {
      title: '{{cell}} 的学习曲线，每个数字 {{perClass}} 张图像',
      trial: '第 {{repeat}} 次重复，种子 {{seed}}',
      close: '关闭',
      label: '该单元每次训练在每轮后的验证准确率',
    },
    reading: {
      heading: '这说明了什么',
      yosinski:
        'Yosinski 等人（2014）发现，在相似任务上训练的网络，其特征迁移效果很好：无论冻结还是微调，都胜过从零训练，而微调的帮助最大。',
      allAbove: '本次每一种深度都胜过从零训练（高出 {{low}} 到 {{high}} 个百分点）：与其结论一致。',
      someAbove: '本次 {{total}} 种深度中有 {{count}} 种明显胜过从零训练；其余没有明显差别。',
      noneAbove: '本次没有哪种深度明显胜过从零训练——数据这么多时从零训练已经追上，或者需要更多重复。',
      below: '在 {{depths}} 出现负迁移：低于从零训练，且配对差值的区间不包含零。',
      best: '平均平台准确率最高：{{series}}，深度 {{depth}}（{{value}}）。',
      noScratch: '从零训练尚未完成：完成后才会显示增益。',
      he: 'He、Girshick 与 Dollár（2019）发现，预训练在数据稀少时帮助最大，而随着数据增多，从零训练会逐渐追上。',
      gapShrinks:
        '本次相对从零训练的增益在每个数字 {{firstX}} 张时为 {{first}} 个百分点，在 {{lastX}} 张时为 {{last}}：随数据增多而缩小，与其结论一致。',
      gapGrows:
        '本次相对从零训练的增益在每个数字 {{firstX}} 张时为 {{first}} 个百分点，在 {{lastX}} 张时为 {{last}}：在这些数据量内没有缩小，与其结论不同。',
      crossover: '两条曲线在每个数字 {{from}} 到 {{to}} 张之间交叉{{clear}}。',
      crossoverUnclear: '（不明确：该处有区间包含零）',
      noCrossover: '在这些数据量内没有交叉。',
      selffer:
        '在 Yosinski 的对照实验中，当重新训练的块与被冻结的块原本相互适应时，BnB 会下降（脆弱的协同适应）；而保留的 A 任务特有特征越多，AnB 就越低于 BnB。',
      dip: '{{series}}，重新训练 {{depth}} 块，对比不重新训练：{{value}} 个百分点，{{verdict}}。',
      versus: '{{series}} 对比 {{first}}，重新训练 {{depth}} 块：{{value}} 个百分点，{{verdict}}。',
      clear: '差别明确',
      unclear: '没有明显差别',
      caruana:
        '多任务学习（Caruana 1997）在两个任务同时训练时共享它们的共同之处；顺序迁移则复用第一个任务已经学到的东西。',
      multitaskWins: '每个数字 {{x}} 张时，多任务比迁移高 {{value}} 个百分点。',
      transferWins: '每个数字 {{x}} 张时，迁移比多任务高 {{value}} 个百分点。',
      noWinner: '每个数字 {{x}} 张时，多任务与迁移没有明显差别（{{value}} 个百分点）。',
      wang: 'Wang 等人（2019）把最终低于从零训练的迁移称为负迁移。这里的源网络在数字 0–4 上训练，但每个标签都被换成了随机类别：它记住的是噪声，其特征对 5–9 是错误的。',
      negativeAt: '{{series}}，微调 {{depth}} 块：相对从零训练 {{value}} 个百分点——负迁移（区间整体低于零）。',
      positiveAt: '{{series}}，微调 {{depth}} 块：相对从零训练 {{value}} 个百分点——优于从零训练。',
      neutralAt: '{{series}}，微调 {{depth}} 块：相对从零训练 {{value}} 个百分点——没有明显差别。',
      whenNegative:
        '负迁移需要对目标任务错误的特征、这些特征保持冻结，并且从零训练有足够的图像可学。仅有随机标签可能还不够：即使在噪声上训练，前几个卷积块仍然是通用的（Maennel 等人，2020），所以本次扫描可能没有出现负迁移——这本身也是一个结论（我们的运行在这里没有出现）。微调这些块和正常的 0–4 网络是对照。我们确实发现负迁移的设置：正常的 0–4 网络保持冻结，用在 MNIST-M（数字 5–9 融合在真实照片块上）上，每个数字 50 张图像，此时从零训练能学会新的背景——结果远低于从零训练，区间整体低于零，每次重复都如此（命令行：--preset negative-transfer；数字见 README）。',
      intervals: '区间：95%，对各次重复的平均值用 t 分布计算（每次重复重新划分数据）；只有一次重复时仅对种子计算。',
    },
  },
};
