-- What each kind of event reports in its own column; the head count of a health talk or a launch moves to its audience.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	`audience` integer,
	`trainees` integer,
	`training_hours` integer,
	`consultations` integer,
	`prescriptions` integer,
	`clinics_served` integer,
	`screened` integer,
	`positives_referred` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_kind_values" CHECK("__new_events"."kind" IN ('free_clinic', 'visit_round', 'rounds', 'lecture', 'health_check', 'launch', 'training', 'remote_consultation', 'screening')),
	CONSTRAINT "events_entered_in_values" CHECK("__new_events"."entered_in" IN ('WGS84', 'GCJ02', 'BD09')),
	CONSTRAINT "events_state_values" CHECK("__new_events"."state" IN ('draft', 'published', 'done', 'cancelled')),
	CONSTRAINT "events_end_after_start" CHECK("__new_events"."end_time" > "__new_events"."start_time"),
	CONSTRAINT "events_people_seen_of_kind" CHECK("__new_events"."people_seen" IS NULL OR ("__new_events"."people_seen" >= 0 AND "__new_events"."kind" IN ('free_clinic', 'visit_round', 'rounds', 'health_check'))),
	CONSTRAINT "events_audience_of_kind" CHECK("__new_events"."audience" IS NULL OR ("__new_events"."audience" >= 0 AND "__new_events"."kind" IN ('lecture', 'launch'))),
	CONSTRAINT "events_trainees_of_kind" CHECK("__new_events"."trainees" IS NULL OR ("__new_events"."trainees" >= 0 AND "__new_events"."kind" IN ('training'))),
	CONSTRAINT "events_training_hours_of_kind" CHECK("__new_events"."training_hours" IS NULL OR ("__new_events"."training_hours" >= 0 AND "__new_events"."kind" IN ('training'))),
	CONSTRAINT "events_consultations_of_kind" CHECK("__new_events"."consultations" IS NULL OR ("__new_events"."consultations" >= 0 AND "__new_events"."kind" IN ('remote_consultation'))),
	CONSTRAINT "events_prescriptions_of_kind" CHECK("__new_events"."prescriptions" IS NULL OR ("__new_events"."prescriptions" >= 0 AND "__new_events"."kind" IN ('remote_consultation'))),
	CONSTRAINT "events_clinics_served_of_kind" CHECK("__new_events"."clinics_served" IS NULL OR ("__new_events"."clinics_served" >= 0 AND "__new_events"."kind" IN ('remote_consultation'))),
	CONSTRAINT "events_screened_of_kind" CHECK("__new_events"."screened" IS NULL OR ("__new_events"."screened" >= 0 AND "__new_events"."kind" IN ('screening'))),
	CONSTRAINT "events_positives_referred_of_kind" CHECK("__new_events"."positives_referred" IS NULL OR ("__new_events"."positives_referred" >= 0 AND "__new_events"."kind" IN ('screening')))
);
--> statement-breakpoint
INSERT INTO `__new_events`("id", "campaign_id", "organiser_id", "kind", "title", "date", "start_time", "end_time", "village_id", "address", "township_id", "lat", "lng", "entered_in", "services", "expected_attendance", "notes", "state", "cancel_reason", "checkin_code", "people_seen", "audience", "trainees", "training_hours", "consultations", "prescriptions", "clinics_served", "screened", "positives_referred", "created_at") SELECT "id", "campaign_id", "organiser_id", "kind", "title", "date", "start_time", "end_time", "village_id", "address", "township_id", "lat", "lng", "entered_in", "services", "expected_attendance", "notes", "state", "cancel_reason", "checkin_code", CASE WHEN "kind" IN ('lecture', 'launch') THEN NULL ELSE "people_seen" END, CASE WHEN "kind" IN ('lecture', 'launch') THEN "people_seen" END, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "created_at" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `events_organiser_idx` ON `events` (`organiser_id`);--> statement-breakpoint
CREATE INDEX `events_campaign_idx` ON `events` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date`);--> statement-breakpoint
CREATE INDEX `events_village_idx` ON `events` (`village_id`);--> statement-breakpoint
CREATE INDEX `events_township_idx` ON `events` (`township_id`);--> statement-breakpoint
ALTER TABLE `tally_days` ADD `talks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `audience` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `training_sessions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `trainees` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `training_hours` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `consultations` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `prescriptions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `clinics_served` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `screened` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `positives_referred` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every done event is counted again: talks and launches no longer count as people seen.
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event', id FROM events;
