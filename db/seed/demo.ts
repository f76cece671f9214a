// Demo data drawn from the source reports: the Changchun health commission and the ten institutions that
// visited 刘家屯村 on Poverty Alleviation Day 2019, Qinyuan county's health bureau and people's hospital, and
// Gongjing district's health bureau, whose cadre 周川 is resident in 成佳镇刘家村.
// One account per role; each bureau administers its own area, and the system operator runs the site.
import { count } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { campaignParticipants, campaigns, institutions, memberships, type Role, users, type InstitutionKind } from '../schema.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { ensureAreaPath } from '../../src/lib/places/places.server.ts';
import { seedDemoOutreach } from './outreach.ts';
import { seedDemoVisits } from './visits.ts';
import { seedDemoPlaces } from './places.ts';
import { seedDemoTeams } from './teams.ts';
import { seedDemoGongjing } from './gongjing.ts';

export const DEMO_PASSWORD = 'yizhen-demo-2019';

interface DemoInstitution {
  name: string;
  kind: InstitutionKind;
  level?: string;
  parent?: string;
  contactPhone?: string;
  address?: string;
  /** Where it sits: province, city and county names, from the top. */
  area: string[];
}

const CHANGCHUN = '长春市卫生健康委员会';
const QINYUAN = '沁源县卫生健康局';
const GONGJING = '自贡市贡井区卫生健康局';
export const KUANCHENG = '宽城区卫生健康局';

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  { name: CHANGCHUN, kind: 'bureau', contactPhone: '0431-84692117', address: '吉林省长春市', area: ['吉林省', '长春市'] },
  { name: '长春市中心医院', kind: 'hospital', level: '三级甲等', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市妇产医院', kind: 'hospital', level: '三级甲等', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市中医院', kind: 'hospital', level: '三级甲等', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '吉林省肝胆病医院', kind: 'hospital', level: '三级甲等', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市传染病医院', kind: 'hospital', level: '三级甲等', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市第六医院', kind: 'hospital', level: '三级甲等', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市疾病预防控制中心', kind: 'cdc', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市中心血站', kind: 'blood_station', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市妇幼计生中心', kind: 'maternal_child', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  { name: '长春市卫生工作者协会', kind: 'association', parent: CHANGCHUN, area: ['吉林省', '长春市'] },
  // 宽城区's Poverty Alleviation Day (seed 002) was run by four bodies together: the district's health bureau
  // with its culture and tourism bureau, 兰家镇's government and its poverty alleviation office.
  { name: KUANCHENG, kind: 'bureau', parent: CHANGCHUN, address: '吉林省长春市宽城区', area: ['吉林省', '长春市', '宽城区'] },
  { name: '宽城区文化旅游局', kind: 'government', area: ['吉林省', '长春市', '宽城区'] },
  { name: '兰家镇人民政府', kind: 'government', area: ['吉林省', '长春市', '宽城区'] },
  { name: '宽城区扶贫办', kind: 'government', area: ['吉林省', '长春市', '宽城区'] },
  { name: QINYUAN, kind: 'bureau', address: '山西省长治市沁源县', area: ['山西省', '长治市', '沁源县'] },
  { name: '沁源县人民医院', kind: 'hospital', level: '二级甲等', parent: QINYUAN, address: '山西省长治市沁源县', area: ['山西省', '长治市', '沁源县'] },
  { name: '中峪乡卫生院', kind: 'township_centre', parent: QINYUAN, address: '山西省长治市沁源县中峪乡', area: ['山西省', '长治市', '沁源县'] },
  { name: '龙头村卫生室', kind: 'village_clinic', parent: QINYUAN, address: '山西省长治市沁源县中峪乡龙头村', area: ['山西省', '长治市', '沁源县'] },
  { name: GONGJING, kind: 'bureau', address: '四川省自贡市贡井区', area: ['四川省', '自贡市', '贡井区'] },
];

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  institution: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@yizhen.demo', name: '王主任', role: 'admin', institution: CHANGCHUN },
  { email: 'publicity@yizhen.demo', name: '宣传处 李科长', role: 'publicity', institution: CHANGCHUN },
  { email: 'bureau@yizhen.demo', name: '健康扶贫办 赵立新', role: 'coordinator', institution: CHANGCHUN },
  { email: 'coordinator@yizhen.demo', name: '周毅刚', role: 'coordinator', institution: '长春市中心医院' },
  { email: 'member@yizhen.demo', name: '胡少红', role: 'member', institution: '长春市中心医院' },
  { email: 'qinyuan@yizhen.demo', name: '黄向东', role: 'coordinator', institution: '沁源县人民医院' },
  { email: 'qinyuan-admin@yizhen.demo', name: '沁源县卫健局 郭建平', role: 'admin', institution: QINYUAN },
  { email: 'kuancheng@yizhen.demo', name: '宽城区卫健局 孙晓梅', role: 'coordinator', institution: KUANCHENG },
  { email: 'kuancheng-culture@yizhen.demo', name: '宽城区文旅局 刘宏伟', role: 'coordinator', institution: '宽城区文化旅游局' },
  { email: 'operator@yizhen.demo', name: '信息中心 陈运维', role: 'operator', institution: CHANGCHUN },
  { email: 'gongjing-admin@yizhen.demo', name: '贡井区卫健局 吴鸿莉', role: 'admin', institution: GONGJING },
  // A member of his bureau, resident in 刘家村 (db/seed/gongjing.ts): its households and his bureau's stock, nothing more.
  { email: 'zhouchuan@yizhen.demo', name: '周川', role: 'member', institution: GONGJING },
];

export function isDatabaseEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(institutions).get()?.n ?? 0) === 0;
}

/** Loads the demo institutions and accounts into an empty database. */
export async function seedDemoData(db: Db, now = Date.now()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    const ids = new Map<string, number>();
    for (const { parent, area, ...institution } of DEMO_INSTITUTIONS) {
      const row = tx
        .insert(institutions)
        .values({ ...institution, parentId: parent ? ids.get(parent) : null, areaId: ensureAreaPath(tx, area, now), createdAt: now })
        .returning({ id: institutions.id })
        .get();
      ids.set(institution.name, row.id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const id = randomUUID();
      tx.insert(users)
        .values({ id, email: account.email, name: account.name, passwordHash, locale: 'zh-CN', emailVerifiedAt: now, createdAt: now })
        .run();
      tx.insert(memberships).values({ userId: id, institutionId: ids.get(account.institution)!, role: account.role, createdAt: now }).run();
    }
    // Poverty Alleviation Day 2019 (seed 002): the commission's campaign, which all its institutions joined.
    const campaign = tx
      .insert(campaigns)
      .values({ name: '2019年全国扶贫日健康扶贫活动', organiserId: ids.get(CHANGCHUN)!, startDate: '2019-10-10', endDate: '2019-10-20', description: '到包保的刘家屯村走访慰问，各县市区组织二级以上医疗机构送医送药、免费体检。', createdAt: now })
      .returning({ id: campaigns.id })
      .get();
    for (const institution of DEMO_INSTITUTIONS.filter((i) => i.parent === CHANGCHUN)) {
      tx.insert(campaignParticipants).values({ campaignId: campaign.id, institutionId: ids.get(institution.name)!, state: 'accepted', respondedAt: now }).run();
    }
  });
  seedDemoPlaces(db, now);
  seedDemoOutreach(db, now);
  await seedDemoVisits(db, now);
  await seedDemoTeams(db, passwordHash, now);
  await seedDemoGongjing(db, now);
}
