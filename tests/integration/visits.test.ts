// Visit records over HTTP, as a phone posts the visit form: an iPhone's HEIC and a JPEG are stored as JPEGs
// without their GPS position, a second submit writes nothing more, a photo that is too large or not a photo
// is refused beside the field with everything typed kept and nothing written, and the photos and the record
// are served only to those who may read the visit.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { households, staff, visitPhotos, visits } from '../../db/schema.ts';
import { institutionId, OWN_INSTITUTION, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, type UploadedFile, Visitor } from '../setup/site.ts';

const HEIC = new Uint8Array(readFileSync(new URL('../fixtures/visit-photo.heic', import.meta.url)));

describe('visit records over HTTP', () => {
  let site: Site;
  let coordinator: Visitor;
  let householdId: number;
  let hospital: number;
  let visitors: string[];

  beforeAll(async () => {
    site = await startSite();
    hospital = institutionId(site.db, OWN_INSTITUTION);
    householdId = site.db.select().from(households).where(eq(households.headName, '林秀志')).get()!.id;
    visitors = site.db.select().from(staff).where(inArray(staff.name, ['陈静', '周丽华'])).all().map((s) => String(s.id));
    coordinator = new Visitor(site);
    coordinator.cookie = await sessionCookieFor(site.db, 'coordinator');
  });
  afterAll(() => site?.stop());

  const formPath = (lang = '') => `${lang}/households/${householdId}/visits/new?_action=visits.record`;
  const fields = (extra: Record<string, string | string[]> = {}) => ({
    householdId: String(householdId),
    institutionId: String(hospital),
    submissionKey: randomUUID(),
    visitedOn: '2019-10-16',
    visitedTime: '15:00',
    purpose: 'care',
    visitors,
    'checks.food.state': 'yes',
    'checks.water.state': 'concern',
    'checks.water.note': '井水浑浊',
    'readings.head.systolic': '142',
    'readings.head.diastolic': '91',
    difficulties: '饮水困难',
    ...extra,
  });
  const visitCount = () => site.db.select({ n: count() }).from(visits).get()!.n;
  const storedPhotos = () => readdirSync(join(dirname(site.databasePath), 'uploads', 'visits'), { withFileTypes: true }).filter((f) => f.isFile()).length;
  const gpsJpeg = () =>
    sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#3a7d44' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 31/1 17/1', GPSLongitudeRef: 'E', GPSLongitude: '124/1 58/1 13/1' } })
      .toBuffer();

  it('stores an iPhone HEIC and a JPEG as JPEGs without their location, once however often the form is sent', async () => {
    const jpeg = new Uint8Array(await gpsJpeg());
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const photos: UploadedFile[] = [
      { field: 'photos', name: 'IMG_4032.HEIC', type: 'image/heic', bytes: HEIC },
      { field: 'photos', name: 'IMG_4033.jpg', type: 'image/jpeg', bytes: jpeg },
    ];
    const form = fields();
    const before = visitCount();
    const response = await coordinator.upload(formPath(), form, photos);
    expect(response.status, site.output()).toBe(302);
    const location = response.headers.get('location')!;
    const visitId = Number(/\/visits\/(\d+)\?recorded=1$/.exec(location)?.[1]);
    expect(visitId).toBeGreaterThan(0);
    expect(visitCount()).toBe(before + 1);

    // Sent again (a double tap, or a retry after the connection dropped): the same record, nothing new.
    const again = await coordinator.upload(formPath(), form, photos);
    expect(again.headers.get('location')).toBe(location);
    expect(visitCount()).toBe(before + 1);

    const page = await coordinator.get(`/visits/${visitId}?recorded=1`);
    const html = await page.text();
    expect(html).toContain('走访记录已保存。');
    expect(html).toContain('井水浑浊');
    // Both ticked visitors were kept.
    expect(html).toContain('周丽华、陈静');
    const ids = site.db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visitId)).all().map((p) => p.id);
    expect(ids).toHaveLength(2);
    const [heic, plain] = await Promise.all(ids.map(async (id) => new Uint8Array(await (await coordinator.get(`/api/visit-photos/${id}.jpg`)).arrayBuffer())));
    const heicMeta = await sharp(heic).metadata();
    expect([heicMeta.format, heicMeta.width, heicMeta.height, heicMeta.exif]).toEqual(['jpeg', 320, 240, undefined]);
    // The fixture is a plain red picture: decoding, not just renaming, happened.
    const { channels } = await sharp(heic).stats();
    expect(channels[0].mean).toBeGreaterThan(150);
    expect(channels[1].mean).toBeLessThan(90);
    const plainMeta = await sharp(plain).metadata();
    expect([plainMeta.format, Math.max(plainMeta.width!, plainMeta.height!), plainMeta.exif]).toEqual(['jpeg', 2000, undefined]);
  });

  it('serves a visit and its photos only to those who may read it', async () => {
    const visit = site.db.select().from(visits).where(eq(visits.householdId, householdId)).get()!;
    const photo = site.db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visit.id)).get()!;
    for (const who of ['otherCoordinator', 'publicity', 'member'] as const) {
      const other = new Visitor(site);
      other.cookie = await sessionCookieFor(site.db, who);
      expect((await other.get(`/api/visit-photos/${photo.id}.jpg`)).status, who).toBe(403);
      expect((await other.get(`/visits/${visit.id}`)).status, who).toBe(403);
      expect((await other.get(`/households/${householdId}/handbook`)).status, who).toBe(403);
    }
    expect((await new Visitor(site).get(`/api/visit-photos/${photo.id}.jpg`)).status).toBe(401);
    const admin = new Visitor(site);
    admin.cookie = await sessionCookieFor(site.db, 'admin');
    expect((await admin.get(`/api/visit-photos/${photo.id}.jpg`)).status).toBe(200);
  });

  it('refuses a photo too large or not a photo beside the field, keeping what was typed and writing nothing', async () => {
    const before = [visitCount(), storedPhotos()];
    const good = { field: 'photos', name: 'ok.jpg', type: 'image/jpeg', bytes: new Uint8Array(await gpsJpeg()) };
    const huge = await coordinator.upload(formPath(), fields({ 'readings.head.advice': '低盐饮食，按时服药。' }), [good, { field: 'photos', name: 'big.jpg', type: 'image/jpeg', bytes: new Uint8Array(11 * 1024 * 1024) }]);
    expect(huge.status).toBe(400);
    const hugeHtml = await huge.text();
    expect(hugeHtml).toMatch(/<p class="error" id="field-photos-error">照片不能超过 10 MB。<\/p>/);
    expect(hugeHtml).toContain('饮水困难');
    expect(hugeHtml).toContain('value="142"');
    // Typed exactly as it was, full-width punctuation included.
    expect(hugeHtml).toContain('value="低盐饮食，按时服药。"');
    // The summary at the top names the field and links to it, and says the photos must be chosen again.
    const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(hugeHtml)?.[1] ?? '';
    expect(summary).toContain('<a href="#field-photos">走访照片：照片不能超过 10 MB。</a>');
    expect(summary).toContain('所选的照片没有保存，请重新选择后再提交。');

    const text = await coordinator.upload(formPath('/en'), fields(), { field: 'photos', name: 'notes.jpg', type: 'image/jpeg', bytes: new TextEncoder().encode('not a photo') });
    expect(text.status).toBe(400);
    expect(await text.text()).toContain('Upload a JPEG, PNG, HEIC or WebP photo.');
    expect([visitCount(), storedPhotos()]).toEqual(before);
  });

  it('explains a reading in the wrong unit beside its box, in the reader\'s language', async () => {
    const before = visitCount();
    const response = await coordinator.upload(formPath('/en'), fields({ 'readings.head.glucose': '126' }), []);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/id="field-readings\.head\.glucose-error">That looks like a reading in mg\/dL\. Convert it to mmol\/L \(about 7\.0\)\.<\/p>/);
    expect(visitCount()).toBe(before);
  });
});
