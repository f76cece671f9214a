CREATE TABLE `pairing_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`name` text NOT NULL,
	`committed_fen` integer NOT NULL,
	`committed_on` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "pairing_projects_committed" CHECK("pairing_projects"."committed_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `pairing_projects_pairing_idx` ON `pairing_projects` (`pairing_id`);--> statement-breakpoint
CREATE INDEX `pairing_projects_committed_idx` ON `pairing_projects` (`committed_on`);--> statement-breakpoint
CREATE TABLE `project_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`paid_on` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `pairing_projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "project_payments_amount" CHECK("project_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `project_payments_project_idx` ON `project_payments` (`project_id`);--> statement-breakpoint
CREATE INDEX `project_payments_paid_idx` ON `project_payments` (`paid_on`);--> statement-breakpoint
ALTER TABLE `tally_days` ADD `project_committed_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `project_paid_fen` integer DEFAULT 0 NOT NULL;