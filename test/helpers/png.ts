// Decodes an 8-bit RGB or RGBA PNG (what Chromium writes for screenshots) into pixels, to check what is on a page.
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  // RGBA, 4 bytes a pixel, row after row.
  pixels: Uint8Array;
}

export function decodePng(data: Buffer): Image {
  if (data.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8) throw new Error(`bit depth ${body[8]} is not supported`);
      colourType = body[9] ?? 0;
      if (body[12] !== 0) throw new Error('interlaced PNGs are not supported');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (!channels) throw new Error(`PNG colour type ${colourType} is not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) pixels[i * 4 + c] = rows[i * channels + c] ?? 0;
    pixels[i * 4 + 3] = channels === 4 ? (rows[i * channels + 3] ?? 255) : 255;
  }
  return { width, height, pixels };
}

// How many pixels are within `tolerance` (per channel) of a colour such as "#2563eb", optionally inside a box.
export function countColour(
  image: Image,
  hex: string,
  tolerance = 12,
  box?: { x0: number; y0: number; x1: number; y1: number },
): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const { x0 = 0, y0 = 0, x1 = image.width, y1 = image.height } = box ?? {};
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      if (
        Math.abs((image.pixels[i] ?? 0) - r) <= tolerance &&
        Math.abs((image.pixels[i + 1] ?? 0) - g) <= tolerance &&
        Math.abs((image.pixels[i + 2] ?? 0) - b) <= tolerance
      )
        count++;
    }
  }
  return count;
}

// The rows (y) that hold at least `min` pixels of a colour: bars show as bands of such rows.
export function rowsWithColour(image: Image, hex: string, min = 20): number[] {
  const rows: number[] = [];
  for (let y = 0; y < image.height; y++)
    if (countColour(image, hex, 12, { x0: 0, y0: y, x1: image.width, y1: y + 1 }) >= min) rows.push(y);
  return rows;
}
