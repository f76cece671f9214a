// A published free clinic of 长春市中心医院 (on 2019-10-17 at a health centre unless told) with one nurse role
// and the given shifts, made through the domain functions by one of its coordinators.
import { eventSchema, roleSchema } from '../../src/lib/events/events.ts';
import { addRole, createEvent, getEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import type { Actor } from '../../src/lib/server/auth/scope.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { actorWithRole } from './actors.ts';

export function publishedClinic(
  db: Db,
  now: number,
  shifts: { startTime: string; endTime: string; capacity: string }[],
  { coordinator = actorWithRole(db, 'coordinator', '长春市中心医院'), date = '2019-10-17', villageId = null }: { coordinator?: Actor; date?: string; villageId?: number | null } = {},
) {
  const organiserId = coordinator.memberships[0].institutionId;
  const event = createEvent(db, {
    actor: coordinator,
    input: eventSchema.parse({ organiserId: String(organiserId), campaignId: '', kind: 'free_clinic', title: '扶贫日大型义诊', date, startTime: '09:00', endTime: '16:00', address: villageId ? '' : '合心镇卫生院门前', villageId: villageId ? String(villageId) : '', services: ['blood_pressure'] }),
  }, now);
  addRole(db, { actor: coordinator, input: roleSchema.parse({ eventId: event.id, kind: 'nurse', shifts }) }, now);
  publishEvent(db, { actor: coordinator, eventId: event.id }, now);
  return { coordinator, eventId: event.id, shiftIds: getEvent(db, { actor: coordinator, eventId: event.id }).roles[0].shifts.map((s) => s.id) };
}
