// Photos are decoded only when their declared size is one a phone makes: a small file claiming a huge
// picture is refused before it is decoded.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_PIXELS, normalisePhoto } from './photos.ts';

/** A PNG file of a few hundred bytes whose header declares `width` × `height` pixels. */
function claimingPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]));
}

describe('photos', () => {
  it('refuse a picture that declares more pixels than a phone takes, before decoding it', async () => {
    const bomb = claimingPng(20_000, 20_000);
    expect(bomb.byteLength).toBeLessThan(1_000);
    await expect(normalisePhoto(bomb, 'photo')).rejects.toMatchObject({ field: 'photo', message: `photo.tooManyPixels?mp=${MAX_PHOTO_PIXELS / 1_000_000}` });
  });

  it('take a phone-sized photo and write it as a JPEG of at most 2000 px', async () => {
    const photo = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#88aa44' } }).jpeg().toBuffer();
    const jpeg = await normalisePhoto(new Uint8Array(photo), 'photo');
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 2000, height: 1500 });
  });
});
