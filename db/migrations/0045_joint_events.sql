PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	CONSTRAINT "institutions_kind_values" CHECK("__new_institutions"."kind" IN ('bureau', 'hospital', 'cdc', 'blood_station', 'maternal_child', 'township_centre', 'community_centre', 'village_clinic', 'association', 'government'))
);
--> statement-breakpoint
INSERT INTO `__new_institutions`("id", "name", "kind", "level", "parent_id", "contact_name", "contact_phone", "address", "area_id", "created_at") SELECT "id", "name", "kind", "level", "parent_id", "contact_name", "contact_phone", "address", "area_id", "created_at" FROM `institutions`;--> statement-breakpoint
DROP TABLE `institutions`;--> statement-breakpoint
ALTER TABLE `__new_institutions` RENAME TO `institutions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_name_unique` ON `institutions` (`name`);--> statement-breakpoint
CREATE INDEX `institutions_parent_idx` ON `institutions` (`parent_id`);--> statement-breakpoint
CREATE INDEX `institutions_area_idx` ON `institutions` (`area_id`);--> statement-breakpoint
CREATE TABLE `__new_event_coorganisers` (
	`event_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`state` text DEFAULT 'invited' NOT NULL,
	`invited_at` integer,
	`responded_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_coorganisers_state_values" CHECK("__new_event_coorganisers"."state" IN ('invited', 'accepted', 'declined'))
);
--> statement-breakpoint
-- Co-organisers written before invitations existed were entered by the organiser as running the event.
INSERT INTO `__new_event_coorganisers`("event_id", "institution_id", "state") SELECT "event_id", "institution_id", 'accepted' FROM `event_coorganisers`;--> statement-breakpoint
DROP TABLE `event_coorganisers`;--> statement-breakpoint
ALTER TABLE `__new_event_coorganisers` RENAME TO `event_coorganisers`;--> statement-breakpoint
CREATE UNIQUE INDEX `event_coorganisers_unique` ON `event_coorganisers` (`event_id`,`institution_id`);--> statement-breakpoint
CREATE INDEX `event_coorganisers_institution_idx` ON `event_coorganisers` (`institution_id`);--> statement-breakpoint
ALTER TABLE `signups` ADD `sent_by` integer REFERENCES institutions(id);