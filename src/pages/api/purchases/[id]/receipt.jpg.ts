// A purchase's receipt photo, for those who may read the buying institution's records.
import { receiptOf } from '#src/lib/purchases/purchases.server.ts';
import { getDb } from '#src/lib/server/db.ts';
import { photoRoute } from '#src/lib/server/photos.ts';

export const GET = photoRoute((actor, purchaseId) => receiptOf(getDb(), { actor, purchaseId }));
