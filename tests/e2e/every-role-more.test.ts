// A member, a publicity office and the system operator, walked on a phone in both languages (tests/setup/role-walk.ts).
import { walkEveryRole } from '../setup/role-walk.ts';

walkEveryRole(['member', 'publicity', 'operator']);
