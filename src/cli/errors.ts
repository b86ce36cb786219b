/**
 * Errors the command line reports as "your input is wrong" (exit code 2, one line, no stack trace): bad config,
 * unknown backbone, unreadable dataset or model. Anything else is a bug and exits 1 (stack with --debug).
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells report for a Ctrl-C. */
export const EXIT_CANCELLED = 130;

/** The message of any thrown value, without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** A RangeError from core (a cut layer the model lacks, sizes that do not fit) is the user's input: a UserError. */
export function rangeAsUserError(error: unknown): unknown {
  return error instanceof RangeError ? new UserError(error.message, { cause: error }) : error;
}
