-- The database now holds to what the code assumed: every listed value (kinds, states, units…), amounts that
-- cannot be negative, capacities above nought, ends after starts, and one target per pairing. SQLite adds a
-- CHECK only by rebuilding a table, so each is made anew and its rows copied; the site never wrote a row that
-- breaks one, and a row written by hand that does stops the migration with the constraint's name, before
-- anything is changed (the migrations run in one transaction).
-- The running totals' triggers name tables being rebuilt, which stops the rebuild: they are dropped here and
-- made again from their declaration once the migrations are done (src/lib/tallies/tally-dependencies.ts).
DROP TRIGGER IF EXISTS `tally_areas_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_dispatches_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_dispatches_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_dispatches_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_donations_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_donations_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_donations_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_event_coorganisers_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_event_coorganisers_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_event_coorganisers_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_event_roles_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_event_roles_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_event_roles_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_events_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_events_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_events_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_households_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_items_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_purchases_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_purchases_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_purchases_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_shifts_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_shifts_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_shifts_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_signups_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_signups_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_signups_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_staff_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_stock_entries_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_stock_entries_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_stock_entries_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_vehicles_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_villages_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_visit_readings_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_visit_readings_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_visit_readings_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_visits_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_visits_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_visits_update`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`poverty_county` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "areas_level_values" CHECK("__new_areas"."level" IN ('province', 'city', 'county', 'township'))
);
--> statement-breakpoint
INSERT INTO `__new_areas`("id", "parent_id", "level", "name", "poverty_county", "created_at") SELECT "id", "parent_id", "level", "name", "poverty_county", "created_at" FROM `areas`;--> statement-breakpoint
DROP TABLE `areas`;--> statement-breakpoint
ALTER TABLE `__new_areas` RENAME TO `areas`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `areas_parent_name_unique` ON `areas` (`parent_id`,`name`);--> statement-breakpoint
CREATE INDEX `areas_level_idx` ON `areas` (`level`);--> statement-breakpoint
CREATE TABLE `__new_campaign_participants` (
	`campaign_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`state` text DEFAULT 'invited' NOT NULL,
	`responded_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "campaign_participants_state_values" CHECK("__new_campaign_participants"."state" IN ('invited', 'accepted', 'declined'))
);
--> statement-breakpoint
INSERT INTO `__new_campaign_participants`("campaign_id", "institution_id", "state", "responded_at") SELECT "campaign_id", "institution_id", "state", "responded_at" FROM `campaign_participants`;--> statement-breakpoint
DROP TABLE `campaign_participants`;--> statement-breakpoint
ALTER TABLE `__new_campaign_participants` RENAME TO `campaign_participants`;--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_participants_unique` ON `campaign_participants` (`campaign_id`,`institution_id`);--> statement-breakpoint
CREATE TABLE `__new_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`organiser_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "campaigns_end_after_start" CHECK("__new_campaigns"."end_date" >= "__new_campaigns"."start_date")
);
--> statement-breakpoint
INSERT INTO `__new_campaigns`("id", "name", "organiser_id", "start_date", "end_date", "description", "created_at") SELECT "id", "name", "organiser_id", "start_date", "end_date", "description", "created_at" FROM `campaigns`;--> statement-breakpoint
DROP TABLE `campaigns`;--> statement-breakpoint
ALTER TABLE `__new_campaigns` RENAME TO `campaigns`;--> statement-breakpoint
CREATE TABLE `__new_donations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`kind` text NOT NULL,
	`event_id` integer,
	`date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`description` text,
	`recipient_kind` text NOT NULL,
	`household_id` integer,
	`village_id` integer,
	`recipient_name` text,
	`group_size` integer,
	`purpose` text,
	`approved_by` text,
	`voided_at` integer,
	`void_reason` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "donations_kind_values" CHECK("__new_donations"."kind" IN ('cash', 'in_kind')),
	CONSTRAINT "donations_recipient_kind_values" CHECK("__new_donations"."recipient_kind" IN ('household', 'person', 'village', 'group')),
	CONSTRAINT "donations_amount_positive" CHECK("__new_donations"."amount_fen" > 0)
);
--> statement-breakpoint
INSERT INTO `__new_donations`("id", "institution_id", "kind", "event_id", "date", "amount_fen", "description", "recipient_kind", "household_id", "village_id", "recipient_name", "group_size", "purpose", "approved_by", "voided_at", "void_reason", "created_by", "created_at") SELECT "id", "institution_id", "kind", "event_id", "date", "amount_fen", "description", "recipient_kind", "household_id", "village_id", "recipient_name", "group_size", "purpose", "approved_by", "voided_at", "void_reason", "created_by", "created_at" FROM `donations`;--> statement-breakpoint
DROP TABLE `donations`;--> statement-breakpoint
ALTER TABLE `__new_donations` RENAME TO `donations`;--> statement-breakpoint
CREATE INDEX `donations_institution_idx` ON `donations` (`institution_id`,`date`);--> statement-breakpoint
CREATE INDEX `donations_village_idx` ON `donations` (`village_id`);--> statement-breakpoint
CREATE INDEX `donations_event_idx` ON `donations` (`event_id`);--> statement-breakpoint
CREATE INDEX `donations_date_idx` ON `donations` (`date`);--> statement-breakpoint
CREATE TABLE `__new_email_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "email_tokens_purpose_values" CHECK("__new_email_tokens"."purpose" IN ('verify_email', 'reset_password'))
);
--> statement-breakpoint
INSERT INTO `__new_email_tokens`("token_hash", "user_id", "purpose", "expires_at", "used_at", "created_at") SELECT "token_hash", "user_id", "purpose", "expires_at", "used_at", "created_at" FROM `email_tokens`;--> statement-breakpoint
DROP TABLE `email_tokens`;--> statement-breakpoint
ALTER TABLE `__new_email_tokens` RENAME TO `email_tokens`;--> statement-breakpoint
CREATE INDEX `email_tokens_user_idx` ON `email_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `__new_event_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`specialty` text,
	`requirement` text DEFAULT 'none' NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_roles_kind_values" CHECK("__new_event_roles"."kind" IN ('doctor', 'nurse', 'pharmacist', 'driver', 'logistics', 'publicity', 'volunteer')),
	CONSTRAINT "event_roles_requirement_values" CHECK("__new_event_roles"."requirement" IN ('none', 'licensed_doctor', 'members_only'))
);
--> statement-breakpoint
INSERT INTO `__new_event_roles`("id", "event_id", "kind", "specialty", "requirement") SELECT "id", "event_id", "kind", "specialty", "requirement" FROM `event_roles`;--> statement-breakpoint
DROP TABLE `event_roles`;--> statement-breakpoint
ALTER TABLE `__new_event_roles` RENAME TO `event_roles`;--> statement-breakpoint
CREATE INDEX `event_roles_event_idx` ON `event_roles` (`event_id`);--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer,
	`organiser_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`village_id` integer,
	`address` text,
	`township_id` integer,
	`lat` real,
	`lng` real,
	`entered_in` text,
	`services` text DEFAULT '[]' NOT NULL,
	`expected_attendance` integer,
	`notes` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`checkin_code` text,
	`people_seen` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_kind_values" CHECK("__new_events"."kind" IN ('free_clinic', 'visit_round', 'rounds', 'lecture', 'health_check', 'launch')),
	CONSTRAINT "events_entered_in_values" CHECK("__new_events"."entered_in" IN ('WGS84', 'GCJ02', 'BD09')),
	CONSTRAINT "events_state_values" CHECK("__new_events"."state" IN ('draft', 'published', 'done', 'cancelled')),
	CONSTRAINT "events_end_after_start" CHECK("__new_events"."end_time" > "__new_events"."start_time"),
	CONSTRAINT "events_people_seen" CHECK("__new_events"."people_seen" IS NULL OR "__new_events"."people_seen" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_events`("id", "campaign_id", "organiser_id", "kind", "title", "date", "start_time", "end_time", "village_id", "address", "township_id", "lat", "lng", "entered_in", "services", "expected_attendance", "notes", "state", "cancel_reason", "checkin_code", "people_seen", "created_at") SELECT "id", "campaign_id", "organiser_id", "kind", "title", "date", "start_time", "end_time", "village_id", "address", "township_id", "lat", "lng", "entered_in", "services", "expected_attendance", "notes", "state", "cancel_reason", "checkin_code", "people_seen", "created_at" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
CREATE INDEX `events_organiser_idx` ON `events` (`organiser_id`);--> statement-breakpoint
CREATE INDEX `events_campaign_idx` ON `events` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date`);--> statement-breakpoint
CREATE INDEX `events_village_idx` ON `events` (`village_id`);--> statement-breakpoint
CREATE INDEX `events_township_idx` ON `events` (`township_id`);--> statement-breakpoint
CREATE TABLE `__new_household_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`name` text NOT NULL,
	`relation` text NOT NULL,
	`birth_year` integer,
	`sex` text,
	`disability_grade` integer,
	`chronic_illness` text,
	`major_illness` text,
	`removed_on` text,
	`removal_reason` text,
	`removal_note` text,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "household_members_sex_values" CHECK("__new_household_members"."sex" IN ('male', 'female')),
	CONSTRAINT "household_members_removal_reason_values" CHECK("__new_household_members"."removal_reason" IN ('deceased', 'moved_out', 'split', 'married_out', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_household_members`("id", "household_id", "name", "relation", "birth_year", "sex", "disability_grade", "chronic_illness", "major_illness", "removed_on", "removal_reason", "removal_note") SELECT "id", "household_id", "name", "relation", "birth_year", "sex", "disability_grade", "chronic_illness", "major_illness", "removed_on", "removal_reason", "removal_note" FROM `household_members`;--> statement-breakpoint
DROP TABLE `household_members`;--> statement-breakpoint
ALTER TABLE `__new_household_members` RENAME TO `household_members`;--> statement-breakpoint
CREATE INDEX `household_members_household_idx` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE TABLE `__new_households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`hamlet` text,
	`head_name` text NOT NULL,
	`id_number_cipher` text NOT NULL,
	`id_number_index` text NOT NULL,
	`id_number_masked` text NOT NULL,
	`phone` text,
	`address` text,
	`cause` text NOT NULL,
	`status` text DEFAULT 'registered' NOT NULL,
	`lifted_year` integer,
	`county_doctor` text,
	`township_doctor` text,
	`village_doctor` text,
	`lat` real,
	`lng` real,
	`entered_in` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "households_cause_values" CHECK("__new_households"."cause" IN ('illness', 'disability', 'education', 'lack_of_labour', 'disaster', 'lack_of_land', 'other')),
	CONSTRAINT "households_status_values" CHECK("__new_households"."status" IN ('registered', 'lifted', 'monitoring')),
	CONSTRAINT "households_entered_in_values" CHECK("__new_households"."entered_in" IN ('WGS84', 'GCJ02', 'BD09'))
);
--> statement-breakpoint
INSERT INTO `__new_households`("id", "village_id", "hamlet", "head_name", "id_number_cipher", "id_number_index", "id_number_masked", "phone", "address", "cause", "status", "lifted_year", "county_doctor", "township_doctor", "village_doctor", "lat", "lng", "entered_in", "created_at") SELECT "id", "village_id", "hamlet", "head_name", "id_number_cipher", "id_number_index", "id_number_masked", "phone", "address", "cause", "status", "lifted_year", "county_doctor", "township_doctor", "village_doctor", "lat", "lng", "entered_in", "created_at" FROM `households`;--> statement-breakpoint
DROP TABLE `households`;--> statement-breakpoint
ALTER TABLE `__new_households` RENAME TO `households`;--> statement-breakpoint
CREATE UNIQUE INDEX `households_id_number_unique` ON `households` (`id_number_index`);--> statement-breakpoint
CREATE INDEX `households_village_idx` ON `households` (`village_id`);--> statement-breakpoint
CREATE TABLE `__new_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`institution_id` integer,
	`file_name` text NOT NULL,
	`encoding` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'staged' NOT NULL,
	`mode` text,
	`ran` text,
	`mapping` text,
	`pass` text,
	`progress` integer DEFAULT 0 NOT NULL,
	`created_count` integer,
	`unchanged_count` integer,
	`rejected` text,
	`created_at` integer NOT NULL,
	`applied_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "imports_kind_values" CHECK("__new_imports"."kind" IN ('villages', 'households', 'staff')),
	CONSTRAINT "imports_state_values" CHECK("__new_imports"."state" IN ('staged', 'running', 'checked', 'applied')),
	CONSTRAINT "imports_mode_values" CHECK("__new_imports"."mode" IN ('all_or_nothing', 'valid_only')),
	CONSTRAINT "imports_ran_values" CHECK("__new_imports"."ran" IN ('check', 'apply')),
	CONSTRAINT "imports_pass_values" CHECK("__new_imports"."pass" IN ('check', 'apply'))
);
--> statement-breakpoint
INSERT INTO `__new_imports`("id", "user_id", "kind", "institution_id", "file_name", "encoding", "payload", "state", "mode", "ran", "mapping", "pass", "progress", "created_count", "unchanged_count", "rejected", "created_at", "applied_at") SELECT "id", "user_id", "kind", "institution_id", "file_name", "encoding", "payload", "state", "mode", "ran", "mapping", "pass", "progress", "created_count", "unchanged_count", "rejected", "created_at", "applied_at" FROM `imports`;--> statement-breakpoint
DROP TABLE `imports`;--> statement-breakpoint
ALTER TABLE `__new_imports` RENAME TO `imports`;--> statement-breakpoint
CREATE INDEX `imports_user_idx` ON `imports` (`user_id`);--> statement-breakpoint
CREATE TABLE `__new_institutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`level` text,
	`parent_id` integer,
	`contact_name` text,
	`contact_phone` text,
	`address` text,
	`area_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "institutions_kind_values" CHECK("__new_institutions"."kind" IN ('bureau', 'hospital', 'cdc', 'blood_station', 'maternal_child', 'township_centre', 'community_centre', 'village_clinic', 'association'))
);
--> statement-breakpoint
INSERT INTO `__new_institutions`("id", "name", "kind", "level", "parent_id", "contact_name", "contact_phone", "address", "area_id", "created_at") SELECT "id", "name", "kind", "level", "parent_id", "contact_name", "contact_phone", "address", "area_id", "created_at" FROM `institutions`;--> statement-breakpoint
DROP TABLE `institutions`;--> statement-breakpoint
ALTER TABLE `__new_institutions` RENAME TO `institutions`;--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_name_unique` ON `institutions` (`name`);--> statement-breakpoint
CREATE INDEX `institutions_parent_idx` ON `institutions` (`parent_id`);--> statement-breakpoint
CREATE INDEX `institutions_area_idx` ON `institutions` (`area_id`);--> statement-breakpoint
CREATE TABLE `__new_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`generic_name` text,
	`specification` text,
	`dosage_form` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "items_kind_values" CHECK("__new_items"."kind" IN ('drug', 'consumable', 'cotton_coat', 'quilt', 'rice', 'flour', 'oil', 'pig_feed', 'rat_poison', 'disinfectant', 'other_relief', 'leaflet', 'poster', 'booklet')),
	CONSTRAINT "items_unit_values" CHECK("__new_items"."unit" IN ('box', 'bottle', 'strip', 'bag', 'pack', 'piece', 'bed', 'set', 'copy', 'sheet', 'book', 'case', 'barrel', 'jin', 'kg')),
	CONSTRAINT "items_price_not_negative" CHECK("__new_items"."unit_price_fen" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_items`("id", "institution_id", "name", "kind", "unit", "unit_price_fen", "generic_name", "specification", "dosage_form", "created_at") SELECT "id", "institution_id", "name", "kind", "unit", "unit_price_fen", "generic_name", "specification", "dosage_form", "created_at" FROM `items`;--> statement-breakpoint
DROP TABLE `items`;--> statement-breakpoint
ALTER TABLE `__new_items` RENAME TO `items`;--> statement-breakpoint
CREATE UNIQUE INDEX `items_name_unique` ON `items` (`institution_id`,`name`,`specification`);--> statement-breakpoint
CREATE TABLE `__new_memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`institution_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_role_values" CHECK("__new_memberships"."role" IN ('admin', 'coordinator', 'member', 'publicity', 'operator'))
);
--> statement-breakpoint
INSERT INTO `__new_memberships`("id", "user_id", "institution_id", "role", "created_at") SELECT "id", "user_id", "institution_id", "role", "created_at" FROM `memberships`;--> statement-breakpoint
DROP TABLE `memberships`;--> statement-breakpoint
ALTER TABLE `__new_memberships` RENAME TO `memberships`;--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_institution_unique` ON `memberships` (`user_id`,`institution_id`);--> statement-breakpoint
CREATE INDEX `memberships_institution_idx` ON `memberships` (`institution_id`);--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`attachments` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "outbox_locale_values" CHECK("__new_outbox"."locale" IN ('zh-CN', 'en')),
	CONSTRAINT "outbox_state_values" CHECK("__new_outbox"."state" IN ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "message_id", "kind", "recipient", "locale", "subject", "body", "state", "attempts", "next_attempt_at", "lease_until", "last_error", "attachments", "sent_at", "created_at") SELECT "id", "message_id", "kind", "recipient", "locale", "subject", "body", "state", "attempts", "next_attempt_at", "lease_until", "last_error", "attachments", "sent_at", "created_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `__new_pairing_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`target` text NOT NULL,
	`village_id` integer,
	`area_id` integer,
	`household_id` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`responsible_name` text,
	`obligation` text DEFAULT 'monthly' NOT NULL,
	`note` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`requested_by` text,
	`decided_by` text,
	`decided_at` integer,
	`decision_reason` text,
	`pairing_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pairing_requests_target_values" CHECK("__new_pairing_requests"."target" IN ('village', 'township', 'household', 'county')),
	CONSTRAINT "pairing_requests_obligation_values" CHECK("__new_pairing_requests"."obligation" IN ('weekly', 'monthly', 'quarterly', 'none')),
	CONSTRAINT "pairing_requests_state_values" CHECK("__new_pairing_requests"."state" IN ('pending', 'approved', 'refused', 'withdrawn')),
	CONSTRAINT "pairing_requests_one_target" CHECK(("__new_pairing_requests"."target" = 'village' AND "__new_pairing_requests"."village_id" IS NOT NULL AND "__new_pairing_requests"."area_id" IS NULL AND "__new_pairing_requests"."household_id" IS NULL)
        OR ("__new_pairing_requests"."target" = 'household' AND "__new_pairing_requests"."household_id" IS NOT NULL AND "__new_pairing_requests"."village_id" IS NULL AND "__new_pairing_requests"."area_id" IS NULL)
        OR ("__new_pairing_requests"."target" IN ('township', 'county') AND "__new_pairing_requests"."area_id" IS NOT NULL AND "__new_pairing_requests"."village_id" IS NULL AND "__new_pairing_requests"."household_id" IS NULL)),
	CONSTRAINT "pairing_requests_end_after_start" CHECK("__new_pairing_requests"."end_date" IS NULL OR "__new_pairing_requests"."end_date" >= "__new_pairing_requests"."start_date")
);
--> statement-breakpoint
INSERT INTO `__new_pairing_requests`("id", "institution_id", "target", "village_id", "area_id", "household_id", "start_date", "end_date", "responsible_name", "obligation", "note", "state", "requested_by", "decided_by", "decided_at", "decision_reason", "pairing_id", "created_at") SELECT "id", "institution_id", "target", "village_id", "area_id", "household_id", "start_date", "end_date", "responsible_name", "obligation", "note", "state", "requested_by", "decided_by", "decided_at", "decision_reason", "pairing_id", "created_at" FROM `pairing_requests`;--> statement-breakpoint
DROP TABLE `pairing_requests`;--> statement-breakpoint
ALTER TABLE `__new_pairing_requests` RENAME TO `pairing_requests`;--> statement-breakpoint
CREATE INDEX `pairing_requests_state_idx` ON `pairing_requests` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `pairing_requests_institution_idx` ON `pairing_requests` (`institution_id`);--> statement-breakpoint
CREATE TABLE `__new_pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`target` text NOT NULL,
	`village_id` integer,
	`area_id` integer,
	`household_id` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`responsible_name` text,
	`obligation` text DEFAULT 'monthly' NOT NULL,
	`last_visited_at` integer,
	`ended_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "pairings_target_values" CHECK("__new_pairings"."target" IN ('village', 'township', 'household', 'county')),
	CONSTRAINT "pairings_obligation_values" CHECK("__new_pairings"."obligation" IN ('weekly', 'monthly', 'quarterly', 'none')),
	CONSTRAINT "pairings_one_target" CHECK(("__new_pairings"."target" = 'village' AND "__new_pairings"."village_id" IS NOT NULL AND "__new_pairings"."area_id" IS NULL AND "__new_pairings"."household_id" IS NULL)
        OR ("__new_pairings"."target" = 'household' AND "__new_pairings"."household_id" IS NOT NULL AND "__new_pairings"."village_id" IS NULL AND "__new_pairings"."area_id" IS NULL)
        OR ("__new_pairings"."target" IN ('township', 'county') AND "__new_pairings"."area_id" IS NOT NULL AND "__new_pairings"."village_id" IS NULL AND "__new_pairings"."household_id" IS NULL)),
	CONSTRAINT "pairings_end_after_start" CHECK("__new_pairings"."end_date" IS NULL OR "__new_pairings"."end_date" >= "__new_pairings"."start_date")
);
--> statement-breakpoint
INSERT INTO `__new_pairings`("id", "institution_id", "target", "village_id", "area_id", "household_id", "start_date", "end_date", "responsible_name", "obligation", "last_visited_at", "ended_at", "created_at") SELECT "id", "institution_id", "target", "village_id", "area_id", "household_id", "start_date", "end_date", "responsible_name", "obligation", "last_visited_at", "ended_at", "created_at" FROM `pairings`;--> statement-breakpoint
DROP TABLE `pairings`;--> statement-breakpoint
ALTER TABLE `__new_pairings` RENAME TO `pairings`;--> statement-breakpoint
CREATE INDEX `pairings_institution_idx` ON `pairings` (`institution_id`);--> statement-breakpoint
CREATE INDEX `pairings_village_idx` ON `pairings` (`village_id`);--> statement-breakpoint
CREATE INDEX `pairings_household_idx` ON `pairings` (`household_id`);--> statement-breakpoint
CREATE INDEX `pairings_area_idx` ON `pairings` (`area_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pairings_open_target_unique` ON `pairings` (`institution_id`, `target`, coalesce(`village_id`, `area_id`, `household_id`)) WHERE `end_date` IS NULL AND `ended_at` IS NULL;--> statement-breakpoint
CREATE TABLE `__new_purchases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`buyer_unit` text,
	`seller_kind` text NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer,
	`seller_name` text,
	`product` text NOT NULL,
	`unit` text NOT NULL,
	`quantity_ordered` integer NOT NULL,
	`quantity_delivered` integer,
	`unit_price_fen` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`delivery_date` text NOT NULL,
	`payment_state` text DEFAULT 'unpaid' NOT NULL,
	`receipt_photo` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "purchases_seller_kind_values" CHECK("__new_purchases"."seller_kind" IN ('village_collective', 'cooperative', 'household')),
	CONSTRAINT "purchases_unit_values" CHECK("__new_purchases"."unit" IN ('jin', 'kg', 'case')),
	CONSTRAINT "purchases_payment_state_values" CHECK("__new_purchases"."payment_state" IN ('unpaid', 'paid')),
	CONSTRAINT "purchases_amounts" CHECK("__new_purchases"."quantity_ordered" > 0 AND ("__new_purchases"."quantity_delivered" IS NULL OR "__new_purchases"."quantity_delivered" >= 0) AND "__new_purchases"."unit_price_fen" >= 0 AND "__new_purchases"."total_fen" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_purchases`("id", "institution_id", "buyer_unit", "seller_kind", "village_id", "household_id", "seller_name", "product", "unit", "quantity_ordered", "quantity_delivered", "unit_price_fen", "total_fen", "delivery_date", "payment_state", "receipt_photo", "created_by", "created_at") SELECT "id", "institution_id", "buyer_unit", "seller_kind", "village_id", "household_id", "seller_name", "product", "unit", "quantity_ordered", "quantity_delivered", "unit_price_fen", "total_fen", "delivery_date", "payment_state", "receipt_photo", "created_by", "created_at" FROM `purchases`;--> statement-breakpoint
DROP TABLE `purchases`;--> statement-breakpoint
ALTER TABLE `__new_purchases` RENAME TO `purchases`;--> statement-breakpoint
CREATE INDEX `purchases_village_idx` ON `purchases` (`village_id`,`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_institution_idx` ON `purchases` (`institution_id`,`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_household_idx` ON `purchases` (`household_id`);--> statement-breakpoint
CREATE INDEX `purchases_delivery_idx` ON `purchases` (`delivery_date`);--> statement-breakpoint
CREATE TABLE `__new_shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `event_roles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "shifts_capacity_positive" CHECK("__new_shifts"."capacity" > 0),
	CONSTRAINT "shifts_end_after_start" CHECK("__new_shifts"."ends_at" > "__new_shifts"."starts_at")
);
--> statement-breakpoint
INSERT INTO `__new_shifts`("id", "role_id", "starts_at", "ends_at", "capacity") SELECT "id", "role_id", "starts_at", "ends_at", "capacity" FROM `shifts`;--> statement-breakpoint
DROP TABLE `shifts`;--> statement-breakpoint
ALTER TABLE `__new_shifts` RENAME TO `shifts`;--> statement-breakpoint
CREATE INDEX `shifts_role_idx` ON `shifts` (`role_id`);--> statement-breakpoint
CREATE INDEX `shifts_starts_idx` ON `shifts` (`starts_at`);--> statement-breakpoint
CREATE TABLE `__new_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`user_id` text,
	`staff_id` integer,
	`state` text NOT NULL,
	`offer_expires_at` integer,
	`offer_token_hash` text,
	`checked_in_at` integer,
	`checked_out_at` integer,
	`assigned_by` text,
	`reminded_at` integer,
	`reminder_token_hash` text,
	`reconfirmed_at` integer,
	`calendar_sent` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "signups_person" CHECK("__new_signups"."user_id" IS NOT NULL OR "__new_signups"."staff_id" IS NOT NULL),
	CONSTRAINT "signups_state_values" CHECK("__new_signups"."state" IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'no_show'))
);
--> statement-breakpoint
INSERT INTO `__new_signups`("id", "shift_id", "user_id", "staff_id", "state", "offer_expires_at", "offer_token_hash", "checked_in_at", "checked_out_at", "assigned_by", "reminded_at", "reminder_token_hash", "reconfirmed_at", "calendar_sent", "created_at", "cancelled_at") SELECT "id", "shift_id", "user_id", "staff_id", "state", "offer_expires_at", "offer_token_hash", "checked_in_at", "checked_out_at", "assigned_by", "reminded_at", "reminder_token_hash", "reconfirmed_at", "calendar_sent", "created_at", "cancelled_at" FROM `signups`;--> statement-breakpoint
DROP TABLE `signups`;--> statement-breakpoint
ALTER TABLE `__new_signups` RENAME TO `signups`;--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live_unique` ON `signups` (`shift_id`,`user_id`) WHERE state <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live_staff_unique` ON `signups` (`shift_id`,`staff_id`) WHERE state <> 'cancelled';--> statement-breakpoint
CREATE INDEX `signups_staff_idx` ON `signups` (`staff_id`);--> statement-breakpoint
CREATE INDEX `signups_shift_state_idx` ON `signups` (`shift_id`,`state`);--> statement-breakpoint
CREATE INDEX `signups_user_idx` ON `signups` (`user_id`);--> statement-breakpoint
CREATE TABLE `__new_staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`name` text NOT NULL,
	`sex` text,
	`title` text,
	`department` text,
	`profession` text NOT NULL,
	`licence_number` text,
	`phone` text,
	`user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "staff_sex_values" CHECK("__new_staff"."sex" IN ('male', 'female')),
	CONSTRAINT "staff_profession_values" CHECK("__new_staff"."profession" IN ('doctor', 'nurse', 'pharmacist', 'technician', 'driver', 'administrative', 'party_affairs'))
);
--> statement-breakpoint
INSERT INTO `__new_staff`("id", "institution_id", "name", "sex", "title", "department", "profession", "licence_number", "phone", "user_id", "created_at") SELECT "id", "institution_id", "name", "sex", "title", "department", "profession", "licence_number", "phone", "user_id", "created_at" FROM `staff`;--> statement-breakpoint
DROP TABLE `staff`;--> statement-breakpoint
ALTER TABLE `__new_staff` RENAME TO `staff`;--> statement-breakpoint
CREATE INDEX `staff_institution_idx` ON `staff` (`institution_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_account_unique` ON `staff` (`institution_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `staff_user_idx` ON `staff` (`user_id`,`profession`) WHERE user_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_stock_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`batch_no` text DEFAULT '' NOT NULL,
	`expiry_date` text,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`source` text,
	`donor` text,
	`reason` text,
	`event_id` integer,
	`household_id` integer,
	`recipient` text,
	`visit_id` integer,
	`reverses_id` integer,
	`occurred_on` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_id`) REFERENCES `stock_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "stock_entries_kind_values" CHECK("__new_stock_entries"."kind" IN ('receipt', 'handout', 'adjustment', 'reversal')),
	CONSTRAINT "stock_entries_source_values" CHECK("__new_stock_entries"."source" IN ('bought', 'donated_company', 'donated_staff', 'donated_other'))
);
--> statement-breakpoint
INSERT INTO `__new_stock_entries`("id", "institution_id", "item_id", "kind", "batch_no", "expiry_date", "quantity", "unit_price_fen", "value_fen", "source", "donor", "reason", "event_id", "household_id", "recipient", "visit_id", "reverses_id", "occurred_on", "created_by", "created_at") SELECT "id", "institution_id", "item_id", "kind", "batch_no", "expiry_date", "quantity", "unit_price_fen", "value_fen", "source", "donor", "reason", "event_id", "household_id", "recipient", "visit_id", "reverses_id", "occurred_on", "created_by", "created_at" FROM `stock_entries`;--> statement-breakpoint
DROP TABLE `stock_entries`;--> statement-breakpoint
ALTER TABLE `__new_stock_entries` RENAME TO `stock_entries`;--> statement-breakpoint
CREATE INDEX `stock_entries_item_idx` ON `stock_entries` (`institution_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `stock_entries_event_idx` ON `stock_entries` (`event_id`,`kind`,`item_id`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `stock_entries_household_idx` ON `stock_entries` (`household_id`) WHERE household_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `stock_entries_visit_idx` ON `stock_entries` (`visit_id`,`kind`,`event_id`,`item_id`,`quantity`,`value_fen`) WHERE visit_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `stock_entries_reverses_unique` ON `stock_entries` (`reverses_id`);--> statement-breakpoint
CREATE TABLE `__new_tally_changes` (
	`subject` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`subject`, `key`),
	CONSTRAINT "tally_changes_subject_values" CHECK("__new_tally_changes"."subject" IN ('day', 'instant', 'event', 'event_day', 'visit_day', 'household', 'vehicle', 'institution', 'staff', 'user'))
);
--> statement-breakpoint
INSERT INTO `__new_tally_changes`("subject", "key") SELECT "subject", "key" FROM `tally_changes`;--> statement-breakpoint
DROP TABLE `tally_changes`;--> statement-breakpoint
ALTER TABLE `__new_tally_changes` RENAME TO `tally_changes`;--> statement-breakpoint
CREATE TABLE `__new_tally_day_materials` (
	`day` text NOT NULL,
	`county_id` integer,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_day_materials_kind_values" CHECK("__new_tally_day_materials"."kind" IN ('drug', 'consumable', 'cotton_coat', 'quilt', 'rice', 'flour', 'oil', 'pig_feed', 'rat_poison', 'disinfectant', 'other_relief', 'leaflet', 'poster', 'booklet')),
	CONSTRAINT "tally_day_materials_unit_values" CHECK("__new_tally_day_materials"."unit" IN ('box', 'bottle', 'strip', 'bag', 'pack', 'piece', 'bed', 'set', 'copy', 'sheet', 'book', 'case', 'barrel', 'jin', 'kg'))
);
--> statement-breakpoint
INSERT INTO `__new_tally_day_materials`("day", "county_id", "kind", "unit", "quantity", "value_fen") SELECT "day", "county_id", "kind", "unit", "quantity", "value_fen" FROM `tally_day_materials`;--> statement-breakpoint
DROP TABLE `tally_day_materials`;--> statement-breakpoint
ALTER TABLE `__new_tally_day_materials` RENAME TO `tally_day_materials`;--> statement-breakpoint
CREATE INDEX `tally_day_materials_county_idx` ON `tally_day_materials` (`county_id`,`day`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_day_materials_day_idx` ON `tally_day_materials` (`day`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_day_materials_unique` ON `tally_day_materials` (`day`, ifnull(`county_id`, 0), `kind`, `unit`);--> statement-breakpoint
CREATE TABLE `__new_tally_first_days` (
	`figure` text NOT NULL,
	`county_id` integer,
	`key` text NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_first_days_figure_values" CHECK("__new_tally_first_days"."figure" IN ('institution', 'ambulance', 'medical_staff', 'volunteer', 'household'))
);
--> statement-breakpoint
INSERT INTO `__new_tally_first_days`("figure", "county_id", "key", "day") SELECT "figure", "county_id", "key", "day" FROM `tally_first_days`;--> statement-breakpoint
DROP TABLE `tally_first_days`;--> statement-breakpoint
ALTER TABLE `__new_tally_first_days` RENAME TO `tally_first_days`;--> statement-breakpoint
CREATE INDEX `tally_first_days_key_idx` ON `tally_first_days` (`figure`,`key`);--> statement-breakpoint
CREATE INDEX `tally_first_days_county_idx` ON `tally_first_days` (`county_id`,`figure`,`day`,`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_first_days_unique` ON `tally_first_days` (`figure`, ifnull(`county_id`, 0), `key`);--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`email_verified_at` integer,
	`doctor_licence` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "users_locale_values" CHECK("__new_users"."locale" IN ('zh-CN', 'en'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "password_hash", "locale", "email_verified_at", "doctor_licence", "created_at") SELECT "id", "email", "name", "password_hash", "locale", "email_verified_at", "doctor_licence", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `__new_vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`plate` text NOT NULL,
	`kind` text NOT NULL,
	`seats` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vehicles_kind_values" CHECK("__new_vehicles"."kind" IN ('ambulance', 'mobile_clinic', 'car', 'truck')),
	CONSTRAINT "vehicles_seats" CHECK("__new_vehicles"."seats" IS NULL OR "__new_vehicles"."seats" > 0)
);
--> statement-breakpoint
INSERT INTO `__new_vehicles`("id", "institution_id", "plate", "kind", "seats", "created_at") SELECT "id", "institution_id", "plate", "kind", "seats", "created_at" FROM `vehicles`;--> statement-breakpoint
DROP TABLE `vehicles`;--> statement-breakpoint
ALTER TABLE `__new_vehicles` RENAME TO `vehicles`;--> statement-breakpoint
CREATE UNIQUE INDEX `vehicles_plate_unique` ON `vehicles` (`plate`);--> statement-breakpoint
CREATE INDEX `vehicles_institution_idx` ON `vehicles` (`institution_id`);--> statement-breakpoint
CREATE TABLE `__new_villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'poverty_village' NOT NULL,
	`lifted_year` integer,
	`population` integer,
	`poor_households` integer,
	`doctor_name` text,
	`doctor_phone` text,
	`secretary_name` text,
	`secretary_phone` text,
	`lat` real,
	`lng` real,
	`entered_in` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "villages_status_values" CHECK("__new_villages"."status" IN ('poverty_village', 'lifted', 'not_poor')),
	CONSTRAINT "villages_entered_in_values" CHECK("__new_villages"."entered_in" IN ('WGS84', 'GCJ02', 'BD09'))
);
--> statement-breakpoint
INSERT INTO `__new_villages`("id", "township_id", "name", "status", "lifted_year", "population", "poor_households", "doctor_name", "doctor_phone", "secretary_name", "secretary_phone", "lat", "lng", "entered_in", "created_at") SELECT "id", "township_id", "name", "status", "lifted_year", "population", "poor_households", "doctor_name", "doctor_phone", "secretary_name", "secretary_phone", "lat", "lng", "entered_in", "created_at" FROM `villages`;--> statement-breakpoint
DROP TABLE `villages`;--> statement-breakpoint
ALTER TABLE `__new_villages` RENAME TO `villages`;--> statement-breakpoint
CREATE UNIQUE INDEX `villages_township_name_unique` ON `villages` (`township_id`,`name`);--> statement-breakpoint
CREATE INDEX `villages_name_idx` ON `villages` (`name`);--> statement-breakpoint
CREATE TABLE `__new_visit_checks` (
	`visit_id` integer NOT NULL,
	`item` text NOT NULL,
	`state` text NOT NULL,
	`note` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "visit_checks_item_values" CHECK("__new_visit_checks"."item" IN ('food', 'clothing', 'education', 'insurance', 'chronic_card', 'family_doctor', 'housing', 'water')),
	CONSTRAINT "visit_checks_state_values" CHECK("__new_visit_checks"."state" IN ('yes', 'no', 'concern'))
);
--> statement-breakpoint
INSERT INTO `__new_visit_checks`("visit_id", "item", "state", "note") SELECT "visit_id", "item", "state", "note" FROM `visit_checks`;--> statement-breakpoint
DROP TABLE `visit_checks`;--> statement-breakpoint
ALTER TABLE `__new_visit_checks` RENAME TO `visit_checks`;--> statement-breakpoint
CREATE UNIQUE INDEX `visit_checks_unique` ON `visit_checks` (`visit_id`,`item`);--> statement-breakpoint
CREATE TABLE `__new_visit_readings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`member_id` integer,
	`systolic` integer,
	`diastolic` integer,
	`glucose_tenths` integer,
	`glucose_timing` text,
	`findings` text,
	`advice` text,
	`referral_to` text,
	`referral_state` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `household_members`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "visit_readings_glucose_timing_values" CHECK("__new_visit_readings"."glucose_timing" IN ('fasting', 'after_meal', 'random')),
	CONSTRAINT "visit_readings_referral_state_values" CHECK("__new_visit_readings"."referral_state" IN ('planned', 'done'))
);
--> statement-breakpoint
INSERT INTO `__new_visit_readings`("id", "visit_id", "household_id", "member_id", "systolic", "diastolic", "glucose_tenths", "glucose_timing", "findings", "advice", "referral_to", "referral_state") SELECT "id", "visit_id", "household_id", "member_id", "systolic", "diastolic", "glucose_tenths", "glucose_timing", "findings", "advice", "referral_to", "referral_state" FROM `visit_readings`;--> statement-breakpoint
DROP TABLE `visit_readings`;--> statement-breakpoint
ALTER TABLE `__new_visit_readings` RENAME TO `visit_readings`;--> statement-breakpoint
CREATE INDEX `visit_readings_visit_idx` ON `visit_readings` (`visit_id`);--> statement-breakpoint
CREATE INDEX `visit_readings_household_idx` ON `visit_readings` (`household_id`);--> statement-breakpoint
CREATE TABLE `__new_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`event_id` integer,
	`visited_at` integer NOT NULL,
	`purpose` text NOT NULL,
	`income_change` text,
	`work_change` text,
	`housing_change` text,
	`health_change` text,
	`difficulties` text,
	`satisfaction` text,
	`notes` text,
	`submission_key` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "visits_purpose_values" CHECK("__new_visits"."purpose" IN ('care', 'rounds', 'follow_up', 'policy')),
	CONSTRAINT "visits_satisfaction_values" CHECK("__new_visits"."satisfaction" IN ('satisfied', 'fairly_satisfied', 'dissatisfied'))
);
--> statement-breakpoint
INSERT INTO `__new_visits`("id", "household_id", "institution_id", "event_id", "visited_at", "purpose", "income_change", "work_change", "housing_change", "health_change", "difficulties", "satisfaction", "notes", "submission_key", "created_by", "created_at") SELECT "id", "household_id", "institution_id", "event_id", "visited_at", "purpose", "income_change", "work_change", "housing_change", "health_change", "difficulties", "satisfaction", "notes", "submission_key", "created_by", "created_at" FROM `visits`;--> statement-breakpoint
DROP TABLE `visits`;--> statement-breakpoint
ALTER TABLE `__new_visits` RENAME TO `visits`;--> statement-breakpoint
CREATE INDEX `visits_household_idx` ON `visits` (`household_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_institution_idx` ON `visits` (`institution_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_visited_idx` ON `visits` (`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_event_idx` ON `visits` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `visits_submission_unique` ON `visits` (`submission_key`);