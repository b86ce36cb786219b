/**
 * Strings of the few-shot lab panel (episodes and zero-shot on the built-in digits), spread into
 * src/app/i18n/en.ts and zh-CN.ts. zh-CN must have the same keys and placeholders (i18n.test.ts).
 */
export const fewshotLabEn = {
  fewshotLab: {
    heading: 'Few-shot lab: episodes and classes never seen',
    intro:
      'Two experiments on the built-in handwritten digits (MNIST, 100 images of each of 0–9), embedded once by a frozen backbone: how accuracy grows with the number of examples per class, and how far attributes alone can take you when a class has no example at all.',
    progress: {
      loading: 'Loading the backbone and the digits…',
      embedding: 'Embedding the digits: {{done}} of {{total}} images',
      training: 'Training the attribute classifiers…',
      episodes: 'Running episodes: {{done}} of {{total}}',
      label: 'Progress',
    },
    episodes: {
      heading: 'N-way K-shot episodes',
      explain:
        'Each episode draws {{ways}} digits, then K examples of each as support and 15 others as queries; every method classifies the queries from the support alone. The mean over {{episodes}} episodes is shown with its 95 % interval (t over episodes), for K = 1, 5 and 10.',
      backbone: 'Backbone',
      count: 'Episodes',
      run: 'Run the episodes',
      running: 'Running…',
      failed: 'The episodes failed: {{message}}',
      caption: 'Accuracy on the queries against shots per class (mean of episodes, 95 % interval)',
      shots: 'Shots per class (K)',
      chance: 'chance {{value}}',
      method: 'Method',
      cell: '{{value}} [{{low}}, {{high}}]',
      summary:
        '{{ways}}-way, {{episodes}} episodes on {{classes}} digits × {{images}} images, {{backbone}} cut at {{cut}}, seed {{seed}}; {{seconds}} s.',
      gain: {
        up: '{{method}}: {{from}} → {{to}} shots changes it by {{points}} points {{range}}, a clear gain.',
        down: '{{method}}: {{from}} → {{to}} shots changes it by {{points}} points {{range}}, a clear loss.',
        none: '{{method}}: {{from}} → {{to}} shots: no clear difference ({{points}} points {{range}}).',
      },
    },
    zeroshot: {
      heading: 'Zero-shot: digits never seen, described by attributes',
      explain:
        'Six yes/no attributes describe every digit (the table below). One classifier per attribute learns from the images of 0–4 only; the digits 5–9 are then recognised from their rows alone, with no image of them ever used for training (direct attribute prediction, Lampert et al. 2009).',
      limits:
        'What it can do: name a class from a description, with no example. What it cannot: beat the quality of its description. Two classes with the same row cannot be told apart, an attribute the seen classes never vary cannot be learned, and attributes that always come together on 0–4 get confused. Modern zero-shot models (CLIP, for example) read a text embedding of the class name instead of a hand-made table; this demo makes that description visible and editable.',
      run: 'Run the zero-shot demo',
      running: 'Running…',
      failed: 'The zero-shot demo failed: {{message}}',
      accuracy:
        'Digits 5–9 recognised from their rows alone: {{value}} of {{n}} test images (95 % Wilson interval {{low}}–{{high}}); chance is {{chance}}.',
      reading: {
        above: 'The whole interval lies above chance: the attributes carry real information about digits never seen.',
        unclear:
          'The interval includes chance: with this table, the demo cannot be told apart from guessing. Try restoring the original rows.',
        below:
          'The interval lies below chance: the table now points away from the right digits, as an edited row can do.',
      },
      edited: 'Rows edited: the numbers above use your table, not the original one.',
      reset: 'Restore the original rows',
      identical: 'Digits {{a}} and {{b}} now have the same row: nothing can tell them apart.',
      setup:
        'MobileNet v1 0.25 cut at {{cut}}; attributes learned from {{train}} images of 0–4, tested on {{test}} images of 5–9. The interval covers which test images were drawn, not the choice of table.',
      chart: {
        caption: 'Accuracy per unseen digit with its 95 % interval; the dotted line is chance',
        digit: 'Digit',
        all: 'All',
        chance: 'chance {{value}}',
      },
      table: {
        caption:
          'Attribute table: tick a cell of 5–9 to change its description (0–4 are what the classifiers learned from)',
        digit: 'Digit',
        seen: 'seen',
        unseen: 'never seen',
        accuracy: 'Recognised',
        cell: '{{digit}}: {{attribute}}',
        attributeAccuracy: 'Attribute read correctly',
        contribution: 'Weight in decisions',
      },
      examples: {
        heading: 'Predictions on real images of 5–9',
        image: 'Handwritten {{digit}}',
        predicted: 'predicted {{digit}} ({{p}})',
        because: 'deciding attribute: {{attribute}}',
        right: 'right',
        wrong: 'wrong',
      },
      attributes: {
        'closed loop': 'closed loop',
        'long straight stroke': 'long straight stroke',
        'horizontal bar': 'horizontal bar',
        'curved bottom': 'curved bottom',
        'curved top': 'curved top',
        'crossing strokes': 'crossing strokes',
      },
    },
  },
};

export const fewshotLabZhCN: typeof fewshotLabEn = {
  fewshotLab: {
    heading: '小样本实验室：回合评估与从未见过的类别',
    intro:
      '在内置手写数字上做两个实验（MNIST，0–9 每个数字 100 张），由冻结的骨干网络一次性提取嵌入：每类样本数增加时准确率如何增长；以及一个类别完全没有样本时，仅凭属性能走多远。',
    progress: {
      loading: '正在加载骨干网络和数字图像…',
      embedding: '正在提取数字的嵌入：{{done}} / {{total}} 张',
      training: '正在训练属性分类器…',
      episodes: '正在运行回合：{{done}} / {{total}}',
      label: '进度',
    },
    episodes: {
      heading: 'N 类 K 样本回合评估',
      explain:
        '每个回合抽取 {{ways}} 个数字，每个数字取 K 个样本作为支持集、另取 15 个作为查询；每种方法只凭支持集对查询分类。图中显示 {{episodes}} 个回合的平均值及其 95% 区间（按回合的 t 区间），K = 1、5、10。',
      backbone: '骨干网络',
      count: '回合数',
      run: '运行回合评估',
      running: '运行中…',
      failed: '回合评估失败：{{message}}',
      caption: '查询准确率与每类样本数的关系（回合平均值，95% 区间）',
      shots: '每类样本数（K）',
      chance: '随机水平 {{value}}',
      method: '方法',
      cell: '{{value}} [{{low}}, {{high}}]',
      summary:
        '{{ways}} 类，{{episodes}} 个回合，{{classes}} 个数字 × 每个 {{images}} 张，{{backbone}} 在 {{cut}} 处截断，种子 {{seed}}；用时 {{seconds}} 秒。',
      gain: {
        up: '{{method}}：样本数 {{from}} → {{to}}，准确率变化 {{points}} 个百分点 {{range}}，提升明确。',
        down: '{{method}}：样本数 {{from}} → {{to}}，准确率变化 {{points}} 个百分点 {{range}}，明确下降。',
        none: '{{method}}：样本数 {{from}} → {{to}}，无明确差异（{{points}} 个百分点 {{range}}）。',
      },
    },
    zeroshot: {
      heading: '零样本：从未见过的数字，用属性来描述',
      explain:
        '六个是/否属性描述每个数字（见下表）。每个属性一个分类器，只用 0–4 的图像训练；随后仅凭 5–9 在表中的行来识别它们，训练中从未使用过它们的任何图像（直接属性预测，Lampert 等，2009）。',
      limits:
        '它能做到：凭描述说出一个类别，无需任何样本。它做不到：超越描述本身的质量。两行完全相同的类别无法区分；在已见类别中从不变化的属性无法学习；在 0–4 中总是同时出现的属性会被混淆。现代零样本模型（例如 CLIP）读取类别名称的文本嵌入，而不是手工制作的表格；本演示把这种描述摆在明处，并且可以编辑。',
      run: '运行零样本演示',
      running: '运行中…',
      failed: '零样本演示失败：{{message}}',
      accuracy:
        '仅凭表中的行识别数字 5–9：{{n}} 张测试图像中的 {{value}}（95% Wilson 区间 {{low}}–{{high}}）；随机水平为 {{chance}}。',
      reading: {
        above: '整个区间都高于随机水平：属性确实携带了关于从未见过的数字的信息。',
        unclear: '区间包含随机水平：使用这张表时，演示结果与瞎猜无法区分。试试恢复原始的行。',
        below: '区间低于随机水平：这张表现在把判断引向了错误的数字，编辑过的行可能造成这种情况。',
      },
      edited: '行已编辑：上面的数字使用的是你的表，而不是原始表。',
      reset: '恢复原始的行',
      identical: '数字 {{a}} 和 {{b}} 现在的行完全相同：无法区分它们。',
      setup:
        'MobileNet v1 0.25 在 {{cut}} 处截断；属性从 0–4 的 {{train}} 张图像学习，在 5–9 的 {{test}} 张图像上测试。区间反映的是测试图像的抽取，而不是表格的选择。',
      chart: {
        caption: '每个未见数字的准确率及其 95% 区间；虚线为随机水平',
        digit: '数字',
        all: '全部',
        chance: '随机水平 {{value}}',
      },
      table: {
        caption: '属性表：勾选 5–9 的单元格可修改其描述（0–4 是分类器学习所用的数字）',
        digit: '数字',
        seen: '已见',
        unseen: '从未见过',
        accuracy: '识别率',
        cell: '{{digit}}：{{attribute}}',
        attributeAccuracy: '属性判读正确率',
        contribution: '在决策中的权重',
      },
      examples: {
        heading: '在 5–9 的真实图像上的预测',
        image: '手写的 {{digit}}',
        predicted: '预测为 {{digit}}（{{p}}）',
        because: '决定性属性：{{attribute}}',
        right: '正确',
        wrong: '错误',
      },
      attributes: {
        'closed loop': '闭合的圈',
        'long straight stroke': '长直笔画',
        'horizontal bar': '水平横线',
        'curved bottom': '底部弯曲',
        'curved top': '顶部弯曲',
        'crossing strokes': '交叉笔画',
      },
    },
  },
};
