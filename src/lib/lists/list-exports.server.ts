// Each list's download: the rows its address asks for (the same query as the page, every page of it), within
// what the reader may see — the list's own domain function does the scoping — as a table in the reader's words.
import { type Locale, type MessageKey, translate } from '#src/i18n/index.ts';
import { dayCell, type Table } from '../downloads/spreadsheet.ts';
import { eventListSchema } from '../events/events.ts';
import { listEvents } from '../events/events.server.ts';
import { householdListSchema } from '../households/households.ts';
import { householdRegister } from '../households/households.server.ts';
import { beijingDate } from '../time/beijing.ts';
import { villageListSchema } from '../places/places.ts';
import { listVillages } from '../places/places.server.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Tx } from '../server/db.ts';
import { listIdField, readListQuery } from './list-query.ts';
import { stockItemMatches, stockListSchema } from '../stock/stock.ts';
import { stockView } from '../stock/stock.server.ts';
import { valueOf } from '../units/quantities.ts';
import { institutionListSchema } from '../institutions/institutions.ts';
import { institutionList } from '../institutions/institutions.server.ts';
import { userListSchema } from '../memberships/memberships.ts';
import { listUsers } from '../memberships/memberships.server.ts';
import { NotFoundError } from '../server/errors.ts';
import { staffListSchema } from '../staff/staff.ts';
import { listStaff } from '../staff/staff.server.ts';

export interface ListExport {
  /** What the file is called, before the day it was made: 活动, 贫困户名册… */
  title: MessageKey;
  table: (tx: Tx, { actor, params, locale, today }: { actor: Actor; params: URLSearchParams; locale: Locale; today: string }) => Table;
}

export const LIST_EXPORTS: Record<string, ListExport> = {
  events: {
    title: 'event.list',
    table: (tx, { actor, params, locale, today }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const { rows } = listEvents(tx, { actor, from: today, query: readListQuery(eventListSchema, params) });
      return {
        name: t('event.list'),
        rows: [
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
        ],
      };
    },
  },
  households: {
    title: 'household.registerFile',
    table: (tx, { actor, params, locale }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const { rows } = householdRegister(tx, { actor, query: readListQuery(householdListSchema, params) });
      return {
        name: t('household.registerFile'),
        rows: [
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
        ],
      };
    },
  },
  villages: {
    title: 'place.villages',
    table: (tx, { actor, params, locale }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const { rows } = listVillages(tx, { actor, query: readListQuery(villageListSchema, params), page: null });
      return {
        name: t('place.villages'),
        rows: [
          [t('place.city'), t('place.county'), t('place.township'), t('place.name'), t('place.status'), t('household.liftedYear'), t('place.population'), t('place.poorHouseholds')],
          ...rows.map((v) => [v.city, v.county, v.township, v.name, t(`villageStatus.${v.status}`), v.liftedYear, v.population, v.poorHouseholds]),
        ],
      };
    },
  },
  staff: {
    title: 'staff.title',
    table: (tx, { actor, params, locale }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const institutionId = listIdField.parse(params.get('institution'));
      if (!institutionId) throw new NotFoundError();
      const { rows } = listStaff(tx, { actor, institutionId, query: readListQuery(staffListSchema, params) });
      return {
        name: t('staff.title'),
        rows: [
          [t('staff.name'), t('staff.sex'), t('staff.department'), t('staff.titleLabel'), t('staff.profession'), t('staff.licenceNumber'), t('staff.phone'), t('staff.account')],
          ...rows.map((p) => [p.name, p.sex && t(`sex.${p.sex}`), p.department, p.title, t(`profession.${p.profession}`), p.licenceNumber, p.phone, p.email]),
        ],
      };
    },
  },
  users: {
    title: 'admin.usersTitle',
    table: (tx, { actor, params, locale }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const { rows } = listUsers(tx, { actor, query: readListQuery(userListSchema, params) });
      return {
        name: t('admin.usersTitle'),
        rows: [
          [t('admin.userName'), t('admin.userEmail'), t('admin.userVerified'), t('admin.userMemberships')],
          ...rows.map((u) => [u.name, u.email, u.verified ? '✓' : '', u.memberships.map((m) => `${m.institutionName}（${t(`role.${m.role}`)}）`).join('；')]),
        ],
      };
    },
  },
  institutions: {
    title: 'institution.list',
    table: (tx, { actor, params, locale }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const { rows } = institutionList(tx, { actor, query: readListQuery(institutionListSchema, params) });
      return {
        name: t('institution.list'),
        rows: [
          [t('institution.name'), t('institution.kind'), t('institution.level'), t('institution.area'), t('institution.contactPhone'), t('institution.members')],
          ...rows.map((row) => [row.name, t(`kind.${row.kind}`), row.level, row.area, row.contactPhone, row.memberCount]),
        ],
      };
    },
  },
  stock: {
    title: 'stock.title',
    table: (tx, { actor, params, locale, today }) => {
      const t = (key: MessageKey) => translate(locale, key);
      const institutionId = listIdField.parse(params.get('institution'));
      if (!institutionId) throw new NotFoundError();
      const query = readListQuery(stockListSchema, params);
      const items = stockView(tx, { actor, institutionId }, today).filter((item) => stockItemMatches(item, query));
      return {
        name: t('stock.title'),
        rows: [
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
        ],
      };
    },
  },
};
