// A purchase's receipt photo over HTTP: re-encoded without its EXIF location, a non-image refused cleanly,
// and the photo served only to the buying institution.
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purchases, users, villages } from '../../db/schema.ts';
import { purchaseSchema } from '../../src/lib/purchases/purchases.ts';
import { recordPurchase } from '../../src/lib/purchases/purchases.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import { institutionId, sessionCookieFor } from '../setup/demo.ts';
import { type Site, startSite, Visitor } from '../setup/site.ts';

describe('purchase receipts', () => {
  let site: Site;
  let purchaseId: number;
  let qinyuan: Visitor;
  let hospital: number;

  beforeAll(async () => {
    site = await startSite();
    hospital = institutionId(site.db, '沁源县人民医院');
    const actor = loadActor(site.db, site.db.select().from(users).where(eq(users.email, 'qinyuan@yizhen.demo')).get()!.id);
    const village = site.db.select().from(villages).where(eq(villages.name, '红沙崖村')).get()!;
    purchaseId = recordPurchase(site.db, { actor, input: purchaseSchema.parse({ institutionId: String(hospital), villageId: String(village.id), sellerKind: 'village_collective', sellerName: '红沙崖村集体', product: '土豆', unit: 'jin', quantityOrdered: '23000', unitPrice: '0.85', deliveryDate: '2019-10-12' }) }).id;
    qinyuan = new Visitor(site);
    qinyuan.cookie = await sessionCookieFor(site.db, 'otherCoordinator');
  });
  afterAll(() => site?.stop());

  it('stores a phone photo as a JPEG without its GPS position, and serves it to the buying institution only', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c8a060' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 33/1 11/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 22/1 57/1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await qinyuan.upload(`/institutions/${hospital}/purchases?_action=purchases.attachReceipt`, { purchaseId: String(purchaseId) }, { field: 'photo', name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: photo });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('收据照片已保存');
    expect(site.db.select().from(purchases).where(eq(purchases.id, purchaseId)).get()!.receiptPhoto).toBe(`receipts/${purchaseId}.jpg`);

    const served = await qinyuan.get(`/api/purchases/${purchaseId}/receipt.jpg`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const stored = await sharp(new Uint8Array(await served.arrayBuffer())).metadata();
    expect(stored.exif).toBeUndefined();
    expect([stored.format, Math.max(stored.width!, stored.height!)]).toEqual(['jpeg', 2000]);

    for (const who of ['coordinator', 'publicity'] as const) {
      const other = new Visitor(site);
      other.cookie = await sessionCookieFor(site.db, who);
      expect((await other.get(`/api/purchases/${purchaseId}/receipt.jpg`)).status, who).toBe(403);
    }
    expect((await new Visitor(site).get(`/api/purchases/${purchaseId}/receipt.jpg`)).status).toBe(401);
  });

  it('refuses a file that is not a photo, or too large a one, with a clear message and nothing changed', async () => {
    const before = site.db.select().from(purchases).where(eq(purchases.id, purchaseId)).get()!.receiptPhoto;
    const text = await qinyuan.upload(`/institutions/${hospital}/purchases?_action=purchases.attachReceipt`, { purchaseId: String(purchaseId) }, { field: 'photo', name: 'receipt.jpg', type: 'image/jpeg', bytes: new TextEncoder().encode('not a photo at all') });
    expect(text.status).toBe(400);
    expect(await text.text()).toContain('请上传 JPEG、PNG、HEIC 或 WebP 照片。');
    const huge = await qinyuan.upload(`/en/institutions/${hospital}/purchases?_action=purchases.attachReceipt`, { purchaseId: String(purchaseId) }, { field: 'photo', name: 'big.jpg', type: 'image/jpeg', bytes: new Uint8Array(11 * 1024 * 1024) });
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain('The photo cannot be larger than 10 MB.');
    expect(site.db.select().from(purchases).where(eq(purchases.id, purchaseId)).get()!.receiptPhoto).toBe(before);
  });
});
