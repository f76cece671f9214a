// The database schema. Times are integer milliseconds since the epoch (UTC) unless a column says
// otherwise; money is integer fen and weights integer grams (docs/decisions/0003-integers-for-money.md).
// Only portable column types are used so that PostgreSQL can follow.
import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const ROLES = ['admin', 'coordinator', 'member', 'publicity'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('institutions_name_unique').on(t.name), index('institutions_parent_idx').on(t.parentId)],
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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

// Lucia's table: expires_at is in seconds, as its adapter writes it.
export const sessions = sqliteTable(
  'sessions',
  {
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
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose)],
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
    sentAt: integer('sent_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_message_id_unique').on(t.messageId), index('outbox_due_idx').on(t.state, t.nextAttemptAt)],
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

export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
});
