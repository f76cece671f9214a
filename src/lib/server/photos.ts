// Photos people upload (a purchase's receipt; later, visit photos). Every photo is decoded and written again
// as a JPEG no larger than 2000 px, which drops its metadata (EXIF, including where it was taken), and kept
// under the data directory beside the database, never in the public folder.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { config } from './config.ts';
import { DomainError } from './errors.ts';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif']);

/** Where uploaded photos live: data/uploads/<kind>/<id>.jpg beside the database. */
export function uploadsDir(databasePath = config().DATABASE_PATH): string {
  return join(dirname(databasePath), 'uploads');
}

/** The photo re-encoded as JPEG without metadata, upright, at most 2000 px on its longer side. */
export async function normalisePhoto(bytes: Uint8Array, field: string): Promise<Buffer> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new DomainError(`photo.tooLarge?mb=${MAX_PHOTO_BYTES / 1024 / 1024}`, field, 400);
  try {
    const image = sharp(bytes, { failOn: 'error' });
    const { format } = await image.metadata();
    if (!format || !ACCEPTED.has(format)) throw new DomainError('photo.notImage', field, 400);
    return await image.rotate().resize({ width: 2000, height: 2000, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('photo.notImage', field, 400);
  }
}

/** Writes a photo atomically (a half-written file never replaces a good one); returns its path under uploads/. */
export function savePhoto(kind: 'receipts', id: number, jpeg: Buffer): string {
  const relative = join(kind, `${id}.jpg`);
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
