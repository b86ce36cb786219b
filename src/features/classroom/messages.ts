/** English and Chinese texts of the classroom features: offline and updates, share links, present view, results drop. */
export const classroomEn = {
  classroom: {
    update: {
      ready: 'A new version of Transfer Studio is ready. Reload to use it (a running experiment would stop).',
      reload: 'Reload now',
      later: 'Later',
      offlineReady: 'Works offline: the app and its built-in models are saved in this browser.',
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
  },
};
