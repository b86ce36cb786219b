/**
 * The split digest the CLI's `transfer-studio run --preset digits-ab --per-class N` records (one repeat), computed
 * in Node the way the CLI does: e2e compares the studio demo's result with it (issue #12: one experiment, one split).
 */
import { digitsAbConfig } from '../core/experiment/digitsAb';
import { selectExamples } from '../core/experiment/runExperiment';
import { splitRecord } from '../core/experiment/splitDigest';
import { PRESETS } from '../node/presets';

export async function cliPresetDigest(perClass: number): Promise<string> {
  const dataset = await PRESETS['digits-ab'].loadDataset(perClass);
  const split = selectExamples(dataset, digitsAbConfig(perClass));
  const ids = (indices: number[]) => indices.map((i) => dataset.examples[i].id);
  return splitRecord([{ repeat: 0, train: ids(split.train), validation: ids(split.validation) }]).digest;
}
