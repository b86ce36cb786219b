import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../app/i18n';
import { ADAPTATION_STRATEGIES } from '../core/train/types';
import { strategyDescription, strategyLabel } from './strategyLabel';

/** Strategy ids come from imported results.json too: every id the core knows gets a name in both languages. */
async function translator(lng: 'en' | 'zh-CN') {
  const i18n = createInstance();
  await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('strategyLabel', () => {
  it('names every adaptation strategy in English and Chinese, never by its raw id', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = await translator(lng);
      for (const id of ADAPTATION_STRATEGIES) {
        const label = strategyLabel(t, id);
        expect(label).not.toBe(id);
        expect(label).not.toContain('strategy.');
        expect(strategyDescription(t, id)).not.toContain('strategy.');
      }
    }
    const zh = await translator('zh-CN');
    expect(strategyLabel(zh, 'source-only')).toBe('仅源域');
    expect(strategyLabel(zh, 'fine-tune:2')).toBe('微调最后 2 个块');
  });

  it('shows an unknown id as is instead of throwing', async () => {
    const t = await translator('en');
    expect(strategyLabel(t, 'mystery:3')).toBe('mystery:3');
    expect(strategyDescription(t, '')).toBe('');
  });
});
