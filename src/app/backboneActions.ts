/**
 * BackboneActions as worker commands: each request gets an id, is marked in the store, and the worker's backbone
 * events (folded by the store) answer it.
 */
import type { BackboneActions } from '../features/backbone/actions';
import type { useStudioStore } from '../store';
import type { EngineClient } from '../worker/client';

export function createBackboneActions(client: EngineClient, store: typeof useStudioStore): BackboneActions {
  let counter = 0;
  const nextId = (kind: string) => `${kind}-${Date.now().toString(36)}-${++counter}`;
  return {
    loadBackbone(id) {
      const requestId = nextId('backbone');
      store.getState().beginBackboneLoad(requestId, id, id);
      void client.send({
        type: 'backbone.load',
        requestId,
        source: { kind: 'catalogue', id },
        baseUrl: document.baseURI,
      });
      return requestId;
    },
    loadBackboneFiles(files, label) {
      const requestId = nextId('backbone-files');
      store.getState().beginBackboneLoad(requestId, null, label);
      void client.send({
        type: 'backbone.load',
        requestId,
        source: { kind: 'files', files, label },
        baseUrl: document.baseURI,
      });
      return requestId;
    },
    loadStoredBackbone(stored) {
      const requestId = nextId('backbone-stored');
      store.getState().beginBackboneLoad(requestId, null, stored.name, stored);
      void client.send({
        type: 'backbone.load',
        requestId,
        source: { kind: 'stored', ...stored },
        baseUrl: document.baseURI,
      });
      return requestId;
    },
    describeBackbone(imageSize) {
      const requestId = nextId('describe');
      store.getState().beginBackboneDescribe(requestId);
      void client.send({ type: 'backbone.describe', requestId, imageSize });
    },
    measureRates(request) {
      const requestId = nextId('rates');
      store.getState().beginRatesMeasure(requestId);
      void client.send({ type: 'backbone.measureRates', requestId, request });
    },
    clearModelCache() {
      void client.send({ type: 'modelCache.clear' });
    },
    removeCachedBackbone(id) {
      void client.send({ type: 'modelCache.remove', id });
    },
    listModelCache() {
      void client.send({ type: 'modelCache.list' });
    },
  };
}
