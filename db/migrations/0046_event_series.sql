CREATE TABLE `event_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`frequency` text NOT NULL,
	`weekday` integer NOT NULL,
	`week_of_month` integer,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`village_id` integer,
	`address` text,
	`county_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_series_kind_values" CHECK("event_series"."kind" IN ('free_clinic', 'visit_round', 'rounds', 'lecture', 'health_check', 'launch', 'training', 'remote_consultation', 'screening')),
	CONSTRAINT "event_series_frequency_values" CHECK("event_series"."frequency" IN ('weekly', 'monthly')),
	CONSTRAINT "event_series_weekday" CHECK("event_series"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "event_series_week_of_month" CHECK(("event_series"."frequency" = 'monthly' AND "event_series"."week_of_month" BETWEEN 1 AND 5) OR ("event_series"."frequency" = 'weekly' AND "event_series"."week_of_month" IS NULL)),
	CONSTRAINT "event_series_end_after_start" CHECK("event_series"."end_date" >= "event_series"."start_date" AND "event_series"."end_time" > "event_series"."start_time"),
	CONSTRAINT "event_series_one_place" CHECK(("event_series"."village_id" IS NOT NULL) + ("event_series"."address" IS NOT NULL) + ("event_series"."county_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `event_series_organiser_idx` ON `event_series` (`organiser_id`);--> statement-breakpoint
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
	`series_id` integer,
	`series_date` text,
	`series_place` integer,
	`changed_alone_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `event_series`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "events_series_whole" CHECK(("__new_events"."series_id" IS NULL) = ("__new_events"."series_date" IS NULL) AND ("__new_events"."series_date" IS NULL) = ("__new_events"."series_place" IS NULL)),
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
INSERT INTO `__new_events`("id", "campaign_id", "organiser_id", "kind", "title", "date", "start_time", "end_time", "village_id", "address", "township_id", "lat", "lng", "entered_in", "services", "expected_attendance", "notes", "state", "cancel_reason", "checkin_code", "people_seen", "audience", "trainees", "training_hours", "consultations", "prescriptions", "clinics_served", "screened", "positives_referred", "created_at") SELECT "id", "campaign_id", "organiser_id", "kind", "title", "date", "start_time", "end_time", "village_id", "address", "township_id", "lat", "lng", "entered_in", "services", "expected_attendance", "notes", "state", "cancel_reason", "checkin_code", "people_seen", "audience", "trainees", "training_hours", "consultations", "prescriptions", "clinics_served", "screened", "positives_referred", "created_at" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `events_organiser_idx` ON `events` (`organiser_id`);--> statement-breakpoint
CREATE INDEX `events_campaign_idx` ON `events` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date`);--> statement-breakpoint
CREATE INDEX `events_village_idx` ON `events` (`village_id`);--> statement-breakpoint
CREATE INDEX `events_township_idx` ON `events` (`township_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_series_unique` ON `events` (`series_id`,`series_date`,`series_place`);