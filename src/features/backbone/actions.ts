import type { RatesRequest } from '../../worker/protocol/backbone';

/** What the Backbone panel asks of the engine (part of EngineActions; src/app/backboneActions.ts implements it). */
export interface BackboneActions {
  /** Loads catalogue backbone `id` (browser cache first, then its URL); returns the request id. */
  loadBackbone(id: string): string;
  /** Loads a dropped model folder (model.json + weight files); `label` names it in messages. */
  loadBackboneFiles(files: File[], label: string): string;
  /** Loads a model kept in this browser since it was loaded from files (after a reload). */
  loadStoredBackbone(stored: { hash: string; name: string }): string;
  /** Blocks, costs and ms/image of the loaded backbone at `imageSize`. */
  describeBackbone(imageSize: number): void;
  /** Times the loaded backbone as a run would use it, for the cost estimate before Run. */
  measureRates(request: RatesRequest): void;
  clearModelCache(): void;
  /** Removes one downloaded backbone from the browser cache. */
  removeCachedBackbone(id: string): void;
  listModelCache(): void;
}
