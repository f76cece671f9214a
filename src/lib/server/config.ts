// Configuration comes from environment variables only, validated once at start-up so that a typo is
// reported in plain words before the site serves anything. The README lists every variable.
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

const tileTemplate = z
  .string()
  .refine((value) => ['{z}', '{x}', '{y}'].every((part) => value.includes(part)), {
    message: 'must be a tile URL template containing {z}, {x} and {y}',
  });

const smtpUrl = z
  .string()
  .refine((value) => /^smtps?:\/\/[^/]+/.test(value) && URL.canParse(value), {
    message: 'must look like smtp://user:password@host:587 or smtps://host:465',
  });

export const configSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('data/yizhen.sqlite'),
  HOST: z.string().min(1).default('localhost'),
  PORT: port.default(4321),
  SITE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://yizhen.example.cn' }).optional(),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.string().min(3).default('Yizhen 义诊 <no-reply@yizhen.localhost>'),
  TILE_URL: tileTemplate.default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().max(300).default('© OpenStreetMap contributors'),
  // The coordinate system of the tiles: WGS84 (OpenStreetMap, Tianditu) or GCJ02 (Amap, Tencent).
  TILE_CRS: z.enum(['WGS84', 'GCJ02'], { message: 'must be WGS84 or GCJ02' }).default('WGS84'),
  // Letters or digits that replace {s} in TILE_URL, e.g. 01234567 for Tianditu.
  TILE_SUBDOMAINS: z.string().regex(/^[a-z0-9]+$/i, { message: 'must be letters or digits such as abc' }).default('abc'),
  // Secret for encrypting ID numbers: 32+ bytes as base64 or hex. Unset: a key file beside the database.
  ID_NUMBER_KEY: z
    .string()
    .refine((value) => (/^[0-9a-f]+$/i.test(value) && value.length >= 64) || Buffer.from(value, 'base64').length >= 32, {
      message: 'must be at least 32 random bytes, as base64 or hex (e.g. the output of: openssl rand -base64 32)',
    })
    .optional(),
  // How clients reach the site: `none` (directly) or the addresses of the reverse proxies in front of it.
  // Unset, client addresses are unknown and limits that count by address are off (src/lib/server/client-address.ts).
  TRUSTED_PROXIES: z
    .string()
    .regex(/^\s*(none|[0-9a-f.:]+(\s*,\s*[0-9a-f.:]+)*)\s*$/i, { message: 'must be none, or the proxies’ addresses separated by commas (10.0.0.2,10.0.0.3)' })
    .optional(),
  // How often the mail sender looks for due messages, in milliseconds.
  MAIL_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type Config = Omit<z.infer<typeof configSchema>, 'SITE_URL'> & { SITE_URL: string };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the configuration from an environment; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = parsed.data;
  return { ...config, SITE_URL: (config.SITE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/$/, '') };
}

let cached: Config | undefined;

/** The process's configuration, read on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
