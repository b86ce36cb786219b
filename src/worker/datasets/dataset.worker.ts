/**
 * The dataset worker: imports, webcam frames, class and image edits, workspace export/import (its own protocol,
 * protocol/dataset.ts), in a worker of their own so they stay responsive while the engine worker measures
 * backends or trains. No TensorFlow.js here. Commands of other protocols are refused.
 * Tells the engine worker when a dataset changes (BroadcastChannel), so its decoded copy is dropped.
 */
import { isDatasetWorkerCommand, type DatasetWorkerCommand, type DatasetWorkerEvent } from '../protocol/dataset';
import type { Message } from '../protocol/messages';
import { serveWorker } from '../serve';
import { WORKSPACE_CHANNEL, type WorkspaceChange } from '../workspace/reader';
import { createDatasetService } from './datasetService';

const emit = serveWorker<DatasetWorkerCommand, DatasetWorkerEvent>({
  async handle(command) {
    // Typed on the page, checked here: a command of another protocol must not reach the service.
    const message: Message = command;
    if (!isDatasetWorkerCommand(message))
      throw new Error(`the dataset worker does not handle ${message.type} commands`);
    await service.handle(message);
  },
  failure: (error) => ({ type: 'datasetWorker.error', name: error.name, message: error.message }),
});
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(WORKSPACE_CHANNEL) : null;
const service = createDatasetService({
  emit,
  onChange: (datasetId) => channel?.postMessage({ datasetId } satisfies WorkspaceChange),
});
