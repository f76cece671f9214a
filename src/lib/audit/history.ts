// How a record's history reads: each changed field by the label its form uses, each value as the page shows it.
import { EVENT_OUTCOME_NAMES, type EventOutcome } from '#db/schema.ts';
import type { MessageKey } from '#src/i18n/index.ts';

/** The label of each field a history can show, by record kind; a field not listed is shown by its name. */
export const FIELD_LABELS: Record<string, Record<string, MessageKey>> = {
  event: {
    kind: 'event.kind',
    title: 'event.title',
    campaignId: 'event.campaign',
    date: 'event.date',
    startTime: 'event.startTime',
    endTime: 'event.endTime',
    villageId: 'event.village',
    address: 'event.address',
    lat: 'place.lat',
    lng: 'place.lng',
    services: 'event.services',
    expectedAttendance: 'event.expectedAttendance',
    notes: 'event.notes',
    ...(Object.fromEntries(EVENT_OUTCOME_NAMES.map((name) => [name, `eventOutcome.${name}`])) as Record<EventOutcome, MessageKey>),
  },
  role: { kind: 'event.roleKind', specialty: 'event.specialty', requirement: 'event.requirement', partId: 'programme.rolePart' },
  part: { kind: 'programme.kind', title: 'programme.name', startTime: 'event.startTime', endTime: 'event.endTime', place: 'programme.place' },
  shift: { startsAt: 'event.startTime', endsAt: 'event.endTime', capacity: 'event.capacity' },
  household: {
    headName: 'household.headName',
    hamlet: 'household.hamlet',
    phone: 'household.phone',
    address: 'household.address',
    cause: 'household.cause',
    status: 'household.status',
    liftedYear: 'household.liftedYear',
    countyDoctor: 'household.countyDoctor',
    townshipDoctor: 'household.townshipDoctor',
    villageDoctor: 'household.villageDoctor',
    lat: 'place.lat',
    lng: 'place.lng',
  },
  household_member: {
    name: 'household.memberName',
    relation: 'household.relation',
    birthYear: 'household.birthYear',
    sex: 'household.sex',
    disabilityGrade: 'household.disabilityGrade',
    chronicIllness: 'household.chronicIllness',
    majorIllness: 'household.majorIllness',
  },
  pairing: { responsibleName: 'pairing.responsibleName', obligation: 'pairing.obligation', endDate: 'pairing.endDate' },
  staff: {
    name: 'staff.name',
    sex: 'staff.sex',
    title: 'staff.titleLabel',
    department: 'staff.department',
    profession: 'staff.profession',
    licenceNumber: 'staff.licenceNumber',
    phone: 'staff.phone',
  },
  village: {
    name: 'place.name',
    status: 'place.status',
    liftedYear: 'place.liftedYear',
    population: 'place.population',
    poorHouseholds: 'place.poorHouseholds',
    doctorName: 'place.doctorName',
    doctorPhone: 'place.doctorPhone',
    secretaryName: 'place.secretaryName',
    secretaryPhone: 'place.secretaryPhone',
    lat: 'place.lat',
    lng: 'place.lng',
  },
  institution: {
    name: 'institution.name',
    kind: 'institution.kind',
    level: 'institution.level',
    parentId: 'institution.parent',
    contactName: 'institution.contactName',
    contactPhone: 'institution.contactPhone',
    address: 'institution.address',
    areaId: 'institution.area',
  },
  campaign: { name: 'campaign.name', startDate: 'campaign.startDate', endDate: 'campaign.endDate', description: 'campaign.description' },
  vehicle: { plate: 'vehicle.plate', kind: 'vehicle.kind', seats: 'vehicle.seats' },
  item: {
    name: 'stock.name',
    kind: 'stock.kind',
    unit: 'stock.unit',
    unitPriceFen: 'stock.unitPrice',
    genericName: 'stock.genericName',
    specification: 'stock.specification',
    dosageForm: 'stock.dosageForm',
  },
  purchase: {
    buyerUnit: 'purchase.buyerUnit',
    sellerKind: 'purchase.sellerKind',
    villageId: 'purchase.village',
    householdId: 'purchase.household',
    sellerName: 'purchase.sellerName',
    product: 'purchase.product',
    unit: 'purchase.unit',
    quantityOrdered: 'purchase.quantityOrdered',
    quantityDelivered: 'purchase.quantityDelivered',
    unitPriceFen: 'purchase.unitPrice',
    totalFen: 'purchase.total',
    deliveryDate: 'purchase.deliveryDate',
  },
};

/** Fields whose values are dictionary words, `<prefix>.<value>` (each of them for a list), by record kind. */
export const VALUE_WORDS: Record<string, Record<string, string>> = {
  event: { kind: 'eventKind', services: 'service' },
  role: { kind: 'eventRole', requirement: 'requirement' },
  part: { kind: 'programmePart' },
  household: { cause: 'cause', status: 'householdStatus' },
  household_member: { sex: 'sex' },
  village: { status: 'villageStatus' },
  staff: { sex: 'sex', profession: 'profession' },
  pairing: { obligation: 'obligation' },
  institution: { kind: 'kind' },
  vehicle: { kind: 'vehicleKind' },
  item: { kind: 'itemKind', unit: 'unit' },
  purchase: { sellerKind: 'sellerKind', unit: 'unit' },
};

/** Fields that hold fen, shown in yuan as the forms take them. */
export function isMoneyField(field: string): boolean {
  return /Fen$/.test(field);
}

/** Fields that hold an instant (milliseconds), shown as a Beijing date and time. */
export function isInstantField(field: string): boolean {
  return /At$/.test(field);
}
