// The database schema. Times are integer milliseconds since the epoch (UTC) unless a column says
// otherwise; money is integer fen and weights integer grams (docs/decisions/0003-integers-for-money.md).
// Only portable column types are used so that PostgreSQL can follow.
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ADDITIVE_NAMES, type AdditiveName, DISTINCT_FIGURES, type DistinctFigure } from '../src/lib/tallies/figures.ts';

export const INSTITUTION_KINDS = [
  'bureau', // 卫健委 / 卫健局
  'hospital', // 医院
  'cdc', // 疾控中心
  'blood_station', // 中心血站
  'maternal_child', // 妇幼保健院
  'township_centre', // 乡镇卫生院
  'community_centre', // 社区卫生服务中心
  'village_clinic', // 村卫生室
  'association', // 协会
  'government', // 党政机关：文旅局、镇政府、扶贫办…，联合主办活动的伙伴
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
/** Bodies that run events with health institutions but are not one: never counted as 参与医疗机构. */
export const PARTNER_KINDS = ['government'] as const satisfies readonly InstitutionKind[];

// operator: runs the site (mail log, data-interface tokens) and reads no institution's data.
export const ROLES = ['admin', 'coordinator', 'member', 'publicity', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * One CHECK for each column of a table whose values the code lists (kinds, states, units…), so that the
 * database holds to them too. Made from the columns, so a value added to a list changes its check.
 */
function enumChecks(table: string, columns: Record<string, AnySQLiteColumn>) {
  return Object.values(columns)
    .filter((column) => column.enumValues?.length)
    .map((column) => check(`${table}_${column.name}_values`, sql`${column} IN (${sql.raw(column.enumValues!.map((value) => `'${value}'`).join(', '))})`));
}

/** A column's name for a field's: the same in snake case. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A not-null integer column for each additive tally figure, the column named as the figure in snake case. */
function additiveFigureColumns() {
  const column = (name: AdditiveName) => integer(snakeCase(name)).notNull();
  return Object.fromEntries(ADDITIVE_NAMES.map((name) => [name, column(name)])) as { [K in AdditiveName]: ReturnType<typeof column> };
}

/** The columns of a line of goods in the running totals: the kind and unit, and the net quantity and value. */
function goodsColumns() {
  return {
    kind: text('kind', { enum: ITEM_KINDS }).notNull(),
    unit: text('unit', { enum: ITEM_UNITS }).notNull(),
    quantity: integer('quantity').notNull(),
    valueFen: integer('value_fen').notNull(),
  };
}

/** The columns of a product's purchases kept by the running totals: by name and measure (weights, or cases). */
function productColumns() {
  return {
    product: text('product').notNull(),
    unit: text('unit', { enum: ['jin', 'case'] }).notNull(),
    // Delivered (weighed) amounts, ordered amounts of those not yet weighed, both together, and the value.
    weighed: integer('weighed').notNull(),
    orderedOnly: integer('ordered_only').notNull(),
    quantity: integer('quantity').notNull(),
    valueFen: integer('value_fen').notNull(),
  };
}

// Set by the application rather than by an SQL default, which differs between SQLite and PostgreSQL.
const createdAt = () =>
  integer('created_at', { mode: 'number' })
    .notNull()
    .$defaultFn(() => Date.now());

export const institutions = sqliteTable(
  'institutions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: INSTITUTION_KINDS }).notNull(),
    // e.g. 三级甲等; free text because levels differ by kind of institution
    level: text('level'),
    parentId: integer('parent_id').references((): AnySQLiteColumn => institutions.id),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    // Where the institution sits in the area tree (a city hospital in its city, a county bureau in its county);
    // set by an administrator. Empty only for institutions made before institutions had a place.
    areaId: integer('area_id').references((): AnySQLiteColumn => areas.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('institutions_name_unique').on(t.name), index('institutions_parent_idx').on(t.parentId), index('institutions_area_idx').on(t.areaId), ...enumChecks('institutions', t)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull().default('zh-CN'),
    emailVerifiedAt: integer('email_verified_at', { mode: 'number' }),
    // 医师执业证书编码, given by doctors themselves: roles for licensed doctors require it, and the organiser
    // checks it against the national register of practising doctors.
    doctorLicence: text('doctor_licence'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), ...enumChecks('users', t)],
);

// Lucia's table: expires_at is in seconds, as its adapter writes it.
export const sessions = sqliteTable(
  'sessions',
  {
    // The SHA-256 of the session id (storedSessionId); only the cookie carries the id itself.
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_user_institution_unique').on(t.userId, t.institutionId),
    index('memberships_institution_idx').on(t.institutionId),
    ...enumChecks('memberships', t),
  ],
);

export const EMAIL_TOKEN_PURPOSES = ['verify_email', 'reset_password'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

// Only a hash of each token is stored, so a copy of the database cannot be used to take over accounts.
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose), ...enumChecks('email_tokens', t)],
);

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Sent as the Message-ID header, so a receiving server can drop a copy delivered twice after a crash.
    messageId: text('message_id').notNull(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: OUTBOX_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'number' }).notNull(),
    // While state is 'sending': when the claim lapses and another sender may try again.
    leaseUntil: integer('lease_until', { mode: 'number' }),
    lastError: text('last_error'),
    // Files sent with the message (e.g. an .ics invitation), as a JSON array of {filename, contentType, content}.
    attachments: text('attachments'),
    sentAt: integer('sent_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_message_id_unique').on(t.messageId), index('outbox_due_idx').on(t.state, t.nextAttemptAt), ...enumChecks('outbox', t)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: createdAt(),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_created_idx').on(t.createdAt)],
);

/**
 * Posted forms, by the key each form carries (or one the site chose): the first post claims the key and keeps
 * its outcome, so a second post of the same form (a double tap, Back and submit again) writes nothing and
 * shows the first one's outcome, and the page the browser is sent to after a post can show it. Kept a day.
 */
export const formSubmissions = sqliteTable(
  'form_submissions',
  {
    key: text('key').primaryKey(),
    // Who posted it (null before logging in); another person's key replays nothing.
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    // The action's outcome as Astro serialises it; null while the first post is still being handled.
    result: text('result'),
    createdAt: createdAt(),
  },
  (t) => [index('form_submissions_created_idx').on(t.createdAt)],
);

export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
});

// ——— Places: administrative areas, villages ———

export const AREA_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Province › city › county/district › township; villages hang under a township (see `villages`). */
export const areas = sqliteTable(
  'areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => areas.id),
    level: text('level', { enum: AREA_LEVELS }).notNull(),
    name: text('name').notNull(),
    // 国家级贫困县: only meaningful for counties.
    povertyCounty: integer('poverty_county', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('areas_parent_name_unique').on(t.parentId, t.name), index('areas_level_idx').on(t.level), ...enumChecks('areas', t)],
);

export const COORDINATE_SYSTEMS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

export const VILLAGE_STATUSES = ['poverty_village', 'lifted', 'not_poor'] as const;
export type VillageStatus = (typeof VILLAGE_STATUSES)[number];

// Locations are stored in WGS-84 (lat/lng), with the system they were typed in, for the record.
const location = () => ({
  lat: real('lat'),
  lng: real('lng'),
  enteredIn: text('entered_in', { enum: COORDINATE_SYSTEMS }),
});

export const villages = sqliteTable(
  'villages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    townshipId: integer('township_id')
      .notNull()
      .references(() => areas.id),
    name: text('name').notNull(),
    status: text('status', { enum: VILLAGE_STATUSES }).notNull().default('poverty_village'),
    liftedYear: integer('lifted_year'),
    population: integer('population'),
    poorHouseholds: integer('poor_households'),
    doctorName: text('doctor_name'),
    doctorPhone: text('doctor_phone'),
    secretaryName: text('secretary_name'),
    secretaryPhone: text('secretary_phone'),
    ...location(),
    createdAt: createdAt(),
  },
  // By name alone too: imports find a household's village by its name.
  (t) => [uniqueIndex('villages_township_name_unique').on(t.townshipId, t.name), index('villages_name_idx').on(t.name), ...enumChecks('villages', t)],
);

// ——— The household register (一户一档) ———

export const POVERTY_CAUSES = ['illness', 'disability', 'education', 'lack_of_labour', 'disaster', 'lack_of_land', 'other'] as const;
export const HOUSEHOLD_STATUSES = ['registered', 'lifted', 'monitoring'] as const;

export const households = sqliteTable(
  'households',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    // 屯 / 组 within the village
    hamlet: text('hamlet'),
    headName: text('head_name').notNull(),
    // 身份证号 of the head: AES-256-GCM ciphertext, a keyed hash for finding duplicates, and the masked form shown.
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    phone: text('phone'),
    address: text('address'),
    cause: text('cause', { enum: POVERTY_CAUSES }).notNull(),
    status: text('status', { enum: HOUSEHOLD_STATUSES }).notNull().default('registered'),
    liftedYear: integer('lifted_year'),
    countyDoctor: text('county_doctor'),
    townshipDoctor: text('township_doctor'),
    villageDoctor: text('village_doctor'),
    ...location(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('households_id_number_unique').on(t.idNumberIndex), index('households_village_idx').on(t.villageId), ...enumChecks('households', t)],
);

export const SEXES = ['male', 'female'] as const;
/** Why a member left the household: 死亡, 迁出, 分户, 出嫁/入赘, 其他. */
export const MEMBER_REMOVAL_REASONS = ['deceased', 'moved_out', 'split', 'married_out', 'other'] as const;

export const householdMembers = sqliteTable(
  'household_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    birthYear: integer('birth_year'),
    sex: text('sex', { enum: SEXES }),
    // 残疾等级 1–4
    disabilityGrade: integer('disability_grade'),
    // 慢病 / 大病 recognised (认定), free text such as "高血压、糖尿病"
    chronicIllness: text('chronic_illness'),
    majorIllness: text('major_illness'),
    // A member who left the household (died, moved away…) stays on record with the date and the reason.
    removedOn: text('removed_on'),
    removalReason: text('removal_reason', { enum: MEMBER_REMOVAL_REASONS }),
    removalNote: text('removal_note'),
  },
  (t) => [index('household_members_household_idx').on(t.householdId), ...enumChecks('household_members', t)],
);

// ——— Pairings (包保 / 结对帮扶 / 对口帮扶 / 包联) ———

export const PAIRING_TARGETS = ['village', 'township', 'household', 'county'] as const;
export type PairingTarget = (typeof PAIRING_TARGETS)[number];
export const VISIT_OBLIGATIONS = ['weekly', 'monthly', 'quarterly', 'none'] as const;
export type VisitObligation = (typeof VISIT_OBLIGATIONS)[number];

/** The terms of a pairing, for a pairing and for a request for one (each table gets columns of its own). */
const pairingTerms = () => ({
  institutionId: integer('institution_id')
    .notNull()
    .references(() => institutions.id),
  target: text('target', { enum: PAIRING_TARGETS }).notNull(),
  // Exactly one of these is set, matching `target` (township and county pairings use area_id).
  villageId: integer('village_id').references(() => villages.id),
  areaId: integer('area_id').references(() => areas.id),
  householdId: integer('household_id').references(() => households.id, { onDelete: 'cascade' }),
  // Calendar dates in Beijing time, 'YYYY-MM-DD'.
  startDate: text('start_date').notNull(),
  endDate: text('end_date'),
  // 包保责任人: a staff member, by name until the staff roster exists.
  responsibleName: text('responsible_name'),
  obligation: text('obligation', { enum: VISIT_OBLIGATIONS }).notNull().default('monthly'),
});

/** A pairing's (or a request's) target is exactly the one its kind names, and it ends no earlier than it starts. */
function pairingTermChecks(table: string, t: { target: AnySQLiteColumn; villageId: AnySQLiteColumn; areaId: AnySQLiteColumn; householdId: AnySQLiteColumn; startDate: AnySQLiteColumn; endDate: AnySQLiteColumn }) {
  return [
    check(
      `${table}_one_target`,
      sql`(${t.target} = 'village' AND ${t.villageId} IS NOT NULL AND ${t.areaId} IS NULL AND ${t.householdId} IS NULL)
        OR (${t.target} = 'household' AND ${t.householdId} IS NOT NULL AND ${t.villageId} IS NULL AND ${t.areaId} IS NULL)
        OR (${t.target} IN ('township', 'county') AND ${t.areaId} IS NOT NULL AND ${t.villageId} IS NULL AND ${t.householdId} IS NULL)`,
    ),
    check(`${table}_end_after_start`, sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ];
}

export const pairings = sqliteTable(
  'pairings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...pairingTerms(),
    // Kept by visit records (a visit to a household counts for its village too); a village, township or county
    // pairing may also be marked visited by hand.
    lastVisitedAt: integer('last_visited_at', { mode: 'number' }),
    // When the pairing was ended by hand: from that instant it opens nothing, not only from the next day.
    endedAt: integer('ended_at', { mode: 'number' }),
    // The responsible person (包保责任人) as a staff record of the institution: while the pairing is in force they
    // open its households and record their visits (decision 19). responsible_name then holds their name.
    responsibleStaffId: integer('responsible_staff_id').references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('pairings_institution_idx').on(t.institutionId),
    index('pairings_responsible_idx').on(t.responsibleStaffId),
    index('pairings_village_idx').on(t.villageId),
    index('pairings_household_idx').on(t.householdId),
    index('pairings_area_idx').on(t.areaId),
    // One institution holds one open-ended pairing with a target at a time (dated ones are checked in code).
    uniqueIndex('pairings_open_target_unique')
      .on(t.institutionId, t.target, sql`coalesce(${t.villageId}, ${t.areaId}, ${t.householdId})`)
      .where(sql`${t.endDate} IS NULL AND ${t.endedAt} IS NULL`),
    ...enumChecks('pairings', t),
    ...pairingTermChecks('pairings', t),
  ],
);

/**
 * A project a pairing with a village, township or county carries (a care centre, a network hospital): the funds
 * committed on a day, paid in instalments (project_payments). Jianxi (seed 003): 2,100万元 committed, a first
 * 540万元 paid.
 */
export const pairingProjects = sqliteTable(
  'pairing_projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pairingId: integer('pairing_id')
      .notNull()
      .references(() => pairings.id),
    name: text('name').notNull(),
    committedFen: integer('committed_fen').notNull(),
    committedOn: text('committed_on').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('pairing_projects_pairing_idx').on(t.pairingId), index('pairing_projects_committed_idx').on(t.committedOn), check('pairing_projects_committed', sql`${t.committedFen} >= 0`)],
);

export const projectPayments = sqliteTable(
  'project_payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => pairingProjects.id),
    paidOn: text('paid_on').notNull(),
    amountFen: integer('amount_fen').notNull(),
    note: text('note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('project_payments_project_idx').on(t.projectId), index('project_payments_paid_idx').on(t.paidOn), check('project_payments_amount', sql`${t.amountFen} > 0`)],
);

export const PAIRING_REQUEST_STATES = ['pending', 'approved', 'refused', 'withdrawn'] as const;
export type PairingRequestState = (typeof PAIRING_REQUEST_STATES)[number];

/**
 * A pairing an institution asks for. Pairings open households to an institution, so none grants itself one:
 * its coordinators request it, and whoever may assign it (an administrator, or the health bureau of the area)
 * approves it (making the pairing) or refuses it, with a reason.
 */
export const pairingRequests = sqliteTable(
  'pairing_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...pairingTerms(),
    // Why the institution asks (the bureau's assignment letter, the village's request…).
    note: text('note'),
    state: text('state', { enum: PAIRING_REQUEST_STATES }).notNull().default('pending'),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'number' }),
    decisionReason: text('decision_reason'),
    pairingId: integer('pairing_id').references(() => pairings.id),
    createdAt: createdAt(),
  },
  (t) => [index('pairing_requests_state_idx').on(t.state, t.createdAt), index('pairing_requests_institution_idx').on(t.institutionId), ...enumChecks('pairing_requests', t), ...pairingTermChecks('pairing_requests', t)],
);

// ——— CSV imports: staged between upload, preview and apply ———

export const IMPORT_KINDS = ['villages', 'households', 'staff'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export const IMPORT_STATES = ['staged', 'running', 'checked', 'applied'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    // The institution a staff list is imported into.
    institutionId: integer('institution_id').references(() => institutions.id),
    fileName: text('file_name').notNull(),
    encoding: text('encoding').notNull(),
    // The decoded file, encrypted like ID numbers since household files carry them.
    payload: text('payload').notNull(),
    // staged → running (a check or an import, a batch of rows at a time beside everyone's requests) → checked
    // (the rows were checked, or an all-or-nothing import found bad rows and wrote nothing) or applied.
    state: text('state', { enum: IMPORT_STATES }).notNull().default('staged'),
    mode: text('mode', { enum: IMPORT_MODES }),
    // What the running or last run was asked: a check (dry run) or an import; and with which columns (JSON).
    ran: text('ran', { enum: ['check', 'apply'] }),
    mapping: text('mapping'),
    // Of a run: the pass it is in (an all-or-nothing import checks every row before writing any) and the rows
    // that pass has done.
    pass: text('pass', { enum: ['check', 'apply'] }),
    progress: integer('progress').notNull().default(0),
    createdCount: integer('created_count'),
    unchangedCount: integer('unchanged_count'),
    // Rejected rows with their reasons (encrypted JSON), for the downloadable report.
    rejected: text('rejected'),
    createdAt: createdAt(),
    appliedAt: integer('applied_at', { mode: 'number' }),
  },
  (t) => [index('imports_user_idx').on(t.userId), ...enumChecks('imports', t)],
);

// ——— Campaigns, events, roles, shifts and sign-ups ———

export const PARTICIPATION_STATES = ['invited', 'accepted', 'declined'] as const;

/** A campaign such as 2019年全国扶贫日, run by a bureau, with institutions taking part. */
export const campaigns = sqliteTable('campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  organiserId: integer('organiser_id')
    .notNull()
    .references(() => institutions.id),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  description: text('description'),
  createdAt: createdAt(),
},
  (t) => [...enumChecks('campaigns', t), check('campaigns_end_after_start', sql`${t.endDate} >= ${t.startDate}`)],
);

export const campaignParticipants = sqliteTable(
  'campaign_participants',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    state: text('state', { enum: PARTICIPATION_STATES }).notNull().default('invited'),
    respondedAt: integer('responded_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('campaign_participants_unique').on(t.campaignId, t.institutionId), ...enumChecks('campaign_participants', t)],
);

export const EVENT_KINDS = ['free_clinic', 'visit_round', 'rounds', 'lecture', 'health_check', 'launch', 'training', 'remote_consultation', 'screening'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * What a done event reports, each in its own column, and the kinds that report it: a free clinic the people
 * seen (义诊人数), a health talk its audience, a training its trainees and hours, a remote consultation its
 * consultations, prescriptions and village clinics served, a screening the people screened and the positives
 * referred. The first of a kind's is its head count. Only those kinds may hold them (CHECK), so a training is
 * never counted as people seen at a free clinic.
 */
export const EVENT_OUTCOMES = {
  peopleSeen: ['free_clinic', 'visit_round', 'rounds', 'health_check'],
  audience: ['lecture', 'launch'],
  trainees: ['training'],
  trainingHours: ['training'],
  consultations: ['remote_consultation'],
  prescriptions: ['remote_consultation'],
  clinicsServed: ['remote_consultation'],
  screened: ['screening'],
  positivesReferred: ['screening'],
} as const satisfies Record<string, readonly EventKind[]>;
export type EventOutcome = keyof typeof EVENT_OUTCOMES;
export const EVENT_OUTCOME_NAMES = Object.keys(EVENT_OUTCOMES) as EventOutcome[];
/** The outcome columns of `events`, entered by the organiser when the event is done. */
function outcomeColumns() {
  const column = (name: EventOutcome) => integer(snakeCase(name));
  return Object.fromEntries(EVENT_OUTCOME_NAMES.map((name) => [name, column(name)])) as { [K in EventOutcome]: ReturnType<typeof column> };
}
export const EVENT_STATES = ['draft', 'published', 'done', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];

export const SERIES_FREQUENCIES = ['weekly', 'monthly'] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];

/**
 * A recurring series (定期巡诊): every week on a weekday, or every month on its first…fourth or last weekday,
 * from a day to a day, at a village, an address, or in each township of a county (a county hospital's monthly
 * round of the townships it is paired with). It generates draft events for the coordinator to review; each can
 * then be changed alone.
 */
export const eventSeries = sqliteTable(
  'event_series',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organiserId: integer('organiser_id')
      .notNull()
      .references(() => institutions.id),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    frequency: text('frequency', { enum: SERIES_FREQUENCIES }).notNull(),
    // ISO weekday, 1 = Monday … 7 = Sunday.
    weekday: integer('weekday').notNull(),
    // Monthly: the first…fourth of that weekday in the month, or 5 for the last.
    weekOfMonth: integer('week_of_month'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    villageId: integer('village_id').references(() => villages.id),
    address: text('address'),
    // Each township of this county gets its own event on each date.
    countyId: integer('county_id').references(() => areas.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('event_series_organiser_idx').on(t.organiserId),
    ...enumChecks('event_series', t),
    check('event_series_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check('event_series_week_of_month', sql`(${t.frequency} = 'monthly' AND ${t.weekOfMonth} BETWEEN 1 AND 5) OR (${t.frequency} = 'weekly' AND ${t.weekOfMonth} IS NULL)`),
    check('event_series_end_after_start', sql`${t.endDate} >= ${t.startDate} AND ${t.endTime} > ${t.startTime}`),
    check('event_series_one_place', sql`(${t.villageId} IS NOT NULL) + (${t.address} IS NOT NULL) + (${t.countyId} IS NOT NULL) = 1`),
  ],
);

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    organiserId: integer('organiser_id')
      .notNull()
      .references(() => institutions.id),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    // Beijing calendar date and wall-clock times.
    date: text('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    villageId: integer('village_id').references(() => villages.id),
    address: text('address'),
    // The township of an event held at an address (a health centre, a square), so county and township tallies
    // count it; an event at a village is in the village's township and leaves this empty.
    townshipId: integer('township_id').references(() => areas.id),
    ...location(),
    // Services offered, as a JSON array of keys (blood_pressure, blood_sugar, ecg, tcm_pulse, ultrasound…).
    services: text('services').notNull().default('[]'),
    expectedAttendance: integer('expected_attendance'),
    notes: text('notes'),
    state: text('state', { enum: EVENT_STATES }).notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    // The code in the event's check-in QR, made when the event is published: scanning it at the venue checks a person in.
    checkinCode: text('checkin_code'),
    // What it came to (EVENT_OUTCOMES), entered by the organiser afterwards; the tallies count them.
    ...outcomeColumns(),
    // Generated by a series for its date and place (the township, or 0 for a series with one place): that
    // date and place stay taken however the event is moved, so the series never makes it twice.
    seriesId: integer('series_id').references(() => eventSeries.id, { onDelete: 'set null' }),
    seriesDate: text('series_date'),
    seriesPlace: integer('series_place'),
    // When it was changed apart from its series: a later change of the series' rule leaves it as it is.
    changedAloneAt: integer('changed_alone_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_organiser_idx').on(t.organiserId),
    index('events_campaign_idx').on(t.campaignId).where(sql`campaign_id IS NOT NULL`),
    index('events_date_idx').on(t.date),
    index('events_village_idx').on(t.villageId),
    index('events_township_idx').on(t.townshipId).where(sql`township_id IS NOT NULL`),
    uniqueIndex('events_series_unique').on(t.seriesId, t.seriesDate, t.seriesPlace),
    check('events_series_whole', sql`(${t.seriesId} IS NULL) = (${t.seriesDate} IS NULL) AND (${t.seriesDate} IS NULL) = (${t.seriesPlace} IS NULL)`),
    ...enumChecks('events', t),
    check('events_end_after_start', sql`${t.endTime} > ${t.startTime}`),
    ...EVENT_OUTCOME_NAMES.map((name) =>
      check(`events_${snakeCase(name)}_of_kind`, sql`${t[name]} IS NULL OR (${t[name]} >= 0 AND ${t.kind} IN (${sql.join(EVENT_OUTCOMES[name].map((kind) => sql.raw(`'${kind}'`)), sql`, `)}))`),
    ),
  ],
);

/**
 * Institutions the organiser invited to run an event with it (联合主办). One that accepted places its own people,
 * vehicles and stock and counts as running the event; one invited or that declined runs nothing.
 */
export const eventCoorganisers = sqliteTable(
  'event_coorganisers',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    state: text('state', { enum: PARTICIPATION_STATES }).notNull().default('invited'),
    invitedAt: integer('invited_at', { mode: 'number' }),
    respondedAt: integer('responded_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('event_coorganisers_unique').on(t.eventId, t.institutionId), index('event_coorganisers_institution_idx').on(t.institutionId), ...enumChecks('event_coorganisers', t)],
);
/** A co-organiser that runs the event: it accepted. Every read of who runs an event goes through this. */
export const coorganiserAccepted = sql`${eventCoorganisers.state} = 'accepted'`;
/** A co-organiser asked and not declined: it may read the event, a draft too, while it answers. */
export const coorganiserAsked = sql`${eventCoorganisers.state} <> 'declined'`;
/** The events an institution runs: those it organises, and those it accepted to run with others. */
export const eventRunBy = (institutionId: number) =>
  sql`(${events.organiserId} = ${institutionId} OR ${events.id} IN (SELECT ${eventCoorganisers.eventId} FROM ${eventCoorganisers} WHERE ${coorganiserAccepted} AND ${eventCoorganisers.institutionId} = ${institutionId}))`;

/** Households a visit round goes to. */
export const eventHouseholds = sqliteTable(
  'event_households',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
  },
  (t) => [uniqueIndex('event_households_unique').on(t.eventId, t.householdId)],
);

/** The parts an event's day is made of (启动仪式, then 集中义诊, then 入户巡诊…); the event is still one in the tallies. */
export const PROGRAMME_PART_KINDS = ['ceremony', 'clinic', 'rounds', 'talk', 'screening', 'performance', 'other'] as const;
export type ProgrammePartKind = (typeof PROGRAMME_PART_KINDS)[number];

/** A part of an event's programme, at its own time within the event's and at its own place when it has one. */
export const eventParts = sqliteTable(
  'event_parts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PROGRAMME_PART_KINDS }).notNull(),
    // Its own words when the kind's are not enough (开设健康教育大讲堂).
    title: text('title'),
    // Beijing wall-clock times on the event's date, within the event's times.
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    // Where on the day, when not the event's place (合心镇卫生院门前, 东道村、邱家村).
    place: text('place'),
  },
  (t) => [
    index('event_parts_event_idx').on(t.eventId),
    // A role's part is of the role's event: roles point at (id, event_id).
    uniqueIndex('event_parts_of_event').on(t.id, t.eventId),
    check('event_parts_end_after_start', sql`${t.endTime} > ${t.startTime}`),
    ...enumChecks('event_parts', t),
  ],
);

export const EVENT_ROLE_KINDS = ['doctor', 'nurse', 'pharmacist', 'driver', 'logistics', 'publicity', 'volunteer'] as const;
export type EventRoleKind = (typeof EVENT_ROLE_KINDS)[number];
export const ROLE_REQUIREMENTS = ['none', 'licensed_doctor', 'members_only'] as const;

export const eventRoles = sqliteTable(
  'event_roles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EVENT_ROLE_KINDS }).notNull(),
    // e.g. 心内科 for a doctor
    specialty: text('specialty'),
    requirement: text('requirement', { enum: ROLE_REQUIREMENTS }).notNull().default('none'),
    // The part of the programme it serves (the clinic's doctors, the ceremony's host); none for the whole day.
    partId: integer('part_id'),
  },
  (t) => [
    index('event_roles_event_idx').on(t.eventId),
    index('event_roles_part_idx').on(t.partId).where(sql`part_id IS NOT NULL`),
    foreignKey({ columns: [t.partId, t.eventId], foreignColumns: [eventParts.id, eventParts.eventId] }),
    ...enumChecks('event_roles', t),
  ],
);

export const shifts = sqliteTable(
  'shifts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roleId: integer('role_id')
      .notNull()
      .references(() => eventRoles.id, { onDelete: 'cascade' }),
    startsAt: integer('starts_at', { mode: 'number' }).notNull(),
    endsAt: integer('ends_at', { mode: 'number' }).notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [index('shifts_role_idx').on(t.roleId), index('shifts_starts_idx').on(t.startsAt), ...enumChecks('shifts', t), check('shifts_capacity_positive', sql`${t.capacity} > 0`), check('shifts_end_after_start', sql`${t.endsAt} > ${t.startsAt}`)],
);

export const SIGNUP_STATES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'no_show'] as const;
export type SignupState = (typeof SIGNUP_STATES)[number];

export const signups = sqliteTable(
  'signups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    // A person with an account, or a staff member without one whom the organiser assigned.
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id').references((): AnySQLiteColumn => staff.id),
    state: text('state', { enum: SIGNUP_STATES }).notNull(),
    // While offered a freed place: until when, and the hash of the confirm link's token.
    offerExpiresAt: integer('offer_expires_at', { mode: 'number' }),
    offerTokenHash: text('offer_token_hash'),
    checkedInAt: integer('checked_in_at', { mode: 'number' }),
    checkedOutAt: integer('checked_out_at', { mode: 'number' }),
    assignedBy: text('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    // The institution that sent the person (its coordinator placed its own staff): at a joint event each
    // co-organiser sees and marks its own people. Empty for a person who signed up themselves.
    sentBy: integer('sent_by').references(() => institutions.id),
    // Taken as one of a volunteer team's places (its leader chose who): the team's hours add up from these.
    teamId: integer('team_id').references((): AnySQLiteColumn => teams.id),
    // The day-before reminder: when it went out, the hash of its confirm/cancel link's token, and when the person confirmed they will come.
    remindedAt: integer('reminded_at', { mode: 'number' }),
    reminderTokenHash: text('reminder_token_hash'),
    reconfirmedAt: integer('reconfirmed_at', { mode: 'number' }),
    // How many times the place's calendar entry has been sent: the next one goes with this as its SEQUENCE.
    calendarSent: integer('calendar_sent').notNull().default(0),
    createdAt: createdAt(),
    cancelledAt: integer('cancelled_at', { mode: 'number' }),
  },
  (t) => [
    // One live sign-up per person and shift; cancelled ones stay on record.
    uniqueIndex('signups_live_unique').on(t.shiftId, t.userId).where(sql`state <> 'cancelled'`),
    uniqueIndex('signups_live_staff_unique').on(t.shiftId, t.staffId).where(sql`state <> 'cancelled'`),
    index('signups_staff_idx').on(t.staffId),
    check('signups_person', sql`${t.userId} IS NOT NULL OR ${t.staffId} IS NOT NULL`),
    index('signups_shift_state_idx').on(t.shiftId, t.state),
    index('signups_user_idx').on(t.userId).where(sql`user_id IS NOT NULL`),
    index('signups_team_idx').on(t.teamId).where(sql`team_id IS NOT NULL`),
    ...enumChecks('signups', t),
  ],
);

// ——— Items, stock and handouts ———

/** What an item is, for the tallies: drugs by value, the rest by kind and count. */
export const ITEM_KINDS = [
  'drug', // 药品
  'consumable', // 医用耗材
  'cotton_coat', // 棉衣
  'quilt', // 棉被
  'rice', // 大米
  'flour', // 面粉
  'oil', // 食用油
  'pig_feed', // 猪饲料
  'rat_poison', // 鼠药
  'disinfectant', // 消毒液
  'other_relief', // 其他慰问物资
  'leaflet', // 宣传资料
  'poster', // 海报
  'booklet', // 宣传册
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Units an item is counted in; 斤 and 公斤 are weights (kept in grams), the rest are pieces. */
export const ITEM_UNITS = ['box', 'bottle', 'strip', 'bag', 'pack', 'piece', 'bed', 'set', 'copy', 'sheet', 'book', 'case', 'barrel', 'jin', 'kg'] as const;
export type ItemUnit = (typeof ITEM_UNITS)[number];

/** An institution's catalogue entry. The price is today's; stock entries keep the price of their moment. */
export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ITEM_KINDS }).notNull(),
    unit: text('unit', { enum: ITEM_UNITS }).notNull(),
    // Price in fen per unit (per box, per 斤…).
    unitPriceFen: integer('unit_price_fen').notNull(),
    // Drugs: 通用名, 规格, 剂型.
    genericName: text('generic_name'),
    specification: text('specification'),
    dosageForm: text('dosage_form'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('items_name_unique').on(t.institutionId, t.name, t.specification), ...enumChecks('items', t), check('items_price_not_negative', sql`${t.unitPriceFen} >= 0`)],
);

export const STOCK_ENTRY_KINDS = ['receipt', 'handout', 'adjustment', 'reversal'] as const;
export type StockEntryKind = (typeof STOCK_ENTRY_KINDS)[number];
export const RECEIPT_SOURCES = ['bought', 'donated_company', 'donated_staff', 'donated_other'] as const;

/**
 * The stock ledger: every receipt, handout, adjustment and reversal, never edited. Quantities are signed,
 * in pieces or grams; the value is frozen at the unit price of the moment.
 */
export const stockEntries = sqliteTable(
  'stock_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    kind: text('kind', { enum: STOCK_ENTRY_KINDS }).notNull(),
    // '' when the item has no batches (coats, leaflets).
    batchNo: text('batch_no').notNull().default(''),
    expiryDate: text('expiry_date'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    valueFen: integer('value_fen').notNull(),
    source: text('source', { enum: RECEIPT_SOURCES }),
    donor: text('donor'),
    reason: text('reason'),
    // A handout: at which event (if any), and optionally to which household or person.
    eventId: integer('event_id').references(() => events.id),
    householdId: integer('household_id').references(() => households.id),
    recipient: text('recipient'),
    // Handed over at a household visit: the visit record shows it, the ledger counts it (once).
    visitId: integer('visit_id').references((): AnySQLiteColumn => visits.id),
    // A reversal names the entry it cancels; an entry is reversed at most once.
    reversesId: integer('reverses_id').references((): AnySQLiteColumn => stockEntries.id),
    // The Beijing day goods were handed over: the visit's or the event's, whatever day it was written down.
    occurredOn: text('occurred_on'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_entries_item_idx').on(t.institutionId, t.itemId),
    // By event, carrying what the tallies sum, so that they read the index alone.
    index('stock_entries_event_idx').on(t.eventId, t.kind, t.itemId, t.quantity, t.valueFen),
    // Only handouts to a household carry one; the index leaves out the rest (and its statistics with them).
    index('stock_entries_household_idx').on(t.householdId).where(sql`household_id IS NOT NULL`),
    // Handouts at visits, for the tallies (carrying what they sum); the rest of the ledger has none.
    index('stock_entries_visit_idx').on(t.visitId, t.kind, t.eventId, t.itemId, t.quantity, t.valueFen).where(sql`visit_id IS NOT NULL`),
    uniqueIndex('stock_entries_reverses_unique').on(t.reversesId),
    ...enumChecks('stock_entries', t),
  ],
);

/**
 * Stock on hand per item and batch, kept in the same transaction as each ledger entry. The CHECK is the
 * last guard: no sequence of requests can take a batch below zero.
 */
export const stockLevels = sqliteTable(
  'stock_levels',
  {
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    batchNo: text('batch_no').notNull().default(''),
    expiryDate: text('expiry_date'),
    quantity: integer('quantity').notNull(),
  },
  (t) => [uniqueIndex('stock_levels_batch_unique').on(t.institutionId, t.itemId, t.batchNo), check('stock_levels_not_negative', sql`${t.quantity} >= 0`)],
);

// ——— Vehicles and dispatches ———

export const VEHICLE_KINDS = ['ambulance', 'mobile_clinic', 'car', 'truck'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const vehicles = sqliteTable(
  'vehicles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    // Normalised: upper case, no spaces or dots (吉A12345, 吉AD12345).
    plate: text('plate').notNull(),
    kind: text('kind', { enum: VEHICLE_KINDS }).notNull(),
    seats: integer('seats'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('vehicles_plate_unique').on(t.plate), index('vehicles_institution_idx').on(t.institutionId), ...enumChecks('vehicles', t), check('vehicles_seats', sql`${t.seats} IS NULL OR ${t.seats} > 0`)],
);

/** A vehicle sent to an event (出动): who drove, who rode, when it left and came back, how far, which villages. */
export const dispatches = sqliteTable(
  'dispatches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vehicleId: integer('vehicle_id')
      .notNull()
      .references(() => vehicles.id),
    // The vehicle's institution at the time, for tallies by institution.
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id),
    driver: text('driver').notNull(),
    crew: text('crew'),
    outAt: integer('out_at', { mode: 'number' }).notNull(),
    backAt: integer('back_at', { mode: 'number' }).notNull(),
    // Whole metres, entered in km with one decimal.
    distanceM: integer('distance_m'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('dispatches_vehicle_idx').on(t.vehicleId, t.outAt), index('dispatches_event_idx').on(t.eventId), index('dispatches_institution_idx').on(t.institutionId)],
);

export const dispatchVillages = sqliteTable(
  'dispatch_villages',
  {
    dispatchId: integer('dispatch_id')
      .notNull()
      .references(() => dispatches.id, { onDelete: 'cascade' }),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
  },
  (t) => [uniqueIndex('dispatch_villages_unique').on(t.dispatchId, t.villageId), index('dispatch_villages_village_idx').on(t.villageId)],
);

// ——— Staff ———

export const PROFESSIONS = ['doctor', 'nurse', 'pharmacist', 'technician', 'driver', 'administrative', 'party_affairs'] as const;
export type Profession = (typeof PROFESSIONS)[number];
/** Professions counted as medical staff (医务人员) in the tallies. */
export const MEDICAL_PROFESSIONS = ['doctor', 'nurse', 'pharmacist', 'technician'] as const satisfies readonly Profession[];

/** An institution's staff, with or without a site account; staff can be put on event roles either way. */
export const staff = sqliteTable(
  'staff',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }),
    // 主任医师, 护士长…
    title: text('title'),
    department: text('department'),
    profession: text('profession', { enum: PROFESSIONS }).notNull(),
    // 医师执业证书编码 (or a nurse's 护士执业证书编号) when the person holds a licence.
    licenceNumber: text('licence_number'),
    phone: text('phone'),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('staff_institution_idx').on(t.institutionId, t.name), uniqueIndex('staff_account_unique').on(t.institutionId, t.userId), index('staff_user_idx').on(t.userId, t.profession).where(sql`user_id IS NOT NULL`), ...enumChecks('staff', t)],
);

// ——— Consumer poverty alleviation (消费扶贫 / 以购代捐) ———

export const SELLER_KINDS = ['village_collective', 'cooperative', 'household'] as const;
export const PURCHASE_UNITS = ['jin', 'kg', 'case'] as const;
export type PurchaseUnit = (typeof PURCHASE_UNITS)[number];
export const PAYMENT_STATES = ['unpaid', 'paid'] as const;

/**
 * An institution buying a village's produce instead of donating. Quantities are grams (斤 and 公斤) or
 * pieces (箱); the total is what was weighed on delivery (or ordered, until delivered) at the unit price.
 */
/**
 * What an institution buys from poor villages, one product however it is written: 土豆 and 马铃薯 are the same
 * potatoes. Each name (the product's own and the others it goes by) is in product_names, unique within the
 * institution, so a name always finds one product.
 */
export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('products_name_unique').on(t.institutionId, t.name)],
);

export const productNames = sqliteTable(
  'product_names',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('product_names_unique').on(t.institutionId, t.name), index('product_names_product_idx').on(t.productId)],
);

export const purchases = sqliteTable(
  'purchases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    // 工会, 食堂… when the institution's union or canteen bought.
    buyerUnit: text('buyer_unit'),
    sellerKind: text('seller_kind', { enum: SELLER_KINDS }).notNull(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    householdId: integer('household_id').references(() => households.id),
    sellerName: text('seller_name'),
    // The product as the receipt writes it, and the product it is (products: 马铃薯 is 土豆).
    product: text('product').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    unit: text('unit', { enum: PURCHASE_UNITS }).notNull(),
    quantityOrdered: integer('quantity_ordered').notNull(),
    quantityDelivered: integer('quantity_delivered'),
    unitPriceFen: integer('unit_price_fen').notNull(),
    totalFen: integer('total_fen').notNull(),
    deliveryDate: text('delivery_date').notNull(),
    paymentState: text('payment_state', { enum: PAYMENT_STATES }).notNull().default('unpaid'),
    // The receipt's photo under the uploads directory (receipts/<id>.jpg), once one is attached.
    receiptPhoto: text('receipt_photo'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('purchases_village_idx').on(t.villageId, t.deliveryDate),
    index('purchases_institution_idx').on(t.institutionId, t.deliveryDate),
    // Covering: a tally's purchases by product are summed from the index alone.
    index('purchases_product_idx').on(t.productId, t.unit, t.quantityDelivered, t.quantityOrdered, t.totalFen),
    index('purchases_household_idx').on(t.householdId).where(sql`household_id IS NOT NULL`),
    index('purchases_delivery_idx').on(t.deliveryDate),
    ...enumChecks('purchases', t),
    check('purchases_amounts', sql`${t.quantityOrdered} > 0 AND (${t.quantityDelivered} IS NULL OR ${t.quantityDelivered} >= 0) AND ${t.unitPriceFen} >= 0 AND ${t.totalFen} >= 0`),
  ],
);

// ——— Cash support and donations ———

export const DONATION_KINDS = ['cash', 'in_kind'] as const;
export const RECIPIENT_KINDS = ['household', 'person', 'village', 'group'] as const;

/**
 * Cash support (慰问金) and donations in kind (desks and chairs for a village, seed 004), with the recipient,
 * the purpose and, for cash, who approved it. Never edited: a mistaken entry is voided with a reason.
 */
export const donations = sqliteTable(
  'donations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    kind: text('kind', { enum: DONATION_KINDS }).notNull(),
    eventId: integer('event_id').references(() => events.id),
    date: text('date').notNull(),
    amountFen: integer('amount_fen').notNull(),
    // What was given, for a donation in kind (课桌椅, 消防器材).
    description: text('description'),
    recipientKind: text('recipient_kind', { enum: RECIPIENT_KINDS }).notNull(),
    householdId: integer('household_id').references(() => households.id),
    villageId: integer('village_id').references(() => villages.id),
    // A person's name, or a group such as 老党员.
    recipientName: text('recipient_name'),
    groupSize: integer('group_size'),
    purpose: text('purpose'),
    approvedBy: text('approved_by'),
    voidedAt: integer('voided_at', { mode: 'number' }),
    voidReason: text('void_reason'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('donations_institution_idx').on(t.institutionId, t.date), index('donations_village_idx').on(t.villageId), index('donations_event_idx').on(t.eventId).where(sql`event_id IS NOT NULL`), index('donations_date_idx').on(t.date), ...enumChecks('donations', t), check('donations_amount_positive', sql`${t.amountFen} > 0`)],
);

// ——— Household visit records (走访慰问记录) and their follow-ups ———

export const VISIT_PURPOSES = ['care', 'rounds', 'follow_up', 'policy'] as const;
export const SATISFACTIONS = ['satisfied', 'fairly_satisfied', 'dissatisfied'] as const;
// 两不愁三保障, with basic medical care split into its three checks.
export const VISIT_CHECK_ITEMS = ['food', 'clothing', 'education', 'insurance', 'chronic_card', 'family_doctor', 'housing', 'water'] as const;
export type VisitCheckItem = (typeof VISIT_CHECK_ITEMS)[number];
export const CHECK_STATES = ['yes', 'no', 'concern'] as const;
export const GLUCOSE_TIMINGS = ['fasting', 'after_meal', 'random'] as const;
export const REFERRAL_STATES = ['planned', 'done'] as const;

/** One visit to a household by an institution's team. Never edited once submitted; follow-ups carry on from it. */
export const visits = sqliteTable(
  'visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    eventId: integer('event_id').references(() => events.id),
    visitedAt: integer('visited_at', { mode: 'number' }).notNull(),
    purpose: text('purpose', { enum: VISIT_PURPOSES }).notNull(),
    // Changes since the last visit.
    incomeChange: text('income_change'),
    workChange: text('work_change'),
    housingChange: text('housing_change'),
    healthChange: text('health_change'),
    difficulties: text('difficulties'),
    satisfaction: text('satisfaction', { enum: SATISFACTIONS }),
    notes: text('notes'),
    // Chosen by the form when it is opened: a second submit of the same form finds this and writes nothing.
    submissionKey: text('submission_key').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('visits_household_idx').on(t.householdId, t.visitedAt),
    // Covering for a tally by institution: visits and distinct households counted from the index alone.
    index('visits_institution_idx').on(t.institutionId, t.visitedAt, t.householdId),
    index('visits_visited_idx').on(t.visitedAt),
    index('visits_event_idx').on(t.eventId).where(sql`event_id IS NOT NULL`),
    uniqueIndex('visits_submission_unique').on(t.submissionKey),
    ...enumChecks('visits', t),
  ],
);

/**
 * An earlier version of a visit record, kept whole when the record is amended (a visit is evidence: amended,
 * never overwritten), with who changed it, when and why.
 */
export const visitAmendments = sqliteTable(
  'visit_amendments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references((): AnySQLiteColumn => visits.id, { onDelete: 'cascade' }),
    // The record as it stood before (JSON, VisitSnapshot in src/lib/visits/visits.ts).
    previous: text('previous').notNull(),
    reason: text('reason').notNull(),
    amendedBy: text('amended_by').references(() => users.id, { onDelete: 'set null' }),
    amendedAt: integer('amended_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('visit_amendments_visit_idx').on(t.visitId, t.amendedAt)],
);

/** Who went: people on the institution's staff roster. */
export const visitVisitors = sqliteTable(
  'visit_visitors',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [uniqueIndex('visit_visitors_unique').on(t.visitId, t.staffId), index('visit_visitors_staff_idx').on(t.staffId)],
);

/**
 * Teams (团队) that do the work at the door: a family doctor team (家庭医生签约服务团队) that signs contracts with
 * households and follows them up, or a volunteer service team (志愿服务队). A team belongs to one institution;
 * its members may come from several.
 */
export const TEAM_KINDS = ['family_doctor', 'volunteer'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    kind: text('kind', { enum: TEAM_KINDS }).notNull(),
    name: text('name').notNull(),
    // Where a volunteer team goes (敬老院、小游园、广场…); what a family doctor team covers (a township, villages).
    focus: text('focus'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_name_unique').on(t.institutionId, t.name), ...enumChecks('teams', t)],
);

/** A member's part in a team: the family doctor team's trades, or a volunteer team's members. */
export const TEAM_ROLES = ['general_practitioner', 'specialist', 'nurse', 'village_doctor', 'public_health', 'volunteer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/**
 * Who is in a team, from when to when: a staff record of any institution (with or without an account), or an
 * account (a volunteer without a staff record). One of them is the leader.
 */
export const teamMembers = sqliteTable(
  'team_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    staffId: integer('staff_id').references(() => staff.id),
    userId: text('user_id').references(() => users.id),
    role: text('role', { enum: TEAM_ROLES }).notNull(),
    leader: integer('leader', { mode: 'boolean' }).notNull().default(false),
    joinedOn: text('joined_on').notNull(),
    leftOn: text('left_on'),
    createdAt: createdAt(),
  },
  (t) => [
    index('team_members_team_idx').on(t.teamId, t.leftOn),
    index('team_members_staff_idx').on(t.staffId),
    index('team_members_user_idx').on(t.userId),
    // A person is in a team once at a time.
    uniqueIndex('team_members_staff_unique').on(t.teamId, t.staffId).where(sql`left_on IS NULL AND staff_id IS NOT NULL`),
    uniqueIndex('team_members_user_unique').on(t.teamId, t.userId).where(sql`left_on IS NULL AND user_id IS NOT NULL`),
    check('team_members_one_person', sql`(${t.staffId} IS NULL) <> (${t.userId} IS NULL)`),
    check('team_members_left_after_joining', sql`${t.leftOn} IS NULL OR ${t.leftOn} >= ${t.joinedOn}`),
    ...enumChecks('team_members', t),
  ],
);

/**
 * Staff sent away for a period (驻村 / 派驻): to live and work in a village (驻村工作队, one of them the first
 * secretary 第一书记), or to another institution (帮扶, 进修, 派驻). Residents of a village open its households
 * and record their visits while they are there (decision 19).
 */
export const POSTING_KINDS = ['village', 'institution'] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];
export const VILLAGE_POSTING_ROLES = ['first_secretary', 'team_leader', 'team_member'] as const;
export const INSTITUTION_POSTING_ROLES = ['support', 'training', 'stationed'] as const;
export const POSTING_ROLES = [...VILLAGE_POSTING_ROLES, ...INSTITUTION_POSTING_ROLES] as const;
export type PostingRole = (typeof POSTING_ROLES)[number];

export const postings = sqliteTable(
  'postings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    // The institution that sends them (the staff record's).
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    kind: text('kind', { enum: POSTING_KINDS }).notNull(),
    villageId: integer('village_id').references(() => villages.id),
    hostInstitutionId: integer('host_institution_id').references(() => institutions.id),
    role: text('role', { enum: POSTING_ROLES }).notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    purpose: text('purpose'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('postings_staff_idx').on(t.staffId),
    index('postings_institution_idx').on(t.institutionId, t.fromDate),
    index('postings_village_idx').on(t.villageId),
    index('postings_host_idx').on(t.hostInstitutionId),
    check(
      'postings_target',
      sql`(${t.kind} = 'village' AND ${t.villageId} IS NOT NULL AND ${t.hostInstitutionId} IS NULL AND ${t.role} IN ('first_secretary', 'team_leader', 'team_member'))
        OR (${t.kind} = 'institution' AND ${t.hostInstitutionId} IS NOT NULL AND ${t.villageId} IS NULL AND ${t.role} IN ('support', 'training', 'stationed'))`,
    ),
    check('postings_period', sql`${t.toDate} IS NULL OR ${t.toDate} >= ${t.fromDate}`),
    ...enumChecks('postings', t),
  ],
);

/** The services a family doctor contract may cover: the basic package (free) and the paid personalised ones. */
export const CONTRACT_SERVICES = ['basic', 'chronic_disease', 'elderly', 'maternal_child', 'disability', 'severe_mental', 'tcm', 'rehabilitation'] as const;
export type ContractService = (typeof CONTRACT_SERVICES)[number];
/** How often the team follows the household up (高血压、糖尿病每季度，重病每月). */
export const FOLLOW_UP_INTERVALS = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type FollowUpInterval = (typeof FOLLOW_UP_INTERVALS)[number];
/** Why a contract ended: renewed (a new one follows), moved to another team, or the household's own reasons. */
export const CONTRACT_END_REASONS = ['renewed', 'changed_team', 'moved_away', 'died', 'declined', 'other'] as const;
export type ContractEndReason = (typeof CONTRACT_END_REASONS)[number];

/**
 * A family doctor contract (签约): a household signs with a team for a term, for some services, to be followed
 * up at an interval. Renewing or changing the team ends it and starts the next (`previous_id`); a household has
 * at most one contract not ended.
 */
export const contracts = sqliteTable(
  'contracts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    signedOn: text('signed_on').notNull(),
    endsOn: text('ends_on').notNull(),
    followUpEvery: text('follow_up_every', { enum: FOLLOW_UP_INTERVALS }).notNull(),
    previousId: integer('previous_id').references((): AnySQLiteColumn => contracts.id),
    endedOn: text('ended_on'),
    endReason: text('end_reason', { enum: CONTRACT_END_REASONS }),
    endNote: text('end_note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contracts_household_open_unique').on(t.householdId).where(sql`ended_on IS NULL`),
    index('contracts_team_idx').on(t.teamId, t.endedOn),
    check('contracts_term', sql`${t.endsOn} > ${t.signedOn}`),
    check('contracts_ended', sql`(${t.endedOn} IS NULL) = (${t.endReason} IS NULL) AND (${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.signedOn})`),
    ...enumChecks('contracts', t),
  ],
);

/** The services a contract covers, one row each. */
export const contractServices = sqliteTable(
  'contract_services',
  {
    contractId: integer('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    service: text('service', { enum: CONTRACT_SERVICES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.service] }), ...enumChecks('contract_services', t)],
);

/** The 两不愁三保障 check: each item answered yes, no or "concern", with a note when not plainly yes. */
export const visitChecks = sqliteTable(
  'visit_checks',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    item: text('item', { enum: VISIT_CHECK_ITEMS }).notNull(),
    state: text('state', { enum: CHECK_STATES }).notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('visit_checks_unique').on(t.visitId, t.item), ...enumChecks('visit_checks', t)],
);

/**
 * A health check of one person at a visit: the household's head (member_id NULL) or a member. Blood sugar is
 * kept in tenths of mmol/L so that it stays an integer.
 */
export const visitReadings = sqliteTable(
  'visit_readings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    memberId: integer('member_id').references(() => householdMembers.id, { onDelete: 'set null' }),
    systolic: integer('systolic'),
    diastolic: integer('diastolic'),
    glucoseTenths: integer('glucose_tenths'),
    glucoseTiming: text('glucose_timing', { enum: GLUCOSE_TIMINGS }),
    findings: text('findings'),
    advice: text('advice'),
    referralTo: text('referral_to'),
    referralState: text('referral_state', { enum: REFERRAL_STATES }),
  },
  (t) => [index('visit_readings_visit_idx').on(t.visitId), index('visit_readings_household_idx').on(t.householdId), ...enumChecks('visit_readings', t)],
);

/** Photos taken at a visit, re-encoded as JPEG under the uploads directory (visits/<name>.jpg). */
export const visitPhotos = sqliteTable(
  'visit_photos',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('visit_photos_visit_idx').on(t.visitId)],
);

/** Something promised at a visit (帮扶措施): who does it, by when, and when it was done. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    action: text('action').notNull(),
    owner: text('owner').notNull(),
    // Beijing date 'YYYY-MM-DD'.
    dueDate: text('due_date').notNull(),
    doneAt: integer('done_at', { mode: 'number' }),
    doneNote: text('done_note'),
    doneBy: text('done_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // The follow-up list reads an institution's open ones by due date.
    index('follow_ups_open_idx').on(t.institutionId, t.dueDate).where(sql`done_at IS NULL`),
    index('follow_ups_household_idx').on(t.householdId),
    index('follow_ups_visit_idx').on(t.visitId),
  ],
);

/** A visit form being filled in, saved as it is typed (encrypted, like imports), one per person and household. */
export const visitDrafts = sqliteTable(
  'visit_drafts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    payload: text('payload').notNull(),
    savedAt: integer('saved_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('visit_drafts_unique').on(t.userId, t.householdId)],
);

// ——— Tokens for other systems to pull tallies ———

/**
 * A bearer token an administrator issued to an institution's publicity office for `GET /api/v1/tallies`:
 * it counts what that institution's publicity office may count, and opens nothing else. Kept as a hash.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    // What it is for, e.g. "市融媒体中心大屏".
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // The first characters, so that a token can be recognised in the list without being stored.
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'number' }),
    revokedAt: integer('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash)],
);

/**
 * How many times the area tree or an institution's place in it has changed (one row). Triggers on areas and
 * institutions count each change (migration 0035), so that a bureau's reach, kept between requests
 * (src/lib/server/auth/scope.ts), is worked out again after any change, whoever made it.
 */
export const areaTreeVersion = sqliteTable('area_tree_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
}, (t) => [check('area_tree_version_one_row', sql`${t.id} = 1`)]);

/**
 * A published tally (公布的统计): the figures as they stood when the publicity office released them, with the
 * filters and the time. It never changes; later records show as a difference against it.
 */
export const tallySnapshots = sqliteTable(
  'tally_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The office that published it; those who may count this institution's tallies may read it.
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    title: text('title').notNull(),
    // The filters (JSON) and the report as published (JSON: headline figures, materials, press summary).
    filters: text('filters').notNull(),
    report: text('report').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('tally_snapshots_institution_idx').on(t.institutionId, t.createdAt)],
);

/**
 * Whose records a row of the running totals counts: null, every institution's; otherwise an office's, the
 * institutions placed in that city or county (or an area under it), which is what its bureau's publicity office
 * counts (decision 0023).
 */
const officeColumn = () => integer('office_id').references(() => areas.id);

/**
 * Running totals for tallies of everything, or of a county (no institution or campaign chosen; any dates): per
 * Beijing day, the additive figures of that day, counted by the same rules as a live tally. `county_id` is the
 * area directly above the records' township (a county or district); null on the row for everywhere, which also
 * holds records that are in no village. Counted again for a day whenever a record of that day changes
 * (tally_changes); decision 0014.
 */
export const tallyDays = sqliteTable(
  'tally_days',
  {
    day: text('day').notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    // One column for each figure that adds up (src/lib/tallies/figures.ts), named as it is counted.
    ...additiveFigureColumns(),
    // Distinct households visited that day, for the breakdown by day; unlike the rest, not added across days.
    householdsVisited: integer('households_visited').notNull(),
  },
  // One row per day and county (everywhere: no county), which the database holds to: a row written twice would
  // count twice.
  (t) => [index('tally_days_county_idx').on(t.officeId, t.countyId, t.day), index('tally_days_day_idx').on(t.day), uniqueIndex('tally_days_unique').on(t.day, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`)],
);

/** The goods of a day's running totals, by kind and unit (net of reversals), everywhere and per county. */
export const tallyDayMaterials = sqliteTable(
  'tally_day_materials',
  {
    day: text('day').notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    ...goodsColumns(),
  },
  // Covering: a tally sums a county's (or everywhere's) lines over a range of days from the index alone.
  (t) => [
    index('tally_day_materials_county_idx').on(t.officeId, t.countyId, t.day, t.kind, t.unit, t.quantity, t.valueFen),
    index('tally_day_materials_day_idx').on(t.day),
    uniqueIndex('tally_day_materials_unique').on(t.day, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`, t.kind, t.unit),
    ...enumChecks('tally_day_materials', t),
  ],
);

/**
 * The running totals of a month ('2019-10') and county, everywhere (county null): its days in tally_days added
 * up, so that a tally over months reads one row a month rather than one a day. Counted again from its days
 * whenever one of them is.
 */
export const tallyMonths = sqliteTable(
  'tally_months',
  {
    month: text('month').notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    ...additiveFigureColumns(),
    // Distinct households visited in the month, for the breakdown by month: their first days in it
    // (tally_key_days), not the days' households added up.
    householdsVisited: integer('households_visited').notNull().default(0),
  },
  (t) => [index('tally_months_county_idx').on(t.officeId, t.countyId, t.month), uniqueIndex('tally_months_unique').on(t.month, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`)],
);

/** The goods of a month's running totals, by kind and unit: its days in tally_day_materials added up. */
export const tallyMonthMaterials = sqliteTable(
  'tally_month_materials',
  {
    month: text('month').notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    ...goodsColumns(),
  },
  (t) => [
    index('tally_month_materials_county_idx').on(t.officeId, t.countyId, t.month, t.kind, t.unit, t.quantity, t.valueFen),
    uniqueIndex('tally_month_materials_unique').on(t.month, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`, t.kind, t.unit),
    ...enumChecks('tally_month_materials', t),
  ],
);

/**
 * The purchases of a day, by product name and measure, everywhere and per county: the dashboard's table of
 * purchases by product, which a province would otherwise read from every purchase.
 */
export const tallyDayProducts = sqliteTable(
  'tally_day_products',
  {
    day: text('day').notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    ...productColumns(),
  },
  (t) => [
    index('tally_day_products_county_idx').on(t.officeId, t.countyId, t.day, t.product, t.unit, t.weighed, t.orderedOnly, t.quantity, t.valueFen),
    index('tally_day_products_day_idx').on(t.day),
    uniqueIndex('tally_day_products_unique').on(t.day, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`, t.product, t.unit),
    ...enumChecks('tally_day_products', t),
  ],
);

/** The purchases of a month by product and measure, its days added up, everywhere and per county. */
export const tallyMonthProducts = sqliteTable(
  'tally_month_products',
  {
    month: text('month').notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    ...productColumns(),
  },
  (t) => [
    index('tally_month_products_county_idx').on(t.officeId, t.countyId, t.month, t.product, t.unit, t.weighed, t.orderedOnly, t.quantity, t.valueFen),
    uniqueIndex('tally_month_products_unique').on(t.month, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`, t.product, t.unit),
    ...enumChecks('tally_month_products', t),
  ],
);

/**
 * The running totals of a month per institution, for tallies of chosen institutions (an office's, a hospital's,
 * each row of the breakdown by institution) with no area or campaign: what belongs to an event under the event's
 * organiser, every other record under its own institution. A co-organiser's share of an event another leads is
 * not kept apart: such a tally adds those few events from the records. Counted again from the records for a
 * month whenever one of its days is.
 */
export const tallyInstitutionMonths = sqliteTable(
  'tally_institution_months',
  {
    month: text('month').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    ...additiveFigureColumns(),
  },
  (t) => [
    uniqueIndex('tally_institution_months_unique').on(t.institutionId, t.month),
    // Covering for the breakdown by institution: the figures it sums that are kept here (figures.ts, breakdown).
    index('tally_institution_months_breakdown_idx').on(t.institutionId, t.month, t.events, t.peopleSeen, t.ambulanceTrips, t.visits),
    // A month is counted again for every institution at once.
    index('tally_institution_months_month_idx').on(t.month),
  ],
);

/** The goods of a month's running totals per institution, by kind and unit. */
export const tallyInstitutionMonthMaterials = sqliteTable(
  'tally_institution_month_materials',
  {
    month: text('month').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    ...goodsColumns(),
  },
  (t) => [
    uniqueIndex('tally_institution_month_materials_unique').on(t.institutionId, t.month, t.kind, t.unit),
    // Covering: an office's goods from the index alone, and each institution's medicines for the breakdown.
    index('tally_institution_month_materials_institution_idx').on(t.institutionId, t.month, t.kind, t.unit, t.quantity, t.valueFen),
    index('tally_institution_month_materials_kind_idx').on(t.kind, t.institutionId, t.month, t.quantity, t.valueFen),
    index('tally_institution_month_materials_month_idx').on(t.month),
    ...enumChecks('tally_institution_month_materials', t),
  ],
);

/**
 * The running totals per institution added up per year ('2019'): its months in tally_institution_months, so that
 * a breakdown by institution over years reads a row a year rather than twelve. Counted again from its months
 * whenever one of them is.
 */
export const tallyInstitutionYears = sqliteTable(
  'tally_institution_years',
  {
    year: text('year').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    ...additiveFigureColumns(),
  },
  (t) => [
    uniqueIndex('tally_institution_years_unique').on(t.institutionId, t.year),
    index('tally_institution_years_breakdown_idx').on(t.institutionId, t.year, t.events, t.peopleSeen, t.ambulanceTrips, t.visits),
    index('tally_institution_years_year_idx').on(t.year),
  ],
);

/** The goods of a year's running totals per institution, by kind and unit. */
export const tallyInstitutionYearMaterials = sqliteTable(
  'tally_institution_year_materials',
  {
    year: text('year').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    ...goodsColumns(),
  },
  (t) => [
    uniqueIndex('tally_institution_year_materials_unique').on(t.institutionId, t.year, t.kind, t.unit),
    index('tally_institution_year_materials_institution_idx').on(t.institutionId, t.year, t.kind, t.unit, t.quantity, t.valueFen),
    index('tally_institution_year_materials_kind_idx').on(t.kind, t.institutionId, t.year, t.quantity, t.valueFen),
    index('tally_institution_year_materials_year_idx').on(t.year),
    ...enumChecks('tally_institution_year_materials', t),
  ],
);

/**
 * Each day on which an institution, ambulance, person or household counts, everywhere (county null) and in
 * each county, with the key's day before it there. A distinct figure over any dates is then a count of rows:
 * those in the dates whose previous day is before them (or none), one per key.
 */
export const tallyKeyDays = sqliteTable(
  'tally_key_days',
  {
    figure: text('figure', { enum: DISTINCT_FIGURES as [DistinctFigure, ...DistinctFigure[]] }).notNull(),
    countyId: integer('county_id').references(() => areas.id),
    officeId: officeColumn(),
    key: text('key').notNull(),
    day: text('day').notNull(),
    previousDay: text('previous_day'),
  },
  (t) => [
    // A key's rows are found to be counted again; one row per key, county and day.
    uniqueIndex('tally_key_days_unique').on(t.figure, t.key, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`, t.day),
    // Covering, for a tally with a start date: the rows of its days, in every county (a breakdown by county)...
    index('tally_key_days_day_idx').on(t.figure, t.officeId, t.day, t.countyId, t.previousDay, t.key),
    // ...or in one county, or everywhere (a tally, a breakdown by week).
    index('tally_key_days_county_day_idx').on(t.figure, t.officeId, t.countyId, t.day, t.previousDay),
    // Covering, for a tally from the beginning: each key's first day.
    index('tally_key_days_first_idx')
      .on(t.figure, t.officeId, t.countyId, t.day, t.key)
      .where(sql`previous_day IS NULL`),
    ...enumChecks('tally_key_days', t),
  ],
);

/**
 * How many rows of tally_key_days each month holds, by the month of each row's day before (null: the key's first
 * day), everywhere and per county, for every institution and per office. A distinct figure over whole months from
 * a month's first day (or from the beginning) is then a sum of a few rows rather than a count of a row a key: the
 * rows in those months whose day before is in an earlier month (or none). Counted again from tally_key_days for
 * each month, office and county whose keys' days change.
 */
export const tallyKeyMonths = sqliteTable(
  'tally_key_months',
  {
    // Found by this id when a month's rows are counted again.
    id: integer('id').primaryKey(),
    figure: text('figure', { enum: DISTINCT_FIGURES as [DistinctFigure, ...DistinctFigure[]] }).notNull(),
    officeId: officeColumn(),
    countyId: integer('county_id').references(() => areas.id),
    month: text('month').notNull(),
    previousMonth: text('previous_month'),
    keys: integer('keys').notNull(),
  },
  (t) => [
    uniqueIndex('tally_key_months_unique').on(t.figure, sql`ifnull(${t.officeId}, 0)`, sql`ifnull(${t.countyId}, 0)`, t.month, sql`ifnull(${t.previousMonth}, '')`),
    // Covering, for a tally: a place's months of every figure (and each county's, for a breakdown by county).
    index('tally_key_months_place_idx').on(t.officeId, t.countyId, t.figure, t.month, t.previousMonth, t.keys),
    // Covering, for a tally from the beginning: the keys first counted in each month.
    index('tally_key_months_first_idx')
      .on(t.officeId, t.countyId, t.figure, t.month, t.keys)
      .where(sql`previous_month IS NULL`),
    ...enumChecks('tally_key_months', t),
  ],
);

/**
 * Records whose change the running totals have not taken in yet, written by triggers on the counted tables
 * (made from src/lib/tallies/tally-dependencies.ts) and emptied when the totals are next brought up to date. `subject` says what `key` is:
 * a day, an instant (ms), an event, the day of an event or of a visit, a household, a vehicle, an
 * institution, a staff record or an account.
 */
export const tallyChanges = sqliteTable(
  'tally_changes',
  {
    subject: text('subject', { enum: ['day', 'instant', 'event', 'event_day', 'visit_day', 'household', 'vehicle', 'institution', 'staff', 'user'] }).notNull(),
    key: text('key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.key] }), ...enumChecks('tally_changes', t)],
);
