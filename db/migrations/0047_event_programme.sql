CREATE TABLE `event_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`place` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_parts_end_after_start" CHECK("event_parts"."end_time" > "event_parts"."start_time"),
	CONSTRAINT "event_parts_kind_values" CHECK("event_parts"."kind" IN ('ceremony', 'clinic', 'rounds', 'talk', 'screening', 'performance', 'other'))
);
--> statement-breakpoint
CREATE INDEX `event_parts_event_idx` ON `event_parts` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_parts_of_event` ON `event_parts` (`id`,`event_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_event_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`specialty` text,
	`requirement` text DEFAULT 'none' NOT NULL,
	`part_id` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`part_id`,`event_id`) REFERENCES `event_parts`(`id`,`event_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_roles_kind_values" CHECK("__new_event_roles"."kind" IN ('doctor', 'nurse', 'pharmacist', 'driver', 'logistics', 'publicity', 'volunteer')),
	CONSTRAINT "event_roles_requirement_values" CHECK("__new_event_roles"."requirement" IN ('none', 'licensed_doctor', 'members_only'))
);
--> statement-breakpoint
INSERT INTO `__new_event_roles`("id", "event_id", "kind", "specialty", "requirement") SELECT "id", "event_id", "kind", "specialty", "requirement" FROM `event_roles`;--> statement-breakpoint
DROP TABLE `event_roles`;--> statement-breakpoint
ALTER TABLE `__new_event_roles` RENAME TO `event_roles`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `event_roles_event_idx` ON `event_roles` (`event_id`);--> statement-breakpoint
CREATE INDEX `event_roles_part_idx` ON `event_roles` (`part_id`) WHERE part_id IS NOT NULL;