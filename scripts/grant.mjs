// `npm run grant -- <email> <admin|operator> <institution> [province/city/county]`: gives a signed-up account
// a role from the server's console. A new site has no one who may grant roles, so its first bureau's
// administrator and its system operator are made here (README, Starting a real site); the bureau is made,
// placed in the area given, when it is new.
import { translate } from '../src/i18n/index.ts';
import { grantFromConsole } from '../src/lib/memberships/memberships.server.ts';
import { DomainError } from '../src/lib/server/errors.ts';
import { openSiteDatabase } from './site-database.mjs';

const [email, role, institutionName, area = ''] = process.argv.slice(2);
if (!email || (role !== 'admin' && role !== 'operator') || !institutionName) {
  console.error('usage: npm run grant -- <email> <admin|operator> <institution> [province/city/county]\n  e.g. npm run grant -- wang@wjw.example.cn admin 山西省卫生健康委员会 山西省');
  process.exit(1);
}
const { db } = openSiteDatabase();
try {
  const { institution } = grantFromConsole(db, { email, role, institutionName, areaPath: area.split('/').filter(Boolean) });
  console.log(`[yizhen] ${email} is now ${translate('zh-CN', `role.${role}`)} of ${institution.name}`);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(`[yizhen] ${translate('zh-CN', error.message)} ${translate('en', error.message)}`);
  process.exit(1);
}
