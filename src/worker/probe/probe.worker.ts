/**
 * The backend probe worker: measures the tfjs backends (core/backends/chooseBackend.ts with the conv probe) away from
 * the engine worker, so the engine can train on WASM while the measurement runs, and stores the choice in the
 * per-device cache. Started by the engine worker on a first visit (engine/backend.ts), one command, then ended.
 */
import { chooseBackend, measuredSpeeds } from '../../core/backends/chooseBackend';
import { createConvProbe } from '../../core/backends/convProbe';
import { choiceCache, configureWasm } from '../engine/backend';
import type { ProbeCommand, ProbeEvent } from '../protocol/probe';
import { serveWorker } from '../serve';

serveWorker<ProbeCommand, ProbeEvent>({
  async handle(command, emit) {
    configureWasm();
    const choice = await chooseBackend({
      candidates: command.candidates,
      probe: createConvProbe(),
      needs: { training: true },
      cache: choiceCache,
      deviceKey: command.deviceKey,
    });
    emit({
      type: 'backends.measured',
      backend: choice.backend,
      reason: choice.reason,
      measurements: measuredSpeeds(choice.measurements),
    });
  },
  failure: (error) => ({ type: 'probe.error', message: error.message }),
});
