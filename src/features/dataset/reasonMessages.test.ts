import { describe, expect, it } from 'vitest';
import { IMPORT_NOTICE_EN } from '../../core/data/importNotices';
import { IMPORT_REASON_EN } from '../../core/data/importReasons';
import { importNoticeEn, importNoticeZhCN } from './noticeMessages';
import { importReasonEn, importReasonZhCN } from './reasonMessages';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('import reasons in the studio (issue 13, item 14)', () => {
  it('every reason code has an English and a Chinese text with the same placeholders', () => {
    const codes = Object.keys(IMPORT_REASON_EN).sort();
    expect(Object.keys(importReasonEn).sort()).toEqual(codes);
    expect(Object.keys(importReasonZhCN).sort()).toEqual(codes);
    for (const code of codes as (keyof typeof IMPORT_REASON_EN)[]) {
      const zh = importReasonZhCN[code];
      expect({ code, placeholders: placeholders(zh) }).toEqual({
        code,
        placeholders: placeholders(importReasonEn[code]),
      });
      // Chinese words, not the English sentence (the free-text reason `other` is only its message).
      if (code !== 'other') expect({ code, chinese: /[\u4e00-\u9fff]/.test(zh) }).toEqual({ code, chinese: true });
    }
  });
});

describe('import notices in the studio (issue 13, item 14)', () => {
  it('every notice code has an English and a Chinese text with the same placeholders', () => {
    const codes = Object.keys(IMPORT_NOTICE_EN).sort();
    expect(Object.keys(importNoticeEn).sort()).toEqual(codes);
    expect(Object.keys(importNoticeZhCN).sort()).toEqual(codes);
    for (const code of codes as (keyof typeof IMPORT_NOTICE_EN)[]) {
      const zh = importNoticeZhCN[code];
      expect({ code, placeholders: placeholders(zh) }).toEqual({
        code,
        placeholders: placeholders(importNoticeEn[code]),
      });
      expect({ code, chinese: /[\u4e00-\u9fff]/.test(zh) }).toEqual({ code, chinese: true });
    }
  });
});
