// Each list's download: the rows its address asks for (the same query as the page, every page of it), within
// what the reader may see — the list's own domain function does the scoping — as a table in the reader's words.
import type { MessageKey } from '#src/i18n/index.ts';
import { type Cell, dayCell } from '../downloads/spreadsheet.ts';
import { eventListSchema } from '../events/events.ts';
import { listEvents } from '../events/events.server.ts';
import { householdListSchema } from '../households/households.ts';
import { householdRegister } from '../households/households.server.ts';
import { institutionListSchema } from '../institutions/institutions.ts';
import { institutionList } from '../institutions/institutions.server.ts';
import { userListSchema } from '../memberships/memberships.ts';
import { listUsers } from '../memberships/memberships.server.ts';
import { villageListSchema } from '../places/places.ts';
import { listVillages } from '../places/places.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Tx } from '../server/db.ts';
import { NotFoundError } from '../server/errors.ts';
import { staffListSchema } from '../staff/staff.ts';
import { listStaff } from '../staff/staff.server.ts';
import { stockItemMatches, stockListSchema } from '../stock/stock.ts';
import { stockView } from '../stock/stock.server.ts';
import { beijingDate } from '../time/beijing.ts';
import { valueOf } from '../units/quantities.ts';
import { listIdField, readListQuery } from './list-query.ts';

export interface ListExport {
  /** What the file and its sheet are called (before the day it was made): 活动, 贫困户名册… */
  title: MessageKey;
  /** Its column heads and rows, `t` writing in the reader's language. */
  rows: (tx: Tx, { actor, params, t, today }: { actor: Actor; params: URLSearchParams; t: (key: MessageKey) => string; today: string }) => Cell[][];
}

export const LIST_EXPORTS: Record<string, ListExport> = {
  events: {
    title: 'event.list',
    rows: (tx, { actor, params, t, today }) => {
      const { rows } = listEvents(tx, { actor, from: today, query: readListQuery(eventListSchema, params) });
      return [
        [t('event.title'), t('event.date'), t('event.time'), t('event.kind'), t('event.organiser'), t('place.village'), t('event.address'), t('event.state')],
        ...rows.map((e) => [
          e.title,
          dayCell(e.date),
          `${e.startTime}–${e.endTime}`,
          t(`eventKind.${e.kind}`),
          e.organiser,
          e.village,
          e.address,
          t(`eventState.${e.state}`),
        ]),
      ];
    },
  },
  households: {
    title: 'household.registerFile',
    rows: (tx, { actor, params, t }) => {
      const { rows } = householdRegister(tx, { actor, query: readListQuery(householdListSchema, params) });
      return [
        [t('household.headName'), t('household.idNumber'), t('place.county'), t('place.township'), t('place.village'), t('household.hamlet'), t('household.people'), t('household.cause'), t('household.status'), t('household.liftedYear'), t('household.phone'), t('household.lastVisit')],
        ...rows.map((h) => [
          h.headName,
          h.idNumberMasked,
          h.county,
          h.township,
          h.village,
          h.hamlet,
          h.members + 1,
          t(`cause.${h.cause}`),
          t(`householdStatus.${h.status}`),
          h.liftedYear,
          h.phone,
          h.lastVisitedAt === null ? null : dayCell(beijingDate(h.lastVisitedAt)),
        ]),
      ];
    },
  },
  villages: {
    title: 'place.villages',
    rows: (tx, { actor, params, t }) => {
      const { rows } = listVillages(tx, { actor, query: readListQuery(villageListSchema, params), page: null });
      return [
        [t('place.city'), t('place.county'), t('place.township'), t('place.name'), t('place.status'), t('household.liftedYear'), t('place.population'), t('place.poorHouseholds')],
        ...rows.map((v) => [v.city, v.county, v.township, v.name, t(`villageStatus.${v.status}`), v.liftedYear, v.population, v.poorHouseholds]),
      ];
    },
  },
  staff: {
    title: 'staff.title',
    rows: (tx, { actor, params, t }) => {
      const institutionId = listIdField.parse(params.get('institution'));
      if (!institutionId) throw new NotFoundError();
      const { rows } = listStaff(tx, { actor, institutionId, query: readListQuery(staffListSchema, params) });
      return [
        [t('staff.name'), t('staff.sex'), t('staff.department'), t('staff.titleLabel'), t('staff.profession'), t('staff.licenceNumber'), t('staff.phone'), t('staff.account')],
        ...rows.map((p) => [p.name, p.sex && t(`sex.${p.sex}`), p.department, p.title, t(`profession.${p.profession}`), p.licenceNumber, p.phone, p.email]),
      ];
    },
  },
  users: {
    title: 'admin.usersTitle',
    rows: (tx, { actor, params, t }) => {
      const { rows } = listUsers(tx, { actor, query: readListQuery(userListSchema, params) });
      return [
        [t('admin.userName'), t('admin.userEmail'), t('admin.userVerified'), t('admin.userMemberships')],
        ...rows.map((u) => [u.name, u.email, u.verified ? '✓' : '', u.memberships.map((m) => `${m.institutionName}（${t(`role.${m.role}`)}）`).join('；')]),
      ];
    },
  },
  institutions: {
    title: 'institution.list',
    rows: (tx, { actor, params, t }) => {
      const { rows } = institutionList(tx, { actor, query: readListQuery(institutionListSchema, params) });
      return [
        [t('institution.name'), t('institution.kind'), t('institution.level'), t('institution.area'), t('institution.contactPhone'), t('institution.members')],
        ...rows.map((row) => [row.name, t(`kind.${row.kind}`), row.level, row.area, row.contactPhone, row.memberCount]),
      ];
    },
  },
  stock: {
    title: 'stock.title',
    rows: (tx, { actor, params, t, today }) => {
      const institutionId = listIdField.parse(params.get('institution'));
      if (!institutionId) throw new NotFoundError();
      const query = readListQuery(stockListSchema, params);
      const items = stockView(tx, { actor, institutionId }, today).filter((item) => stockItemMatches(item, query));
      return [
        [t('stock.item'), t('stock.specification'), t('stock.kind'), t('stock.onHand'), t('purchase.unit'), t('stock.batchNo'), t('stock.expiryDate'), t('stock.unitPrice'), t('stock.value')],
        ...items.flatMap((item) => {
          const batches = item.batches.length > 0 ? item.batches : [null];
          return batches.map((batch) => [
            item.name,
            item.specification,
            t(`itemKind.${item.kind}`),
            batch ? batch.amount : item.amount,
            t(`unit.${item.unit}`),
            batch?.batchNo ?? null,
            batch?.expiryDate ? dayCell(batch.expiryDate) : null,
            item.unitPriceFen / 100,
            (batch ? valueOf(item.unit, batch.quantity, item.unitPriceFen) : item.valueFen) / 100,
          ]);
        }),
      ];
    },
  },
};
