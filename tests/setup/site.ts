// Starts the built site as its own process (scripts/serve.mjs) on a free port with a fresh database.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db.ts';
import { freePort } from './smtp.ts';

const root = new URL('../../', import.meta.url).pathname;

export interface Site {
  url: string;
  databasePath: string;
  /** The site's database, opened by the test for arranging and checking data. */
  db: Db;
  /** Everything the server printed, for diagnosing a failure. */
  output: () => string;
  stop(): Promise<void>;
}

export async function startSite(env: Record<string, string> = {}): Promise<Site> {
  if (!existsSync(join(root, 'dist/server/entry.mjs'))) {
    throw new Error('The site is not built: run `npm test` (it builds first) or `npx astro build`.');
  }
  const port = await freePort();
  const databasePath = join(mkdtempSync(join(tmpdir(), 'yizhen-site-')), 'site.sqlite');
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), SITE_URL: url, DATABASE_PATH: databasePath, MAIL_POLL_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the site exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/`, { redirect: 'manual' });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the site did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const db = openDatabase(databasePath);
  return {
    url,
    databasePath,
    db,
    output: () => output,
    async stop() {
      db.$client.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * A minimal HTTP client that keeps a cookie and posts forms the way a browser does: a successful post is
 * answered with 303 See Other, which it follows to the page that shows the outcome (`afterPost` keeps the 303).
 */
export class Visitor {
  /** The 303 that answered the last post, if it was one. */
  afterPost: Response | null = null;
  cookie = '';
  readonly site: Site;
  constructor(site: Site) {
    this.site = site;
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(this.site.url + path, { redirect: 'manual', headers: this.headers() });
    this.remember(response);
    return response;
  }

  async post(path: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
    const response = await fetch(this.site.url + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...this.headers(), Origin: this.site.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    return this.followPost(response);
  }

  /** Posts a multipart form with its files, as a browser's file input does; a list value is sent once per item (ticked boxes). */
  async upload(path: string, fields: Record<string, string | string[]>, files: UploadedFile | UploadedFile[]): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
    for (const file of [files].flat()) form.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
    const response = await fetch(this.site.url + path, { method: 'POST', redirect: 'manual', headers: { ...this.headers(), Origin: this.site.url }, body: form });
    return this.followPost(response);
  }

  private async followPost(response: Response): Promise<Response> {
    this.remember(response);
    this.afterPost = response.status === 303 ? response : null;
    return response.status === 303 ? this.get(response.headers.get('location')!) : response;
  }

  /** Posts the "set a new password" form of a reset link. */
  resetPassword(token: string, password: string, passwordConfirm = password): Promise<Response> {
    return this.post(`/reset-password?_action=accounts.resetPassword&token=${token}`, { token, password, passwordConfirm });
  }

  private headers(): Record<string, string> {
    return this.cookie ? { Cookie: this.cookie } : {};
  }

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name] = pair.split('=');
      const others = this.cookie.split('; ').filter((c) => c && !c.startsWith(`${name}=`));
      this.cookie = [...others, pair].join('; ');
    }
  }
}
