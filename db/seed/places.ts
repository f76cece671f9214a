// Demo places, pairings and households drawn from the source reports: 农安县高家店镇刘家屯村, visited by
// ten Changchun institutions on Poverty Alleviation Day 2019, Qinyuan county's 红沙崖村, 刘家沟村 and 龙头村, and
// 贡井区成佳镇刘家村. Names of household heads are those the reports print, except 刘家村's, which the report
// does not give; ID numbers and coordinates are made up.
import { eq } from 'drizzle-orm';
import { households, institutions, pairings, type VisitObligation, villages } from '../schema.ts';
import { idNumberCheckCharacter, maskIdNumber } from '../../src/lib/households/id-number.ts';
import { ensureTownship } from '../../src/lib/places/places.server.ts';
import type { Db, Tx } from '../../src/lib/server/db.ts';
import { idVault } from '../../src/lib/server/id-vault.ts';

const NONGAN = { province: '吉林省', city: '长春市', county: '农安县', township: '高家店镇' };
const QINYUAN = { province: '山西省', city: '长治市', county: '沁源县', township: '赤石桥乡' };
const ZHONGYU = { ...QINYUAN, township: '中峪乡' };
const CHENGJIA = { province: '四川省', city: '自贡市', county: '贡井区', township: '成佳镇' };
/** The region code that begins the made-up ID numbers of each county's households. */
const REGION_CODES: Record<string, string> = { 农安县: '220122', 宽城区: '220103', 沁源县: '140431', 贡井区: '510303' };

const DEMO_VILLAGES = [
  { path: NONGAN, name: '刘家屯村', population: 1260, poorHouseholds: 42, lat: 44.5213, lng: 124.9702, doctorName: '王村医' },
  { path: { ...NONGAN, county: '宽城区', township: '兰家镇' }, name: '东道村', population: 980, poorHouseholds: 18, lat: 44.0537, lng: 125.3318 },
  { path: QINYUAN, name: '红沙崖村', population: 640, poorHouseholds: 57, lat: 36.5531, lng: 112.3826, secretaryName: '赵永春' },
  { path: QINYUAN, name: '刘家沟村', population: 520, poorHouseholds: 39, lat: 36.5712, lng: 112.4104 },
  { path: ZHONGYU, name: '龙头村', population: 430, poorHouseholds: 21, lat: 36.6198, lng: 112.2011, doctorName: '王军' },
  { path: CHENGJIA, name: '刘家村', population: 1860, poorHouseholds: 64, lat: 29.3905, lng: 104.6061 },
];

// Village pairings: the institutions of seed 002 with 刘家屯村 (monthly), 沁源县人民医院 with its two villages (weekly).
const VILLAGE_PAIRINGS: [string, string, VisitObligation][] = [
  ['长春市中心医院', '刘家屯村', 'monthly'],
  ['长春市中医院', '刘家屯村', 'monthly'],
  ['吉林省肝胆病医院', '刘家屯村', 'monthly'],
  ['长春市传染病医院', '刘家屯村', 'monthly'],
  ['长春市第六医院', '刘家屯村', 'monthly'],
  ['沁源县人民医院', '红沙崖村', 'weekly'],
  ['沁源县人民医院', '刘家沟村', 'weekly'],
];

// Household pairings (包保户), each with its responsible institution.
const DEMO_HOUSEHOLDS: { head: string; village: string; hamlet?: string; cause: 'illness' | 'disability' | 'lack_of_labour'; institution: string }[] = [
  { head: '孙广森', village: '刘家屯村', cause: 'illness', institution: '长春市妇产医院' },
  { head: '林江', village: '刘家屯村', hamlet: '2组', cause: 'illness', institution: '长春市疾病预防控制中心' },
  { head: '林秀志', village: '刘家屯村', hamlet: '2组', cause: 'disability', institution: '长春市疾病预防控制中心' },
  { head: '黄希荣', village: '刘家屯村', cause: 'lack_of_labour', institution: '长春市中心血站' },
  { head: '杜井富', village: '刘家屯村', cause: 'illness', institution: '长春市中心血站' },
  { head: '李文俊', village: '刘家屯村', cause: 'illness', institution: '长春市妇幼计生中心' },
  { head: '倪殿义', village: '刘家屯村', cause: 'illness', institution: '长春市卫生工作者协会' },
  { head: '崔右海', village: '刘家屯村', cause: 'disability', institution: '长春市卫生工作者协会' },
  { head: '阴永龙', village: '刘家沟村', cause: 'illness', institution: '沁源县人民医院' },
  // Seed 004: after his carotid stent in 2018, followed up by a family doctor team (db/seed/teams.ts).
  { head: '王文中', village: '龙头村', cause: 'illness', institution: '沁源县人民医院' },
  // Seed 001: the households 周川 visits in his first week, whose 帮扶 is his bureau's (db/seed/gongjing.ts).
  { head: '刘德全', village: '刘家村', hamlet: '3组', cause: 'illness', institution: '自贡市贡井区卫生健康局' },
  { head: '刘素芬', village: '刘家村', hamlet: '3组', cause: 'illness', institution: '自贡市贡井区卫生健康局' },
  { head: '陈永贵', village: '刘家村', hamlet: '5组', cause: 'disability', institution: '自贡市贡井区卫生健康局' },
];

/** A made-up but well-formed ID number: the county's region code, a birth date and a sequence. */
export function demoIdNumber(region: string, n: number): string {
  const first17 = `${region}${1950 + (n % 40)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(100 + n).slice(-3)}`;
  return first17 + idNumberCheckCharacter(first17);
}

function idOf(tx: Tx, table: typeof institutions | typeof villages, name: string): number {
  const row = tx.select({ id: table.id }).from(table).where(eq(table.name, name)).get();
  if (!row) throw new Error(`demo data: no ${name}`);
  return row.id;
}

export function seedDemoPlaces(db: Db, now = Date.now()): void {
  const vault = idVault();
  db.transaction((tx) => {
    for (const { path, ...village } of DEMO_VILLAGES) {
      tx.insert(villages).values({ ...village, townshipId: ensureTownship(tx, path, now), enteredIn: 'WGS84', createdAt: now }).run();
    }
    const startDate = '2019-01-01';
    for (const [institution, village, obligation] of VILLAGE_PAIRINGS) {
      tx.insert(pairings)
        .values({ institutionId: idOf(tx, institutions, institution), target: 'village', villageId: idOf(tx, villages, village), startDate, obligation, createdAt: now })
        .run();
    }
    DEMO_HOUSEHOLDS.forEach((h, n) => {
      const idNumber = demoIdNumber(REGION_CODES[DEMO_VILLAGES.find((v) => v.name === h.village)!.path.county], n);
      const household = tx
        .insert(households)
        .values({
          villageId: idOf(tx, villages, h.village),
          hamlet: h.hamlet ?? null,
          headName: h.head,
          idNumberCipher: vault.encrypt(idNumber),
          idNumberIndex: vault.index(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          cause: h.cause,
          createdAt: now,
        })
        .returning({ id: households.id })
        .get();
      tx.insert(pairings)
        .values({ institutionId: idOf(tx, institutions, h.institution), target: 'household', householdId: household.id, startDate, obligation: 'monthly', createdAt: now })
        .run();
    });
  });
}
