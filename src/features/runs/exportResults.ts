import type { ExperimentResult } from '../../core/experiment/types';

/** Offers `result` as a JSON download named after its start time (nothing leaves the device). */
export function downloadResultJson(result: ExperimentResult): void {
  const blob = new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `transfer-studio-${result.config.backbone}-${result.startedAt.replace(/[:.]/g, '-')}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
