import type { ExperimentResult } from '../../core/experiment/types';

/** Offers `result` as a JSON download named after its start time (nothing leaves the device). */
export function downloadResultJson(result: ExperimentResult): void {
  const blob = new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' });
  offerDownload(blob, `${resultFileStem(result)}.json`);
}

/** "transfer-studio-<backbone>-<start time>": the stem of every file saved from one result. */
export function resultFileStem(result: ExperimentResult): string {
  return `transfer-studio-${result.config.backbone}-${result.startedAt.replace(/[:.]/g, '-')}`;
}

/** Offers `blob` as a download named `name`. */
export function offerDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
