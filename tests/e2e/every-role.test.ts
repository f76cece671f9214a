// The coordinators of two hospitals, walked on a phone in both languages (tests/setup/role-walk.ts).
import { walkEveryRole } from '../setup/role-walk.ts';

walkEveryRole(['coordinator', 'otherCoordinator']);
