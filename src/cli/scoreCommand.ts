import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../core/backbones/types';
import { ConfigError, parseExperimentConfig } from '../core/experiment/config';
import { selectExamples } from '../core/experiment/runExperiment';
import type { ExperimentConfig } from '../core/experiment/types';
import { throwIfCancelled } from '../core/train/cancel';
import {
  defaultScoreCuts,
  rankAgreement,
  scoreCandidates,
  type BackboneToScore,
} from '../core/transferability/candidates';
import { measureCandidate } from '../core/transferability/measure';
import { activateCliBackend, type BackendFlag } from './backend';
import { UserError } from './errors';
import { resolveModelSource } from './modelSource';
import { asUserError, backboneSpec, loadDataset, loadModel, prepareOutDir } from './runCommand';
import { buildScoreReport, formatScoreTable } from './scoreReport';

export interface ScoreCommandFlags {
  dataset: string;
  backbones: string;
  modelUrls?: string;
  cuts?: string;
  imageSize?: string;
  measure?: boolean;
  seeds?: string;
  epochs?: string;
  perClass?: string;
  batchSize?: string;
  learningRate?: string;
  validationFraction?: string;
  splitSeed?: string;
  skipBadImages?: boolean;
  backend: BackendFlag;
  quiet?: boolean;
  out: string;
}

/**
 * `transfer-studio score`: embed the training split once per backbone (every cut in one pass), compute the
 * transferability scores per (backbone, cut), optionally measure each candidate's feature-extraction accuracy,
 * then print the table and write DIR/scores.json.
 */
export async function scoreCommand(flags: ScoreCommandFlags, signal: AbortSignal): Promise<void> {
  const specs = listOf(flags.backbones).map(backboneSpec);
  if (specs.length === 0) throw new UserError('--backbones: give at least one backbone id');
  const urls = flags.modelUrls === undefined ? [] : flags.modelUrls.split(',').map((u) => u.trim());
  if (urls.length > 0 && urls.length !== specs.length) {
    throw new UserError(`--model-urls: ${urls.length} URL(s) for ${specs.length} backbone(s); give one per backbone`);
  }
  const cuts = specs.map((spec) => cutsFor(spec, flags.cuts));
  const config = measurementConfig(flags, specs[0]);
  const outDir = path.resolve(flags.out);
  await prepareOutDir(outDir, [flags.dataset]);
  const log = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };

  const models: tf.LayersModel[] = [];
  const started = Date.now();
  try {
    const { environment, line } = await activateCliBackend(flags.backend);
    log(line);
    const modelUrls: string[] = [];
    for (const [i, spec] of specs.entries()) {
      const source = await resolveModelSource(spec, urls[i] || undefined);
      log(`model ${spec.id}: ${source.description}`);
      modelUrls.push(source.description);
      models.push(await loadModel(spec, source));
    }
    throwIfCancelled(signal);
    log(`reading images from ${flags.dataset}`);
    const dataset = await loadDataset({ kind: 'folder', dir: flags.dataset }, flags.skipBadImages === true, { log });
    const { train } = selectExamples(dataset, config);
    const toScore: BackboneToScore[] = specs.map((spec, i) => ({ spec, model: models[i], cuts: cuts[i] }));
    let lastLine = '';
    const { candidates, backbones } = await scoreCandidates(dataset, toScore, {
      examples: train,
      imageSize: config.imageSize,
      signal,
      now: () => performance.now(),
      onProgress: (backbone, done, total) => {
        const line = `embedding ${train.length} images with ${backbone}: ${done}/${total}`;
        if (done === total && line !== lastLine) log(line);
        lastLine = line;
      },
    });
    if (flags.measure) {
      for (const [k, candidate] of candidates.entries()) {
        const i = specs.findIndex((s) => s.id === candidate.backbone);
        log(`measuring ${k + 1}/${candidates.length}: ${candidate.backbone} at ${candidate.cut}`);
        candidate.measured = await measureCandidate(dataset, models[i], specs[i], candidate.cut, config, {
          environment,
          signal,
        });
      }
    }
    const report = buildScoreReport({
      dataset,
      scoredImages: train.length,
      config,
      measured: flags.measure === true,
      environment,
      backbones: backbones.map((b, i) => ({ ...b, modelUrl: modelUrls[i] })),
      candidates,
      agreement: flags.measure ? rankAgreement(candidates) : undefined,
      seconds: (Date.now() - started) / 1000,
    });
    await writeFile(path.join(outDir, 'scores.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${formatScoreTable(report)}\n\nwrote ${path.join(outDir, 'scores.json')}\n`);
  } catch (error) {
    throw asUserError(error);
  } finally {
    for (const model of models) model.dispose();
  }
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `--cuts a,b` for every backbone, `id:layer` for one; each must be one of that backbone's block ends. */
function cutsFor(spec: BackboneSpec, text: string | undefined): string[] {
  if (text === undefined) return defaultScoreCuts(spec);
  const entries = listOf(text);
  const mine = entries.flatMap((entry) => {
    const colon = entry.lastIndexOf(':');
    if (colon < 0) return [entry];
    return entry.slice(0, colon) === spec.id ? [entry.slice(colon + 1)] : [];
  });
  if (mine.length === 0) return defaultScoreCuts(spec);
  const bad = mine.filter((cut) => !spec.blockOutputs.includes(cut));
  if (bad.length > 0) {
    throw new UserError(
      `--cuts: ${bad.map((c) => `"${c}"`).join(', ')} is not a block end of ${spec.id}; ` +
        `valid: ${spec.blockOutputs.join(', ')}`,
    );
  }
  return [...new Set(mine)];
}

/** The split and (with --measure) the training config, validated like `run`'s. */
function measurementConfig(flags: ScoreCommandFlags, spec: BackboneSpec): ExperimentConfig {
  const numbers: Record<string, string | undefined> = {
    seeds: flags.seeds ?? '2',
    epochs: flags.epochs,
    perClass: flags.perClass,
    batchSize: flags.batchSize,
    learningRate: flags.learningRate,
    validationFraction: flags.validationFraction,
    splitSeed: flags.splitSeed,
    imageSize: flags.imageSize,
  };
  const fields: Record<string, unknown> = { backbone: spec.id, strategies: ['feature-extraction'] };
  for (const [key, text] of Object.entries(numbers)) {
    if (text === undefined) continue;
    fields[key] = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : text;
  }
  try {
    return parseExperimentConfig(fields);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UserError(`invalid score options:\n${error.issues.map((i) => `  ${i.field}: ${i.reason}`).join('\n')}`);
  }
}
