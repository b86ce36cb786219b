import { useTranslation } from 'react-i18next';
import type { ExperimentEnvironment } from '../../core/experiment/types';

/** What ran a result: its recorded runner, else read from its platform (results before `runner` existed). */
export function runnerOf(environment: ExperimentEnvironment): NonNullable<ExperimentEnvironment['runner']> {
  return environment.runner ?? (environment.platform === 'node' ? 'cli' : 'studio');
}

/**
 * Where a run made elsewhere ran, for its history row: "Imported from results.json · ran in the command line on
 * Linux x64, Intel Xeon … (2 cores, cpu backend)"; with a PyTorch world size, "2 processes".
 */
export function RunOrigin({ fileName, environment }: { fileName: string; environment: ExperimentEnvironment }) {
  const { t } = useTranslation();
  const runner = runnerOf(environment);
  const machine = environment.machine ?? t('runs.origin.unknownMachine');
  const processes = environment.worldSize && environment.worldSize > 1 ? environment.worldSize : null;
  return (
    <div className="muted run-origin" data-testid="runs.origin" data-runner={runner}>
      {t('runs.origin.imported', { file: fileName })} ·{' '}
      {t('runs.origin.ranOn', {
        runner: t(`runs.origin.runner.${runner}`),
        machine,
        cores: environment.cores,
        backend: environment.backend,
      })}
      {processes ? ` · ${t('runs.origin.processes', { count: processes })}` : ''}
    </div>
  );
}
