// A visit photo, for those who may read the visit (never publicity, never another institution).
import { getDb } from '#src/lib/server/db.ts';
import { photoRoute } from '#src/lib/server/photos.ts';
import { visitPhoto } from '#src/lib/visits/visits.server.ts';

export const GET = photoRoute((actor, photoId) => visitPhoto(getDb(), { actor, photoId }));
