/**
 * Digests of which images an experiment trained and validated on, so two runs (the studio's demo and the CLI's
 * digits-ab preset, or a colleague's rerun) can be checked to have used the same split without shipping the ids.
 *
 * The digest of a list of example ids is FNV-1a 64 (Fowler–Noll–Vo; offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3) over the UTF-8 bytes of the ids joined by "\n", in dataset order, written as 16 lower-case hex
 * digits. Not cryptographic: it detects a different split, it does not defend against a forged one.
 */
import type { SplitRecord } from './types';

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a 64 of `text`'s UTF-8 bytes, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = OFFSET;
  for (const byte of utf8(text)) {
    hash ^= BigInt(byte);
    hash = (hash * PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** UTF-8 bytes of a string (core has no TextEncoder type: it compiles without DOM and Node types). */
function* utf8(text: string): Generator<number> {
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c < 0x80) yield c;
    else if (c < 0x800) yield* [0xc0 | (c >> 6), 0x80 | (c & 63)];
    else if (c < 0x10000) yield* [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    else yield* [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  }
}

/** The digest of one list of example ids (dataset order). */
export function idsDigest(ids: readonly string[]): string {
  return fnv1a64(ids.join('\n'));
}

/** One repeat's split as example ids. */
export interface RepeatIds {
  repeat: number;
  train: readonly string[];
  validation: readonly string[];
}

/** The record results.json carries: per repeat the train and validation digests, and one digest over all of them. */
export function splitRecord(repeats: readonly RepeatIds[]): SplitRecord {
  const rows = repeats.map((r) => ({
    repeat: r.repeat,
    train: idsDigest(r.train),
    validation: idsDigest(r.validation),
    trainCount: r.train.length,
    validationCount: r.validation.length,
  }));
  return {
    digest: fnv1a64(rows.map((r) => `${r.repeat}:${r.train}:${r.validation}`).join('\n')),
    repeats: rows,
  };
}
