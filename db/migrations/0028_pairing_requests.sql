CREATE TABLE `pairing_requests` (
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
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pairing_requests_state_idx` ON `pairing_requests` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `pairing_requests_institution_idx` ON `pairing_requests` (`institution_id`);--> statement-breakpoint
ALTER TABLE `pairings` ADD `ended_at` integer;--> statement-breakpoint
-- A second open-ended pairing of an institution with the same target opens nothing the first does not:
-- the older copies are ended, so that the rule below can hold.
UPDATE `pairings` SET `ended_at` = `created_at` WHERE `end_date` IS NULL AND `id` NOT IN (SELECT MAX(`id`) FROM `pairings` WHERE `end_date` IS NULL GROUP BY `institution_id`, `target`, coalesce(`village_id`, `area_id`, `household_id`));--> statement-breakpoint
CREATE UNIQUE INDEX `pairings_open_target_unique` ON `pairings` (`institution_id`, `target`, coalesce(`village_id`, `area_id`, `household_id`)) WHERE `end_date` IS NULL AND `ended_at` IS NULL;