import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unpackTar } from '../../src/db/tar-unpack.js';

interface Entry {
  name: string;
  /** '0' file, '5' folder, '2' symbolic link. */
  type: '0' | '5' | '2';
  data?: Buffer;
}

/** A ustar archive as tar(1) and PGlite write it: 512-byte headers, data padded to 512. */
function tar(entries: Entry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write(entry.type, 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The archive in small, uneven chunks, as a stream delivers it. */
function chunked(archive: Buffer, size = 333): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < archive.length; at += size) chunks.push(archive.subarray(at, at + size));
  return Readable.from(chunks);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stappenplan-tar-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('unpacking a tar archive', () => {
  it('writes folders 0700 and files 0600 with their exact content, across chunk borders', async () => {
    const big = randomBytes(70_000);
    const archive = tar([
      { name: '/base', type: '5' },
      { name: '/base/1/1255', type: '0', data: big },
      { name: '/PG_VERSION', type: '0', data: Buffer.from('17\n') },
      { name: '/empty', type: '0' },
    ]);
    const target = join(dir, 'data');
    expect(await unpackTar(chunked(archive), target)).toBe(3);
    expect(await readFile(join(target, 'base/1/1255'))).toEqual(big);
    expect(await readFile(join(target, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect((await readFile(join(target, 'empty'))).length).toBe(0);
    expect((await stat(join(target, 'base/1'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(target, 'base/1/1255'))).mode & 0o777).toBe(0o600);
  });

  it('refuses a name that leaves the folder, and writes nothing outside it', async () => {
    const archive = tar([{ name: '../escaped', type: '0', data: Buffer.from('x') }]);
    await expect(unpackTar(chunked(archive), join(dir, 'data'))).rejects.toThrow(
      'The archive holds an unsafe name: "../escaped"',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses links', async () => {
    const archive = tar([{ name: 'link', type: '2' }]);
    await expect(unpackTar(chunked(archive), dir)).rejects.toThrow('unsupported kind ("2")');
  });

  it('refuses a damaged header', async () => {
    const archive = tar([{ name: 'file', type: '0', data: Buffer.from('abc') }]);
    archive[0] = 'g'.charCodeAt(0);
    await expect(unpackTar(chunked(archive), dir)).rejects.toThrow('header checksum');
  });

  it('refuses an archive cut short', async () => {
    const archive = tar([{ name: 'file', type: '0', data: randomBytes(2000) }]);
    await expect(unpackTar(chunked(archive.subarray(0, 1024)), dir)).rejects.toThrow(
      'The archive ends in the middle of a file',
    );
    await expect(unpackTar(chunked(archive.subarray(0, 512 + 2048)), join(dir, 'b'))).rejects.toThrow(
      'The archive has no end marker',
    );
  });

  it('never replaces an existing file', async () => {
    await writeFile(join(dir, 'PG_VERSION'), 'mine');
    const archive = tar([{ name: 'PG_VERSION', type: '0', data: Buffer.from('17\n') }]);
    await expect(unpackTar(chunked(archive), dir)).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(dir, 'PG_VERSION'), 'utf8')).toBe('mine');
  });
});
