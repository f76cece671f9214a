CREATE TABLE `donations` (
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
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `donations_institution_idx` ON `donations` (`institution_id`,`date`);--> statement-breakpoint
CREATE INDEX `donations_village_idx` ON `donations` (`village_id`);--> statement-breakpoint
CREATE INDEX `donations_event_idx` ON `donations` (`event_id`);