// Demo outreach drawn from the source reports: 长春市中心医院's visit to 刘家屯村 in the 2019 Poverty
// Alleviation Day campaign (seed 002: quilts donated by staff, medicines, an ambulance) with its staff list,
// and 沁源县人民医院's purchases in 刘家沟村 and its money and goods of 2020 for its two villages (seed 004: cash
// support of ¥6,200 to old party members and 阴永龙, ¥20,000 of support funds to 红沙崖村's collective, ¥10,150
// of goods; the report gives no dates, so these are made up).
// Written through the domain functions, as the coordinators would enter them.
import { eq } from 'drizzle-orm';
import { campaigns, households, users, villages } from '../schema.ts';
import { donationSchema } from '../../src/lib/donations/donations.ts';
import { recordDonation } from '../../src/lib/donations/donations.server.ts';
import { eventSchema, partSchema } from '../../src/lib/events/events.ts';
import { completeEvent, createEvent, publishEvent } from '../../src/lib/events/events.server.ts';
import { addPart } from '../../src/lib/events/programme.server.ts';
import { handoutSchema } from '../../src/lib/handouts/handouts.ts';
import { recordHandouts } from '../../src/lib/handouts/handouts.server.ts';
import { purchaseSchema } from '../../src/lib/purchases/purchases.ts';
import { recordDelivery, recordPurchase } from '../../src/lib/purchases/purchases.server.ts';
import { loadActor } from '../../src/lib/server/auth/scope.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { staffSchema } from '../../src/lib/staff/staff.ts';
import { addStaff } from '../../src/lib/staff/staff.server.ts';
import { createItem, receiveStock } from '../../src/lib/stock/stock.server.ts';
import { itemSchema, receiptSchema } from '../../src/lib/stock/stock.ts';
import { dispatchSchema, vehicleSchema } from '../../src/lib/vehicles/vehicles.ts';
import { addVehicle, dispatchVehicle } from '../../src/lib/vehicles/vehicles.server.ts';
import { beijingDate } from '../../src/lib/time/beijing.ts';

const actorOf = (db: Db, email: string) => loadActor(db, db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id);
const villageOf = (db: Db, name: string) => String(db.select({ id: villages.id }).from(villages).where(eq(villages.name, name)).get()!.id);

export function seedDemoOutreach(db: Db, now = Date.now()): void {
  const changchun = actorOf(db, 'coordinator@yizhen.demo');
  const hospital = String(changchun.memberships[0].institutionId);
  const today = beijingDate(now);

  for (const person of [
    { name: '周丽华', sex: 'female', department: '心内科', title: '主任医师', profession: 'doctor', licenceNumber: '220104100010001', phone: '13904311001' },
    { name: '陈静', sex: 'female', department: '护理部', title: '护士长', profession: 'nurse', phone: '13904311002' },
    { name: '孙立强', sex: 'male', department: '车队', profession: 'driver', phone: '13904311003' },
  ]) {
    addStaff(db, { actor: changchun, input: staffSchema.parse({ institutionId: hospital, ...person }) }, now);
  }
  const ambulance = addVehicle(db, { actor: changchun, input: vehicleSchema.parse({ institutionId: hospital, plate: '吉A·12001', kind: 'ambulance', seats: '4' }) }, now);

  const quilts = createItem(db, { actor: changchun, input: itemSchema.parse({ institutionId: hospital, name: '棉被', kind: 'quilt', unit: 'bed', unitPrice: '120' }) }, now);
  const medicine = createItem(db, { actor: changchun, input: itemSchema.parse({ institutionId: hospital, name: '板蓝根颗粒', kind: 'drug', unit: 'pack', unitPrice: '15', genericName: '板蓝根颗粒', specification: '10g×20袋', dosageForm: '颗粒剂' }) }, now);
  receiveStock(db, { actor: changchun, input: receiptSchema.parse({ itemId: String(quilts.id), amount: '10', source: 'donated_staff', donor: '市中心医院职工' }) }, today, now);
  receiveStock(db, { actor: changchun, input: receiptSchema.parse({ itemId: String(medicine.id), amount: '200', batchNo: '20260615', expiryDate: '2028-06-30', source: 'bought' }) }, today, now);

  const campaignId = db.select({ id: campaigns.id }).from(campaigns).get()!.id;
  const liujiatun = villageOf(db, '刘家屯村');
  const visit = createEvent(db, {
    actor: changchun,
    input: eventSchema.parse({ organiserId: hospital, campaignId: String(campaignId), kind: 'visit_round', title: '刘家屯村入户走访慰问', date: '2019-10-15', startTime: '09:00', endTime: '12:00', villageId: liujiatun, services: ['blood_pressure', 'blood_sugar', 'medicines'], notes: '赠送棉被等御寒物品，询问身体情况并进行健康指导。' }),
  }, now);
  // Its morning as the report tells it: a word with the village's cadres, then the round of the poor households.
  addPart(db, { actor: changchun, eventId: visit.id, input: partSchema.parse({ eventId: String(visit.id), kind: 'ceremony', title: '慰问座谈', startTime: '09:00', endTime: '09:30', place: '刘家屯村村委会' }) }, now);
  addPart(db, { actor: changchun, eventId: visit.id, input: partSchema.parse({ eventId: String(visit.id), kind: 'rounds', startTime: '09:30', endTime: '12:00', place: '7户贫困户家中' }) }, now);
  publishEvent(db, { actor: changchun, eventId: visit.id }, now);
  recordHandouts(db, { actor: changchun, input: handoutSchema.parse({ eventId: String(visit.id), recipient: '刘家屯村7户贫困户', quantities: { [quilts.id]: '7', [medicine.id]: '50' } }) }, now);
  dispatchVehicle(db, {
    actor: changchun,
    input: dispatchSchema.parse({ vehicleId: String(ambulance.id), eventId: String(visit.id), driver: '孙立强', crew: '周丽华、陈静', outDate: '2019-10-15', outTime: '07:30', backDate: '2019-10-15', backTime: '13:00', distanceKm: '86', villageIds: [liujiatun] }),
  }, now);
  completeEvent(db, { actor: changchun, eventId: visit.id, outcomes: { peopleSeen: null } }, now);

  const qinyuan = actorOf(db, 'qinyuan@yizhen.demo');
  const county = String(qinyuan.memberships[0].institutionId);
  const liujiagou = villageOf(db, '刘家沟村');
  const potatoes = recordPurchase(db, { actor: qinyuan, input: purchaseSchema.parse({ institutionId: county, buyerUnit: '食堂', sellerKind: 'village_collective', sellerName: '刘家沟村集体', villageId: liujiagou, product: '土豆', unit: 'jin', quantityOrdered: '23000', unitPrice: '0.85', deliveryDate: '2019-10-12' }) }, now);
  recordDelivery(db, { actor: qinyuan, purchaseId: potatoes.id, quantityDelivered: 22_980 }, now);
  recordPurchase(db, { actor: qinyuan, input: purchaseSchema.parse({ institutionId: county, sellerKind: 'cooperative', sellerName: '刘家沟食用菌合作社', villageId: liujiagou, product: '香菇', unit: 'jin', quantityOrdered: '1500', unitPrice: '12', deliveryDate: '2019-10-12' }) }, now);
  const hongshaya = villageOf(db, '红沙崖村');
  const yinYonglong = String(db.select({ id: households.id }).from(households).where(eq(households.headName, '阴永龙')).get()!.id);
  for (const gift of [
    // "「七一」期间为两村六名贫困老党员送去慰问金1200元": three in each village.
    { kind: 'cash', date: '2020-07-01', amount: '600', recipientKind: 'group', recipientName: '贫困老党员', groupSize: '3', villageId: hongshaya, purpose: '七一慰问', approvedBy: '院党委' },
    { kind: 'cash', date: '2020-07-01', amount: '600', recipientKind: 'group', recipientName: '贫困老党员', groupSize: '3', villageId: liujiagou, purpose: '七一慰问', approvedBy: '院党委' },
    { kind: 'cash', date: '2020-08-12', amount: '5000', recipientKind: 'household', householdId: yinYonglong, purpose: '解决看病生活问题', approvedBy: '院党委' },
    { kind: 'cash', date: '2020-09-20', amount: '20000', recipientKind: 'village', villageId: hongshaya, purpose: '村级组织活动场所工程结算缺口资金', approvedBy: '院党委' },
    { kind: 'in_kind', date: '2020-03-15', amount: '1500', description: '护林防火用品', recipientKind: 'village', villageId: hongshaya },
    { kind: 'in_kind', date: '2020-03-15', amount: '1500', description: '护林防火用品', recipientKind: 'village', villageId: liujiagou },
    { kind: 'in_kind', date: '2020-05-08', amount: '3000', description: '垃圾桶', recipientKind: 'village', villageId: liujiagou, purpose: '配合牡丹节' },
    { kind: 'in_kind', date: '2020-06-18', amount: '4150', description: '会议桌椅', recipientKind: 'village', villageId: hongshaya },
  ]) {
    recordDonation(db, { actor: qinyuan, input: donationSchema.parse({ institutionId: county, ...gift }) }, now);
  }
}
