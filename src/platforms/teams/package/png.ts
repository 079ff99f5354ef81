import { crc32, deflateSync } from 'node:zlib';

/** An RGBA image: `pixel(x, y)` gives [r, g, b, a] from 0 to 255. */
export interface Image {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number, number];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** Encodes an image as a PNG file (8-bit RGBA, no filtering). */
export function encodePng(image: Image): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((image.width * 4 + 1) * image.height);
  let offset = 0;
  for (let y = 0; y < image.height; y += 1) {
    rows[offset++] = 0;
    for (let x = 0; x < image.width; x += 1) {
      for (const value of image.pixel(x, y)) rows[offset++] = value;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height from a PNG's header, for checking icon sizes. */
export function pngSize(file: Buffer): { width: number; height: number } {
  if (file.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('not a PNG file');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}
