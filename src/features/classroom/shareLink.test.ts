import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, isShareLink, MAX_QUERY_LENGTH, type ShareState } from './shareLink';

const full: ShareState = {
  dataset: 'digits',
  backbone: 'mobilenet_v1_0.25',
  freezeDepth: 2,
  strategies: ['feature-extraction', 'fine-tune:2'],
  seeds: 2,
  epochs: 7,
  batchSize: 32,
  learningRate: 0.0005,
  imageSize: 96,
  validationFraction: 0.25,
  augment: true,
  language: 'zh-CN',
  hide: ['backbone', 'seeds'],
  present: true,
};

const queryOf = (href: string) => new URL(href).search;

describe('share links', () => {
  it('round-trips every field through the URL', () => {
    const href = encodeShareLink(full, 'http://127.0.0.1:4173/studio/?old=1#runs');
    expect(href.startsWith('http://127.0.0.1:4173/studio/?')).toBe(true);
    expect(href).not.toContain('#');
    expect(isShareLink(queryOf(href))).toBe(true);
    expect(decodeShareLink(queryOf(href))).toEqual({ state: full, problems: [] });
    const plain = { ...full, imageSize: null, validationFraction: null, hide: [], present: false };
    const { imageSize: _size, validationFraction: _val, hide: _hide, present: _present, ...set } = plain;
    expect(decodeShareLink(queryOf(encodeShareLink(plain, 'http://x/'))).state).toEqual(set);
  });

  it('replaces bad or hostile values by defaults and names each one', () => {
    const { state, problems } = decodeShareLink(
      '?backbone=__proto__&seeds=9999&epochs=abc&strategies=scratch,rm%20-rf&lr=0.01&lang=fr&hide=dataset,<script>&depth=-1&dataset=x',
    );
    expect(state).toEqual({ learningRate: 0.01, hide: ['dataset'] });
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['backbone', 'dataset', 'depth', 'epochs', 'hide', 'lang', 'seeds', 'strategies'].sort(),
    );
  });

  it('refuses an overlong query whole', () => {
    const { state, problems } = decodeShareLink(`?seeds=3&hide=${'a,'.repeat(MAX_QUERY_LENGTH)}`);
    expect(state).toEqual({});
    expect(problems).toHaveLength(1);
  });

  it('never throws, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('seeds', 'lr', 'strategies', 'hide', 'backbone', 'depth', 'size'), fc.string()),
        (params) => {
          const { state } = decodeShareLink(new URLSearchParams(params).toString());
          if (state.seeds !== undefined) expect(state.seeds).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not a share link without any of its parameters', () => {
    expect(isShareLink('?utm_source=x')).toBe(false);
    expect(isShareLink('')).toBe(false);
  });
});
