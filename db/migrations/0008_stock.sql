CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`generic_name` text,
	`specification` text,
	`dosage_form` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_name_unique` ON `items` (`institution_id`,`name`,`specification`);--> statement-breakpoint
CREATE TABLE `stock_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`batch_no` text DEFAULT '' NOT NULL,
	`expiry_date` text,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`source` text,
	`donor` text,
	`reason` text,
	`event_id` integer,
	`household_id` integer,
	`recipient` text,
	`reverses_id` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_id`) REFERENCES `stock_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `stock_entries_item_idx` ON `stock_entries` (`institution_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `stock_entries_event_idx` ON `stock_entries` (`event_id`);--> statement-breakpoint
CREATE INDEX `stock_entries_household_idx` ON `stock_entries` (`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `stock_entries_reverses_unique` ON `stock_entries` (`reverses_id`);--> statement-breakpoint
CREATE TABLE `stock_levels` (
	`institution_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`batch_no` text DEFAULT '' NOT NULL,
	`expiry_date` text,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_levels_not_negative" CHECK("stock_levels"."quantity" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_levels_batch_unique` ON `stock_levels` (`institution_id`,`item_id`,`batch_no`);