/**
 * What every worker protocol shares: messages are plain objects with a `type` named `domain.verb`
 * (`experiment.run`, `backbone.loaded`, `dataset.create`), the comlink API a worker exposes, and message lists
 * whose completeness the typechecker enforces. Types only, apart from the one-line list lookup.
 */

/** A command or event: plain, structured-cloneable data discriminated by `type`. */
export interface Message {
  type: string;
}

/**
 * Every type of a message union, each mapped to `true`. Declare lists as
 * `const LIST = { ... } as const satisfies MessageList<Command>`: a missing or unknown entry fails the typecheck.
 */
export type MessageList<M extends Message> = Readonly<Record<M['type'], true>>;

/** True when `message` is one of the types `list` names (narrows it to that union). */
export function isListed<M extends Message>(list: MessageList<M>, message: Message): message is M {
  return Object.prototype.hasOwnProperty.call(list, message.type);
}

/**
 * What a worker exposes via comlink. `connect` once with the one listener that receives every event, then
 * `execute` commands; `execute` resolves when the command has been handled completely. Commands are handled
 * concurrently, so a cancel reaches a running command.
 */
export interface WorkerApi<C extends Message, E extends Message> {
  connect(listener: (event: E) => void): void;
  execute(command: C): Promise<void>;
}
