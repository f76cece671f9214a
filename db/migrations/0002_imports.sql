CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`encoding` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'staged' NOT NULL,
	`mode` text,
	`created_count` integer,
	`unchanged_count` integer,
	`rejected` text,
	`created_at` integer NOT NULL,
	`applied_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `imports_user_idx` ON `imports` (`user_id`);