// Photos people upload (a purchase's receipt, a visit's photos). Every photo is decoded and written again
// as a JPEG no larger than 2000 px, which drops its metadata (EXIF, including where it was taken), and kept
// under the data directory beside the database, never in the public folder. iPhones send HEIC (HEVC inside
// HEIF), which libvips as shipped with sharp cannot decode for patent reasons: those are decoded by
// heic-decode (libheif compiled to WebAssembly) and handed to sharp as raw pixels.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { APIRoute } from 'astro';
import decodeHeic from 'heic-decode';
import sharp from 'sharp';
import type { Actor } from './auth/scope.ts';
import { config } from './config.ts';
import { DomainError, refusalResponse } from './errors.ts';
import { message } from '../validation/fields.ts';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/**
 * The most pixels a photo may declare before it is decoded: a 48-megapixel phone photo fits, while a small
 * file that claims to be huge (a decompression bomb) is refused before it takes the server's memory.
 */
export const MAX_PHOTO_PIXELS = 60_000_000;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif']);

/** Where uploaded photos live: data/uploads/<kind>/<id>.jpg beside the database. */
export function uploadsDir(databasePath = config().DATABASE_PATH): string {
  return join(dirname(databasePath), 'uploads');
}

/** The photo re-encoded as JPEG without metadata, upright, at most 2000 px on its longer side. */
export async function normalisePhoto(bytes: Uint8Array, field: string): Promise<Buffer> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new DomainError(message('photo.tooLarge', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }), field, 400);
  try {
    // The header alone says what the file is and how large it claims to be; nothing is decoded yet.
    const { format, compression, width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!format || !ACCEPTED.has(format)) throw new DomainError('photo.notImage', field, 400);
    if (width * height > MAX_PHOTO_PIXELS) throw new DomainError(message('photo.tooManyPixels', { mp: MAX_PHOTO_PIXELS / 1_000_000 }), field, 400);
    let image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS });
    if (format === 'heif' && compression === 'hevc') {
      // libheif applies the photo's rotation while decoding.
      const decoded = await decodeHeic({ buffer: bytes });
      image = sharp(new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), { raw: { width: decoded.width, height: decoded.height, channels: 4 }, limitInputPixels: MAX_PHOTO_PIXELS });
    }
    return await image.rotate().resize({ width: 2000, height: 2000, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('photo.notImage', field, 400);
  }
}

/** Writes a photo atomically (a half-written file never replaces a good one); returns its path under uploads/. */
export function savePhoto(kind: 'receipts' | 'visits', name: string | number, jpeg: Buffer): string {
  const relative = join(kind, `${name}.jpg`);
  const path = join(uploadsDir(), relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.part`, jpeg);
  renameSync(`${path}.part`, path);
  return relative;
}

export function readPhoto(relative: string): Buffer {
  return readFileSync(join(uploadsDir(), relative));
}

export function removePhoto(relative: string): void {
  rmSync(join(uploadsDir(), relative), { force: true });
}

/**
 * The GET handler of a photo address (/api/…/<id>.jpg): the photo for those `read` lets see it, 401 to a
 * visitor who is not logged in, 403 or 404 as the scoped read decides; never cached by a shared cache.
 */
export function photoRoute(read: (actor: Actor, id: number) => Buffer): APIRoute {
  return ({ locals, params }) => {
    if (!locals.actor) return new Response(null, { status: 401 });
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0) return new Response(null, { status: 404 });
    try {
      return new Response(new Uint8Array(read(locals.actor, id)), { headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } });
    } catch (error) {
      return refusalResponse(error);
    }
  };
}
