/**
 * Zips whose entries claim a compression method fflate cannot inflate (bzip2 = 12, LZMA = 14) or the
 * password flag: a stored zip with its headers patched, so tests can craft what 7-Zip or WinZip would write.
 */
import { strFromU8, zipSync, type Zippable } from 'fflate';

export interface EntryLock {
  /** Compression method to declare (APPNOTE 4.4.5). */
  method?: number;
  /** Sets flag bit 0 (encrypted). */
  encrypted?: boolean;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const put16 = (b: Uint8Array, at: number, value: number) => {
  b[at] = value & 0xff;
  b[at + 1] = value >> 8;
};

/** `files` zipped without compression, then each entry named in `locks` patched in its local and central header. */
export function lockedZip(files: Zippable, locks: Readonly<Record<string, EntryLock>>): Uint8Array {
  const zip = zipSync(files, { level: 0 });
  for (let at = 0; at + 46 <= zip.length; at += 1) {
    const signature = u32(zip, at);
    const local = signature === 0x04034b50;
    if (!local && signature !== 0x02014b50) continue;
    const nameAt = at + (local ? 30 : 46);
    const name = strFromU8(zip.subarray(nameAt, nameAt + u16(zip, at + (local ? 26 : 28))));
    const lock = locks[name];
    if (!lock) continue;
    const flagsAt = at + (local ? 6 : 8);
    if (lock.encrypted) put16(zip, flagsAt, u16(zip, flagsAt) | 1);
    if (lock.method !== undefined) put16(zip, flagsAt + 2, lock.method);
  }
  return zip;
}
