/**
 * Entry names of a zip, decoded as the tool that made it meant them. The zip standard (APPNOTE 6.3.x, appendix D)
 * says a name is UTF-8 when bit 11 of its flags is set and CP437 otherwise, but the zips people actually have
 * ignore that: Info-ZIP `zip` on Linux and macOS Finder store UTF-8 names WITHOUT the flag, and Chinese Windows
 * stores GBK. Read as Latin-1 (fflate's fallback), "猫" became "ç\x8c«".
 *
 * The rule, per zip, for the names without the flag that are not plain ASCII:
 * 1. all of them valid UTF-8 → UTF-8 (a CP437 or GBK name is almost never valid UTF-8 by accident);
 * 2. else all of them GB2312 byte pairs decoding to CJK characters → GBK, with a warning (a guess);
 * 3. else CP437, the standard's default, with a warning (a guess).
 * Names with the flag are UTF-8 as fflate already decoded them.
 *
 * The central directory is read here for the raw name bytes and flags (fflate hands over only the decoded
 * name); when it cannot be read, fflate's names are kept.
 */
import { strFromU8 } from 'fflate';

/** One central-directory entry's name as stored. */
export interface RawZipName {
  bytes: Uint8Array;
  /** Flag bit 11: the name is declared UTF-8. */
  utf8: boolean;
  /** Flag bit 0: the entry is encrypted (password-protected). */
  encrypted?: boolean;
}

export type ZipNameEncoding = 'utf-8' | 'gbk' | 'cp437';

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
/** Little-endian 64-bit, exact below 2^53 (larger is not a file anyone drops). */
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

/** Raw names and UTF-8 flags in central-directory order, or null when the directory cannot be walked. */
export function readRawZipNames(zip: Uint8Array): RawZipName[] | null {
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at -= 1) {
    if (u32(zip, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(zip, eocd + 10);
  let offset = u32(zip, eocd + 16);
  const locator = eocd - 20;
  if ((count === 0xffff || offset === 0xffffffff) && locator >= 0 && u32(zip, locator) === 0x07064b50) {
    const zip64 = u64(zip, locator + 8);
    if (zip64 + 56 > zip.length || u32(zip, zip64) !== 0x06064b50) return null;
    count = u64(zip, zip64 + 32);
    offset = u64(zip, zip64 + 48);
  }
  const names: RawZipName[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) return null;
    const nameLength = u16(zip, at + 28);
    if (at + 46 + nameLength > zip.length) return null;
    const flags = u16(zip, at + 8);
    names.push({
      bytes: zip.subarray(at + 46, at + 46 + nameLength),
      utf8: (flags & 0x800) !== 0,
      encrypted: (flags & 1) !== 0,
    });
    at += 46 + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
  }
  return names;
}

/** CP437's upper half (0x80–0xFF), in order; its lower half is ASCII. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80];
  return out;
}

/** The platform's TextDecoder (browsers, workers and Node have one; core's types do not declare it). */
type TextDecoderLike = new (label: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };
const PlatformDecoder = (globalThis as { TextDecoder?: TextDecoderLike }).TextDecoder;

/** `bytes` as `encoding`, or null when they are not valid in it (or this platform lacks the decoder). */
function strictDecode(bytes: Uint8Array, encoding: 'utf-8' | 'gbk'): string | null {
  if (!PlatformDecoder) return null;
  try {
    return new PlatformDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

/**
 * Non-ASCII bytes come in GB2312 pairs (both bytes 0xA1–0xFE), where every everyday Chinese character lives. GBK's
 * wider range would also accept Latin CP437 names ("Müll" is 4D 81 6C 6C, a valid GBK "M乴l"), so it is not used.
 */
function isGb2312Bytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] < 0x80) continue;
    const inRange = (b: number | undefined) => b !== undefined && b >= 0xa1 && b <= 0xfe;
    if (!inRange(bytes[i]) || !inRange(bytes[i + 1])) return false;
    i += 1;
  }
  return true;
}
/** Every non-ASCII character is CJK (ideographs, CJK punctuation, full-width forms): what a GBK name holds. */
const isCjkText = (text: string) => /^[ -\u007f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*$/.test(text);

export interface DecodedZipNames {
  names: string[];
  /** The encoding guessed for names without the UTF-8 flag, when it was a guess (GBK or CP437); else null. */
  guessed: Exclude<ZipNameEncoding, 'utf-8'> | null;
}

/** Decodes every raw name by the rule of the module comment. */
export function decodeZipNames(raw: readonly RawZipName[]): DecodedZipNames {
  const unmarked = raw.filter((n) => !n.utf8 && !isAscii(n.bytes));
  let encoding: ZipNameEncoding = 'utf-8';
  if (!unmarked.every((n) => strictDecode(n.bytes, 'utf-8') !== null)) {
    const gbk = unmarked.map((n) => (isGb2312Bytes(n.bytes) ? strictDecode(n.bytes, 'gbk') : null));
    encoding = gbk.every((text) => text !== null && isCjkText(text)) ? 'gbk' : 'cp437';
  }
  const names = raw.map((n) => {
    if (n.utf8 || isAscii(n.bytes)) return strFromU8(n.bytes);
    if (encoding === 'cp437') return decodeCp437(n.bytes);
    return strictDecode(n.bytes, encoding) ?? decodeCp437(n.bytes);
  });
  return { names, guessed: encoding === 'utf-8' || unmarked.length === 0 ? null : encoding };
}
