CREATE TABLE `staff` (
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
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `staff_institution_idx` ON `staff` (`institution_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_account_unique` ON `staff` (`institution_id`,`user_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "signups_person" CHECK("__new_signups"."user_id" IS NOT NULL OR "__new_signups"."staff_id" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_signups`("id", "shift_id", "user_id", "staff_id", "state", "offer_expires_at", "offer_token_hash", "checked_in_at", "checked_out_at", "assigned_by", "reminded_at", "reminder_token_hash", "reconfirmed_at", "created_at", "cancelled_at") SELECT "id", "shift_id", "user_id", NULL, "state", "offer_expires_at", "offer_token_hash", "checked_in_at", "checked_out_at", "assigned_by", "reminded_at", "reminder_token_hash", "reconfirmed_at", "created_at", "cancelled_at" FROM `signups`;--> statement-breakpoint
DROP TABLE `signups`;--> statement-breakpoint
ALTER TABLE `__new_signups` RENAME TO `signups`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live_unique` ON `signups` (`shift_id`,`user_id`) WHERE state <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live_staff_unique` ON `signups` (`shift_id`,`staff_id`) WHERE state <> 'cancelled';--> statement-breakpoint
CREATE INDEX `signups_staff_idx` ON `signups` (`staff_id`);--> statement-breakpoint
CREATE INDEX `signups_shift_state_idx` ON `signups` (`shift_id`,`state`);--> statement-breakpoint
CREATE INDEX `signups_user_idx` ON `signups` (`user_id`);--> statement-breakpoint
ALTER TABLE `imports` ADD `institution_id` integer REFERENCES institutions(id);