import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { Readable } from 'node:stream';

const BLOCK = 512;

/**
 * Unpacks a tar stream (the ustar layout, as PGlite's `dumpDataDir` writes it) into `dir`, with
 * folders 0700 and files 0600 from the moment they exist. Only regular files and folders are
 * accepted; anything else (links, devices, long-name extensions) or a name that leaves `dir`
 * is an error. Returns the number of files written.
 *
 * Reads the stream block by block, so memory stays at one chunk whatever the archive's size.
 */
export async function unpackTar(source: Readable, dir: string): Promise<number> {
  let pending: Buffer = Buffer.alloc(0);
  let file: { fd: number; left: number; padding: number } | null = null;
  let skip = 0;
  let files = 0;
  let ended = false;

  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let offset = 0;
    while (!ended) {
      if (file) {
        const take = Math.min(file.left, pending.length - offset);
        if (take > 0) writeSync(file.fd, pending, offset, take);
        offset += take;
        file.left -= take;
        if (file.left > 0) break;
        closeSync(file.fd);
        skip = file.padding;
        file = null;
      }
      if (skip > 0) {
        const take = Math.min(skip, pending.length - offset);
        offset += take;
        skip -= take;
        if (skip > 0) break;
      }
      if (pending.length - offset < BLOCK) break;
      const header = pending.subarray(offset, offset + BLOCK);
      offset += BLOCK;
      if (header.every((byte) => byte === 0)) {
        ended = true;
        break;
      }
      const entry = readHeader(header);
      const path = safeJoin(dir, entry.name);
      if (entry.type === 'dir') {
        mkdirSync(path, { recursive: true, mode: 0o700 });
        continue;
      }
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const fd = openSync(path, 'wx', 0o600);
      file = { fd, left: entry.size, padding: (BLOCK - (entry.size % BLOCK)) % BLOCK };
      files += 1;
    }
    pending = pending.subarray(offset);
  }
  if (file) {
    closeSync(file.fd);
    throw new Error('The archive ends in the middle of a file');
  }
  if (!ended) throw new Error('The archive has no end marker');
  return files;
}

function readHeader(header: Buffer): { name: string; size: number; type: 'file' | 'dir' } {
  if (!verifyChecksum(header)) throw new Error('The archive is damaged (header checksum)');
  const name = text(header, 0, 100);
  const prefix = text(header, 345, 155);
  const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
  const flag = String.fromCharCode(header[156] ?? 0);
  const full = prefix ? `${prefix}/${name}` : name;
  if (flag === '5') return { name: full, size: 0, type: 'dir' };
  if (flag === '0' || flag === '\0') return { name: full, size, type: 'file' };
  throw new Error(`The archive holds an entry of an unsupported kind (${JSON.stringify(flag)})`);
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function verifyChecksum(header: Buffer): boolean {
  const stored = Number.parseInt(text(header, 148, 8).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum === stored;
}

/** `dir` joined with an archive name; names are relative to the archive's root. */
function safeJoin(dir: string, name: string): string {
  const relative = normalize(name.replace(/^\/+/, ''));
  if (relative === '.' || relative.startsWith('..') || relative.includes('\0')) {
    throw new Error(`The archive holds an unsafe name: ${JSON.stringify(name)}`);
  }
  return join(dir, relative);
}
