CREATE TABLE `purchases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`buyer_unit` text,
	`seller_kind` text NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer,
	`seller_name` text,
	`product` text NOT NULL,
	`unit` text NOT NULL,
	`quantity_ordered` integer NOT NULL,
	`quantity_delivered` integer,
	`unit_price_fen` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`delivery_date` text NOT NULL,
	`payment_state` text DEFAULT 'unpaid' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `purchases_village_idx` ON `purchases` (`village_id`,`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_institution_idx` ON `purchases` (`institution_id`,`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_household_idx` ON `purchases` (`household_id`);