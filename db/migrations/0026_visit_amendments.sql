CREATE TABLE `visit_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`previous` text NOT NULL,
	`reason` text NOT NULL,
	`amended_by` text,
	`amended_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`amended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `visit_amendments_visit_idx` ON `visit_amendments` (`visit_id`,`amended_at`);