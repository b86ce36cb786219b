/**
 * The dataset worker: imports, webcam frames, class and image edits, workspace export/import (DatasetCommands,
 * datasetProtocol.ts), in a worker of their own so they stay responsive while the engine worker measures
 * backends or trains. No TensorFlow.js here. Speaks the same comlink API as the engine worker (EngineApi:
 * connect, execute) so the same client wraps it; commands that are not dataset commands are refused.
 * Tells the engine worker when a dataset changes (BroadcastChannel), so its decoded copy is dropped.
 */
import * as Comlink from 'comlink';
import { isDatasetCommand } from './datasetProtocol';
import { createDatasetService } from './datasetService';
import type { EngineApi, EngineEvent, EngineListener } from './protocol';
import { WORKSPACE_CHANNEL, type WorkspaceChange } from './workspaceReader';

let listener: EngineListener = () => {};
const emit = (event: EngineEvent) => void listener(event);
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(WORKSPACE_CHANNEL) : null;
const service = createDatasetService({
  emit,
  onChange: (datasetId) => channel?.postMessage({ datasetId } satisfies WorkspaceChange),
});

const api: EngineApi = {
  connect(l) {
    listener = l;
  },
  async execute(command) {
    if (isDatasetCommand(command)) return service.handle(command);
    emit({ type: 'error', name: 'Error', message: `the dataset worker does not handle ${command.type} commands` });
  },
};

Comlink.expose(api);
