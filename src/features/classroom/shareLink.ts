/**
 * Share links: the whole experiment setup in the URL's query, so a teacher hands students one link (the TensorFlow
 * Playground's idea), with `hide=` naming steps or controls to leave out and `present=1` for a projector view.
 *
 *   ?dataset=digits&backbone=mobilenet_v1_0.25&depth=2&strategies=scratch,feature-extraction,fine-tune:2
 *   &seeds=3&epochs=20&batch=16&lr=0.001&size=96&val=0.2&augment=0&lang=zh-CN&hide=backbone,seeds&present=1
 *
 * Decoding is validation at a boundary: the experiment fields go through the config schema (parseExperimentConfig),
 * the backbone through the catalogue, the rest through closed lists. A bad or hostile value never crashes and
 * never reaches the store: its field falls back to the default, and a problem naming it is returned for a notice.
 */
import { findBackbone } from '../../core/backbones/catalogue';
import { ConfigError, parseExperimentConfig } from '../../core/experiment/config';
import type { StrategyId } from '../../core/train/types';

/** Steps (panel ids) and controls (field ids of the Strategy and Backbone panels) that `hide=` may name. */
export const HIDEABLE_STEPS = ['setup', 'dataset', 'backbone', 'strategy', 'curves', 'predict'] as const;
export const HIDEABLE_CONTROLS = [
  'strategies',
  'depth',
  'seeds',
  'epochs',
  'batchSize',
  'learningRate',
  'imageSize',
  'validationFraction',
  'augment',
  'language',
] as const;
export type HideName = (typeof HIDEABLE_STEPS)[number] | (typeof HIDEABLE_CONTROLS)[number];
const HIDEABLE: readonly string[] = [...HIDEABLE_STEPS, ...HIDEABLE_CONTROLS];

export type ShareLanguage = 'en' | 'zh-CN';

/** Everything a link carries. `dataset: 'own'` = the sender's own images, which a link cannot carry. */
export interface ShareState {
  dataset: 'digits' | 'own';
  backbone: string;
  freezeDepth: number;
  strategies: StrategyId[];
  seeds: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** null = the backbone's own size. */
  imageSize: number | null;
  /** null = the dataset's own split. */
  validationFraction: number | null;
  augment: boolean;
  language: ShareLanguage;
  hide: HideName[];
  present: boolean;
}

/** A decoded link: only the fields it set (valid ones), and one problem per field that was replaced. */
export interface DecodedShareLink {
  state: Partial<ShareState>;
  problems: { field: string; reason: string }[];
}

/** Query parameter names, short so links stay readable. */
const PARAMS = {
  dataset: 'dataset',
  backbone: 'backbone',
  freezeDepth: 'depth',
  strategies: 'strategies',
  seeds: 'seeds',
  epochs: 'epochs',
  batchSize: 'batch',
  learningRate: 'lr',
  imageSize: 'size',
  validationFraction: 'val',
  augment: 'augment',
  language: 'lang',
  hide: 'hide',
  present: 'present',
} as const satisfies Record<keyof ShareState, string>;

/** Longer queries are refused whole (no experiment needs them; a hostile link might). */
export const MAX_QUERY_LENGTH = 2000;

/** The link for `state` on the page at `pageUrl` (its path kept, its query and hash replaced). */
export function encodeShareLink(state: ShareState, pageUrl: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  const q = new URLSearchParams();
  q.set(PARAMS.dataset, state.dataset);
  q.set(PARAMS.backbone, state.backbone);
  q.set(PARAMS.freezeDepth, String(state.freezeDepth));
  q.set(PARAMS.strategies, state.strategies.join(','));
  q.set(PARAMS.seeds, String(state.seeds));
  q.set(PARAMS.epochs, String(state.epochs));
  q.set(PARAMS.batchSize, String(state.batchSize));
  q.set(PARAMS.learningRate, String(state.learningRate));
  if (state.imageSize !== null) q.set(PARAMS.imageSize, String(state.imageSize));
  if (state.validationFraction !== null) q.set(PARAMS.validationFraction, String(state.validationFraction));
  q.set(PARAMS.augment, state.augment ? '1' : '0');
  q.set(PARAMS.language, state.language);
  if (state.hide.length > 0) q.set(PARAMS.hide, state.hide.join(','));
  if (state.present) q.set(PARAMS.present, '1');
  url.search = q.toString();
  return url.href;
}

/** True when `search` (a URL's query, with or without "?") carries any share-link parameter. */
export function isShareLink(search: string): boolean {
  const q = new URLSearchParams(search);
  return Object.values(PARAMS).some((name) => q.has(name));
}

/** Reads a link's query; never throws. Fields it does not set are absent from `state`. */
export function decodeShareLink(search: string): DecodedShareLink {
  if (search.length > MAX_QUERY_LENGTH) {
    return { state: {}, problems: [{ field: 'link', reason: `longer than ${MAX_QUERY_LENGTH} characters` }] };
  }
  const q = new URLSearchParams(search);
  const problems: DecodedShareLink['problems'] = [];
  const state: Partial<ShareState> = {};
  const text = (name: string) => q.get(name)?.trim() ?? null;

  const dataset = text(PARAMS.dataset);
  if (dataset !== null) {
    if (dataset === 'digits' || dataset === 'own') state.dataset = dataset;
    else problems.push({ field: 'dataset', reason: 'must be digits or own' });
  }

  const backboneId = text(PARAMS.backbone);
  const spec = backboneId !== null ? findBackbone(backboneId) : undefined;
  if (backboneId !== null && !spec) problems.push({ field: 'backbone', reason: 'not a backbone of the catalogue' });
  if (spec) state.backbone = spec.id;

  const depth = text(PARAMS.freezeDepth);
  if (depth !== null) {
    const k = Number(depth);
    const blocks = (spec ?? findBackbone('digits-vgg'))!.blockOutputs.length;
    if (Number.isInteger(k) && k >= 0 && k <= blocks) state.freezeDepth = k;
    else problems.push({ field: 'depth', reason: `must be a whole number from 0 to ${blocks}` });
  }

  Object.assign(state, experimentFields(q, problems));

  const language = text(PARAMS.language);
  if (language !== null) {
    if (language === 'en' || language === 'zh-CN') state.language = language;
    else problems.push({ field: 'lang', reason: 'must be en or zh-CN' });
  }

  const hide = text(PARAMS.hide);
  if (hide !== null) {
    const names = hide
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !HIDEABLE.includes(n));
    if (unknown.length > 0) problems.push({ field: 'hide', reason: `unknown names left out: ${unknown.join(', ')}` });
    state.hide = [...new Set(names.filter((n) => HIDEABLE.includes(n)))] as HideName[];
  }
  const present = text(PARAMS.present);
  if (present !== null) state.present = present === '1' || present === 'true';
  return { state, problems: problems.map((p) => ({ field: p.field, reason: p.reason.slice(0, 120) })) };
}

type ExperimentField = 'strategies' | 'seeds' | 'epochs' | 'batchSize' | 'learningRate' | 'imageSize' | 'augment';

/**
 * The experiment fields through the config schema (the same validation as `--config FILE.json`): every field the
 * schema rejects is dropped and named, and the rest validated again without it.
 */
function experimentFields(
  q: URLSearchParams,
  problems: DecodedShareLink['problems'],
): Partial<Pick<ShareState, ExperimentField | 'validationFraction'>> {
  const input: Record<string, unknown> = {};
  const fieldToParam: Record<string, string> = {};
  const take = (field: string, param: string, value: unknown) => {
    input[field] = value;
    fieldToParam[field] = param;
  };
  const number = (param: string) => {
    const raw = q.get(param);
    return raw === null || raw.trim() === '' ? undefined : Number(raw);
  };
  const strategies = q.get(PARAMS.strategies);
  if (strategies !== null)
    take(
      'strategies',
      PARAMS.strategies,
      strategies.split(',').map((s) => s.trim()),
    );
  for (const [field, param] of [
    ['seeds', PARAMS.seeds],
    ['epochs', PARAMS.epochs],
    ['batchSize', PARAMS.batchSize],
    ['learningRate', PARAMS.learningRate],
    ['imageSize', PARAMS.imageSize],
    ['validationFraction', PARAMS.validationFraction],
  ] as const) {
    const value = number(param);
    if (value !== undefined) take(field, param, value);
  }
  const augment = q.get(PARAMS.augment);
  if (augment !== null) take('augment', PARAMS.augment, augment === '1' || augment === 'true');

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const config = parseExperimentConfig({ backbone: 'digits-vgg', ...input });
      const out: Partial<Pick<ShareState, ExperimentField | 'validationFraction'>> = {};
      if ('strategies' in input) out.strategies = config.strategies;
      if ('seeds' in input) out.seeds = config.seeds;
      if ('epochs' in input) out.epochs = config.epochs;
      if ('batchSize' in input) out.batchSize = config.batchSize;
      if ('learningRate' in input) out.learningRate = config.learningRate;
      if ('imageSize' in input) out.imageSize = config.imageSize ?? null;
      if ('validationFraction' in input) out.validationFraction = config.validationFraction;
      if ('augment' in input) out.augment = config.augment;
      return out;
    } catch (error) {
      if (!(error instanceof ConfigError)) break;
      for (const issue of error.issues) {
        const field = issue.field.replace(/\[\d+\]$/, '');
        if (field in input) {
          problems.push({ field: fieldToParam[field] ?? field, reason: issue.reason });
          delete input[field];
        }
      }
    }
  }
  return {};
}
