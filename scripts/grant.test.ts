// `npm run grant` against a real database file: the first administrator and operator of an empty site.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../db/migrate.ts';
import { areas, auditLog, institutions, memberships, users } from '../db/schema.ts';
import { loadActor } from '../src/lib/server/auth/scope.ts';
import { openDatabase } from '../src/lib/server/db.ts';

describe('npm run grant', () => {
  it('makes a new site\'s first bureau, placed in its province, with its administrator and operator', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'yizhen-grant-')), 'site.sqlite');
    const db = openDatabase(path);
    migrateDatabase(db);
    for (const email of ['wang@wjw.example.cn', 'it@wjw.example.cn']) db.insert(users).values({ id: email, email, name: email, passwordHash: 'x', emailVerifiedAt: 1 }).run();
    const grant = (...args: string[]) => {
      try {
        return { ok: true, out: execFileSync(process.execPath, ['scripts/grant.mjs', ...args], { env: { ...process.env, DATABASE_PATH: path, DEMO_DATA: 'off' }, encoding: 'utf8', stdio: 'pipe' }) };
      } catch (error) {
        return { ok: false, out: String((error as { stderr: string }).stderr) };
      }
    };
    expect(grant('wang@wjw.example.cn', 'admin', '山西省卫生健康委员会', '山西省')).toMatchObject({ ok: true });
    expect(grant('it@wjw.example.cn', 'operator', '山西省卫生健康委员会')).toMatchObject({ ok: true });
    // Refused, with the reason, and nothing written: an unknown account, a second grant, a bad role.
    expect(grant('nobody@example.cn', 'admin', '山西省卫生健康委员会')).toMatchObject({ ok: false, out: expect.stringContaining('没有使用该邮箱的已注册用户') });
    expect(grant('wang@wjw.example.cn', 'admin', '山西省卫生健康委员会')).toMatchObject({ ok: false, out: expect.stringContaining('已是本机构成员') });
    expect(grant('wang@wjw.example.cn', 'coordinator', '山西省卫生健康委员会')).toMatchObject({ ok: false, out: expect.stringContaining('usage') });
    const bureau = db.select().from(institutions).get()!;
    expect(bureau).toMatchObject({ name: '山西省卫生健康委员会', kind: 'bureau', areaId: db.select().from(areas).where(eq(areas.name, '山西省')).get()!.id });
    expect(db.select({ role: memberships.role }).from(memberships).all().map((m) => m.role).sort()).toEqual(['admin', 'operator']);
    // The administrator shapes the province; the log says the console did it.
    expect(loadActor(db, 'wang@wjw.example.cn').administered.areaIds).toContain(bureau.areaId);
    expect(db.select().from(auditLog).all().every((entry) => entry.actorId === null)).toBe(true);
    db.$client.close();
  });
});
