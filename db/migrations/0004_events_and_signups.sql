CREATE TABLE `campaign_participants` (
	`campaign_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`state` text DEFAULT 'invited' NOT NULL,
	`responded_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_participants_unique` ON `campaign_participants` (`campaign_id`,`institution_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`organiser_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_coorganisers` (
	`event_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_coorganisers_unique` ON `event_coorganisers` (`event_id`,`institution_id`);--> statement-breakpoint
CREATE TABLE `event_households` (
	`event_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_households_unique` ON `event_households` (`event_id`,`household_id`);--> statement-breakpoint
CREATE TABLE `event_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`specialty` text,
	`requirement` text DEFAULT 'none' NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_roles_event_idx` ON `event_roles` (`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
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
	`lat` real,
	`lng` real,
	`entered_in` text,
	`services` text DEFAULT '[]' NOT NULL,
	`expected_attendance` integer,
	`notes` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organiser_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_organiser_idx` ON `events` (`organiser_id`);--> statement-breakpoint
CREATE INDEX `events_campaign_idx` ON `events` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `event_roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `shifts_role_idx` ON `shifts` (`role_id`);--> statement-breakpoint
CREATE TABLE `signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`state` text NOT NULL,
	`offer_expires_at` integer,
	`offer_token_hash` text,
	`checked_in_at` integer,
	`checked_out_at` integer,
	`assigned_by` text,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live_unique` ON `signups` (`shift_id`,`user_id`) WHERE state <> 'cancelled';--> statement-breakpoint
CREATE INDEX `signups_shift_state_idx` ON `signups` (`shift_id`,`state`);--> statement-breakpoint
CREATE INDEX `signups_user_idx` ON `signups` (`user_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `attachments` text;