/**
 * A user-facing problem with a model: a missing or damaged file, the wrong model format, a layer that is not there.
 * `file` names the offending file (a shard, model.json) when there is one, so the UI can point at it.
 */
export class BackboneError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'BackboneError';
  }
}
