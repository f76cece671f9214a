// A purchase's receipt photo, for those who may read the buying institution's records.
import { receiptOf } from '../../../../lib/purchases/purchases.server.ts';
import { getDb } from '../../../../lib/server/db.ts';
import { photoRoute } from '../../../../lib/server/photos.ts';

export const GET = photoRoute((actor, purchaseId) => receiptOf(getDb(), { actor, purchaseId }));
