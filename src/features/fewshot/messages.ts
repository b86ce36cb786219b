/**
 * Strings of the instant (few-shot) classifier panel, spread into src/app/i18n/en.ts and zh-CN.ts (one line each).
 * zh-CN must have the same keys and placeholders (i18n.test.ts).
 */
export const fewshotEn = {
  fewshot: {
    quickStart: {
      heading: 'New here? Start with your webcam',
      text: 'Two classes, the camera on and the built-in MobileNet: capture one frame of each class and the camera is classified live.',
      button: 'Start with your webcam',
    },
    heading: 'Instant classifier: one capture per class, no training',
    intro:
      'Start the camera and press a class’s button once: from the second class on, the camera is classified live by comparing what the backbone sees with your captures (nearest class mean, as Teachable Machine’s first version did). Nothing is trained, so every further capture improves it at once.',
    backbone: 'Backbone',
    method: 'Classify by',
    methods: {
      'prototype-cosine': 'Nearest class mean (cosine)',
      'prototype-euclidean': 'Nearest class mean (Euclidean)',
      knn: 'k nearest neighbours (k = 3)',
      ridge: 'Linear head in closed form (ridge)',
    },
    camera: {
      start: 'Start the camera',
      stop: 'Stop the camera',
      preview: 'Camera preview for the instant classifier',
      loading: 'Loading {{backbone}}…',
      ready: '{{backbone}} ready in {{seconds}} s: frames are scaled to {{size}} px, {{dimensions}} numbers per image.',
      failed: 'The backbone could not be loaded: {{message}}',
    },
    classes: {
      heading: 'Classes',
      name: 'Name of class {{n}}',
      defaultName: 'Class {{n}}',
      capture: 'Capture “{{name}}”',
      count_one: '{{count}} capture',
      count_other: '{{count}} captures',
      thumbnail: 'Latest capture of {{name}}',
      forget: 'Forget',
      forgetLabel: 'Forget the captures of {{name}}',
      add: 'Add a class',
      captureFailed: 'The capture failed: {{message}}',
      needTwo: 'Capture at least two classes to see live predictions.',
    },
    live: {
      title: 'Live prediction (no training run)',
      rate: '{{rate}} predictions/s',
      latency: '{{ms}} ms from frame to prediction in the engine (median)',
      first: 'First prediction {{ms}} ms after the capture that made it possible',
      error: 'The prediction failed: {{message}}',
    },
    save: {
      button: 'Save the captures as a dataset',
      name: 'Instant captures {{time}}',
      explain:
        'Keeps every capture as a dataset in this browser, one class per button, and selects it: Run then trains a head on the same captures, to compare with the instant one.',
      saving: 'Saving the captures…',
      saved_one: 'Saved “{{name}}”: {{count}} image in {{classes}} classes, selected for Run.',
      saved_other: 'Saved “{{name}}”: {{count}} images in {{classes}} classes, selected for Run.',
      see: 'See it under Data',
      failed: 'The captures could not be saved: {{message}}',
    },
    compare: {
      heading: 'Instant or trained? The same held-out captures',
      explain:
        'After a Run on the saved captures, nearest class mean and kNN are scored on that Run’s held-out captures beside the head it trained: the same images, each accuracy with its 95 % Wilson interval.',
      waiting:
        'Run an experiment on the saved captures (Run at the top), then compare its trained head with the instant classifier here.',
      button: 'Compare with the Run’s trained head',
      working: 'Embedding the captures and scoring both on the Run’s held-out ones…',
      failed: 'The comparison failed: {{message}}',
      caption: 'The Run’s {{n}} held-out captures (classifiers built from its {{train}} training captures)',
      accuracy: 'Correct [95 % interval]',
      onlyThis: 'Right only here / only the trained head',
      trained: 'Trained head ({{strategy}}, the Run)',
      cell: '{{correct}} of {{n}}: {{value}} [{{low}}, {{high}}]',
      paired: '{{instant}} / {{trained}}',
      verdict: {
        none: '{{method}} and the trained head: no clear difference on these {{n}} captures (the intervals overlap).',
        instant: '{{method}} did better than the trained head on these {{n}} captures (the intervals do not overlap).',
        trained: 'The trained head did better than {{method}} on these {{n}} captures (the intervals do not overlap).',
      },
      meaning:
        'With a handful of captures the intervals are wide: the instant classifier is ready at once, and a trained head only earns its training time when more captures show it ahead.',
    },
    heldOut: {
      heading: 'Accuracy on held-out captures as shots grow',
      explain:
        'For each number of shots K, a classifier built from the first K captures of every class predicts all later captures; the table gives each accuracy with its 95 % Wilson interval over those captures. Frames taken in the same second look alike, so this is optimistic: capture again after moving, or in other light, for an honest test.',
      empty: 'Capture each class at least twice to see this chart.',
      shots: 'Shots per class',
      accuracy: 'Held-out accuracy',
      chance: 'chance {{value}}',
      caption: 'Held-out accuracy per method and number of shots',
      method: 'Method',
      cell: '{{value}} [{{low}}, {{high}}] of {{n}}',
    },
  },
} as const;

export const fewshotZhCN = {
  fewshot: {
    quickStart: {
      heading: '第一次来？从摄像头开始',
      text: '两个类别、打开摄像头、使用内置的 MobileNet：每个类别拍一张，摄像头画面就会被实时分类。',
      button: '从摄像头开始',
    },
    heading: '即时分类器：每类拍一张，无需训练',
    intro:
      '打开摄像头，每个类别按一次它的按钮：从第二个类别起，摄像头画面就会被实时分类——把骨干网络看到的内容与你拍下的画面比较（最近类均值，正如 Teachable Machine 第一版的做法）。不需要训练，所以每多拍一张都会立刻改进分类。',
    backbone: '骨干网络',
    method: '分类方式',
    methods: {
      'prototype-cosine': '最近类均值（余弦）',
      'prototype-euclidean': '最近类均值（欧氏距离）',
      knn: 'k 近邻（k = 3）',
      ridge: '闭式解线性输出头（岭回归）',
    },
    camera: {
      start: '打开摄像头',
      stop: '关闭摄像头',
      preview: '即时分类器的摄像头预览',
      loading: '正在加载 {{backbone}}…',
      ready: '{{backbone}} 已就绪，用时 {{seconds}} 秒：画面缩放到 {{size}} 像素，每张图像 {{dimensions}} 个数值。',
      failed: '无法加载骨干网络：{{message}}',
    },
    classes: {
      heading: '类别',
      name: '类别 {{n}} 的名称',
      defaultName: '类别 {{n}}',
      capture: '拍摄“{{name}}”',
      count_one: '{{count}} 张',
      count_other: '{{count}} 张',
      thumbnail: '{{name}} 最新拍摄的画面',
      forget: '清除',
      forgetLabel: '清除 {{name}} 拍摄的画面',
      add: '添加类别',
      captureFailed: '拍摄失败：{{message}}',
      needTwo: '至少拍摄两个类别才能看到实时预测。',
    },
    live: {
      title: '实时预测（无需训练）',
      rate: '每秒 {{rate}} 次预测',
      latency: '引擎中从画面到预测 {{ms}} 毫秒（中位数）',
      first: '在使预测成为可能的那次拍摄后 {{ms}} 毫秒出现第一次预测',
      error: '预测失败：{{message}}',
    },
    save: {
      button: '把拍摄的画面保存为数据集',
      name: '即时拍摄 {{time}}',
      explain:
        '把每张拍摄保存为本浏览器中的一个数据集（每个按钮一个类别）并选中它：之后“运行”会在同样的画面上训练一个输出头，可与即时分类器比较。',
      saving: '正在保存拍摄的画面…',
      saved_one: '已保存“{{name}}”：{{count}} 张图像，{{classes}} 个类别，已选作运行的数据集。',
      saved_other: '已保存“{{name}}”：{{count}} 张图像，{{classes}} 个类别，已选作运行的数据集。',
      see: '在“数据”中查看',
      failed: '无法保存拍摄的画面：{{message}}',
    },
    compare: {
      heading: '即时还是训练？同一批留出画面',
      explain:
        '在保存的拍摄画面上完成一次运行后，最近类均值和 k 近邻会在该运行的留出画面上评分，与它训练出的输出头并列：同样的图像，每个准确率都带 95 % Wilson 区间。',
      waiting: '先在保存的拍摄画面上运行一次实验（顶部的“运行”），再在这里把它训练出的输出头与即时分类器比较。',
      button: '与运行训练出的输出头比较',
      working: '正在提取拍摄画面的特征，并在运行的留出画面上为两者评分…',
      failed: '比较失败：{{message}}',
      caption: '该运行的 {{n}} 张留出画面（分类器由其 {{train}} 张训练画面建立）',
      accuracy: '答对数 [95 % 区间]',
      onlyThis: '仅此方法答对 / 仅训练出的输出头答对',
      trained: '训练出的输出头（{{strategy}}，该运行）',
      cell: '{{n}} 张中答对 {{correct}} 张：{{value}} [{{low}}, {{high}}]',
      paired: '{{instant}} / {{trained}}',
      verdict: {
        none: '{{method}} 与训练出的输出头：在这 {{n}} 张画面上没有明显差别（区间重叠）。',
        instant: '在这 {{n}} 张画面上，{{method}} 优于训练出的输出头（区间不重叠）。',
        trained: '在这 {{n}} 张画面上，训练出的输出头优于 {{method}}（区间不重叠）。',
      },
      meaning:
        '只有几张拍摄画面时区间很宽：即时分类器立刻可用，只有当更多拍摄画面显示训练出的输出头领先时，训练所花的时间才值得。',
    },
    heldOut: {
      heading: '随样本数增加在留出画面上的准确率',
      explain:
        '对每个样本数 K，用每个类别的前 K 张拍摄建立分类器，预测之后的所有拍摄；表中给出每个准确率及其在这些拍摄上的 95 % Wilson 区间。同一秒内拍的画面彼此相似，所以这个结果偏乐观：移动位置或换个光线后再拍，才是诚实的检验。',
      empty: '每个类别至少拍两次才能看到此图。',
      shots: '每类样本数',
      accuracy: '留出准确率',
      chance: '随机猜测 {{value}}',
      caption: '各方法在不同样本数下的留出准确率',
      method: '方法',
      cell: '{{value}} [{{low}}, {{high}}]，共 {{n}} 张',
    },
  },
} as const;
