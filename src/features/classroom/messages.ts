/** English and Chinese texts of the classroom features: offline and updates, share links, present view, results drop. */
export const classroomEn = {
  classroom: {
    update: {
      ready: 'A new version of Transfer Studio is ready. Reload to use it (a running experiment would stop).',
      reload: 'Reload now',
      later: 'Later',
      offlineReady: 'Works offline: the app and its built-in models are saved in this browser.',
    },
    share: {
      open: 'Share this experiment',
      hide: 'Hide in the link',
      names: {
        dataset: 'Dataset step',
        backbone: 'Backbone step',
        strategy: 'Strategy step',
        predict: 'Predict step',
        strategies: 'Strategy choice',
        depth: 'Freeze depth',
        seeds: 'Seeds',
        epochs: 'Epochs',
      },
      presentLink: 'Open in the present view',
      ownData:
        'This experiment uses your own images: a link cannot carry them. Whoever opens it is asked to import their own dataset.',
      link: 'Link',
      copy: 'Copy link',
      copied: 'Copied.',
      copyFailed: 'Could not copy: select the link and copy it by hand.',
      present: 'Present view',
      exitPresent: 'Leave the present view',
    },
    notice: {
      replaced: 'Some settings in this link were not valid and were replaced by the defaults:',
      ownData:
        'The sender ran this experiment on their own images, which a link cannot carry: import a dataset of your own in the Dataset step.',
      dismiss: 'OK',
    },
  },
};

export const classroomZhCN: typeof classroomEn = {
  classroom: {
    update: {
      ready: 'Transfer Studio 有新版本。重新加载即可使用（正在运行的实验会停止）。',
      reload: '立即重新加载',
      later: '稍后',
      offlineReady: '可离线使用：应用及其内置模型已保存在本浏览器中。',
    },
    share: {
      open: '分享这个实验',
      hide: '在链接中隐藏',
      names: {
        dataset: '数据集步骤',
        backbone: '骨干网络步骤',
        strategy: '策略步骤',
        predict: '预测步骤',
        strategies: '策略选择',
        depth: '冻结深度',
        seeds: '随机种子数',
        epochs: '轮数',
      },
      presentLink: '以演示视图打开',
      ownData: '这个实验使用你自己的图片：链接无法携带它们。打开链接的人会被要求导入自己的数据集。',
      link: '链接',
      copy: '复制链接',
      copied: '已复制。',
      copyFailed: '无法复制：请选中链接后手动复制。',
      present: '演示视图',
      exitPresent: '退出演示视图',
    },
    notice: {
      replaced: '此链接中的部分设置无效，已替换为默认值：',
      ownData: '发送者在自己的图片上运行了这个实验，链接无法携带这些图片：请在“数据集”步骤中导入你自己的数据集。',
      dismiss: '好的',
    },
  },
};
