CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`action` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`done_at` integer,
	`done_note` text,
	`done_by` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `follow_ups_open_idx` ON `follow_ups` (`institution_id`,`due_date`) WHERE done_at IS NULL;--> statement-breakpoint
CREATE INDEX `follow_ups_household_idx` ON `follow_ups` (`household_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_visit_idx` ON `follow_ups` (`visit_id`);--> statement-breakpoint
CREATE TABLE `visit_checks` (
	`visit_id` integer NOT NULL,
	`item` text NOT NULL,
	`state` text NOT NULL,
	`note` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_checks_unique` ON `visit_checks` (`visit_id`,`item`);--> statement-breakpoint
CREATE TABLE `visit_drafts` (
	`user_id` text NOT NULL,
	`household_id` integer NOT NULL,
	`payload` text NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_drafts_unique` ON `visit_drafts` (`user_id`,`household_id`);--> statement-breakpoint
CREATE TABLE `visit_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`path` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `visit_photos_visit_idx` ON `visit_photos` (`visit_id`);--> statement-breakpoint
CREATE TABLE `visit_readings` (
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
	FOREIGN KEY (`member_id`) REFERENCES `household_members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `visit_readings_visit_idx` ON `visit_readings` (`visit_id`);--> statement-breakpoint
CREATE INDEX `visit_readings_household_idx` ON `visit_readings` (`household_id`);--> statement-breakpoint
CREATE TABLE `visit_visitors` (
	`visit_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_visitors_unique` ON `visit_visitors` (`visit_id`,`staff_id`);--> statement-breakpoint
CREATE INDEX `visit_visitors_staff_idx` ON `visit_visitors` (`staff_id`);--> statement-breakpoint
CREATE TABLE `visits` (
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
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `visits_household_idx` ON `visits` (`household_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_institution_idx` ON `visits` (`institution_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_event_idx` ON `visits` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `visits_submission_unique` ON `visits` (`submission_key`);--> statement-breakpoint
ALTER TABLE `stock_entries` ADD `visit_id` integer REFERENCES visits(id);