/**
 * A guard for uploaded workbooks. An `.xlsx` file is a zip archive that the workbook reader unpacks
 * in memory; a few megabytes of deflated XML can unpack to gigabytes (a zip bomb). Before the
 * reader sees an upload, every entry is inflated here with a hard cap on the output, so what is
 * measured is what the data unpacks to, whatever the archive's headers claim.
 * @module
 */
import { inflateRawSync } from 'node:zlib';

/** Limits of {@link zipProblem}. */
export interface ZipLimits {
  /** Most entries (files) in the archive. */
  readonly maxEntries: number;
  /** Most bytes all entries unpack to together. */
  readonly maxUnpackedBytes: number;
}

/** Defaults: far above a municipality's workbook (knivsta's unpacks to a few megabytes). */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxUnpackedBytes: 96 * 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Why the bytes are not a workbook to unpack (not a zip archive, a zip64 or encrypted archive, a
 * compression other than deflate, too many entries, or more unpacked bytes than allowed), or
 * undefined when every entry unpacks within the limits. Reads the archive as the workbook reader
 * (JSZip) does: the last end-of-directory record, the central directory, each entry's data after
 * its local header.
 */
export function zipProblem(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipProblem | undefined {
  const why = zipWhy(bytes, limits);
  if (why === undefined) return undefined;
  return { code: why.startsWith('too large:') ? 'WORKBOOK_TOO_LARGE' : 'SHEET_UNREADABLE', message: why.replace(/^too large: /, '') };
}

/** Why an upload is refused: not a workbook to read, or one that unpacks beyond the limits. */
export interface ZipProblem {
  readonly code: 'SHEET_UNREADABLE' | 'WORKBOOK_TOO_LARGE';
  readonly message: string;
}

function zipWhy(bytes: Uint8Array, limits: ZipLimits): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'not a zip archive (an .xlsx workbook is one)';
  const entries = u16(end + 10);
  let at = u32(end + 16);
  if (entries === 0xffff || at === 0xffffffff) return 'a zip64 archive (not an .xlsx workbook of this size)';
  if (entries > limits.maxEntries) return `too large: more than ${limits.maxEntries} files in the archive`;
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (u32(at) !== CENTRAL) return 'a damaged zip archive (central directory)';
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const packed = u32(at + 20);
    const local = u32(at + 42);
    const next = at + 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
    if (flags & 1) return 'an encrypted archive';
    if (u32(local) !== LOCAL) return 'a damaged zip archive (local header)';
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + packed > bytes.length) return 'a damaged zip archive (entry past the end)';
    const left = limits.maxUnpackedBytes - unpacked;
    if (method === 0) unpacked += packed;
    else if (method === 8) {
      try {
        unpacked += inflateRawSync(bytes.subarray(start, start + packed), { maxOutputLength: Math.max(1, left + 1) }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') unpacked = limits.maxUnpackedBytes + 1;
        else return 'a damaged zip archive (entry does not inflate)';
      }
    } else return `an entry compressed with method ${method} (a workbook uses deflate)`;
    if (unpacked > limits.maxUnpackedBytes) return `too large: it unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MiB`;
    at = next;
  }
  return undefined;
}
