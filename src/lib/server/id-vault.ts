// ID numbers (身份证号) are encrypted at rest with AES-256-GCM. A keyed hash (HMAC-SHA256) of each number
// lets the register find duplicates without decrypting. Both keys are derived from one secret:
// ID_NUMBER_KEY, or a key file created beside the database on first use (docs/decisions/0007-id-numbers.md).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { config } from './config.ts';

export interface IdVault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A stable, keyed fingerprint for finding the same number again. */
  index(plain: string): string;
}

const VERSION = 'v1';

export function createIdVault(secret: Buffer): IdVault {
  if (secret.length < 32) throw new Error('ID_NUMBER_KEY must hold at least 32 bytes');
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `yizhen ${label}`, 32));
  const encryptionKey = derive('id-number encryption');
  const indexKey = derive('id-number index');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, payload] = sealed.split(':', 2);
      if (version !== VERSION || !payload) throw new Error('unknown ID number format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    index(plain) {
      return createHmac('sha256', indexKey).update(plain).digest('hex');
    },
  };
}

/** The secret from ID_NUMBER_KEY (base64 or hex), or from the key file beside the database, made if missing. */
export function loadIdSecret(keySetting: string | undefined, databasePath: string): Buffer {
  if (keySetting) return /^[0-9a-f]{64,}$/i.test(keySetting) ? Buffer.from(keySetting, 'hex') : Buffer.from(keySetting, 'base64');
  const file = join(dirname(databasePath), 'id-number.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

let shared: IdVault | undefined;

export function idVault(): IdVault {
  shared ??= createIdVault(loadIdSecret(config().ID_NUMBER_KEY, config().DATABASE_PATH));
  return shared;
}
