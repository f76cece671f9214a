CREATE TABLE `product_names` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_names_unique` ON `product_names` (`institution_id`,`name`);--> statement-breakpoint
CREATE INDEX `product_names_product_idx` ON `product_names` (`product_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_name_unique` ON `products` (`institution_id`,`name`);--> statement-breakpoint
-- Each institution's products as its purchases name them so far, each name its own product until merged.
INSERT INTO `products` (`institution_id`, `name`, `created_at`) SELECT DISTINCT `institution_id`, `product`, 0 FROM `purchases`;--> statement-breakpoint
INSERT INTO `product_names` (`product_id`, `institution_id`, `name`) SELECT `id`, `institution_id`, `name` FROM `products`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_purchases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`buyer_unit` text,
	`seller_kind` text NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer,
	`seller_name` text,
	`product` text NOT NULL,
	`product_id` integer NOT NULL,
	`unit` text NOT NULL,
	`quantity_ordered` integer NOT NULL,
	`quantity_delivered` integer,
	`unit_price_fen` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`delivery_date` text NOT NULL,
	`payment_state` text DEFAULT 'unpaid' NOT NULL,
	`receipt_photo` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "purchases_seller_kind_values" CHECK("__new_purchases"."seller_kind" IN ('village_collective', 'cooperative', 'household')),
	CONSTRAINT "purchases_unit_values" CHECK("__new_purchases"."unit" IN ('jin', 'kg', 'case')),
	CONSTRAINT "purchases_payment_state_values" CHECK("__new_purchases"."payment_state" IN ('unpaid', 'paid')),
	CONSTRAINT "purchases_amounts" CHECK("__new_purchases"."quantity_ordered" > 0 AND ("__new_purchases"."quantity_delivered" IS NULL OR "__new_purchases"."quantity_delivered" >= 0) AND "__new_purchases"."unit_price_fen" >= 0 AND "__new_purchases"."total_fen" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_purchases`("id", "institution_id", "buyer_unit", "seller_kind", "village_id", "household_id", "seller_name", "product", "product_id", "unit", "quantity_ordered", "quantity_delivered", "unit_price_fen", "total_fen", "delivery_date", "payment_state", "receipt_photo", "created_by", "created_at") SELECT "id", "institution_id", "buyer_unit", "seller_kind", "village_id", "household_id", "seller_name", "product", (SELECT `id` FROM `products` WHERE `products`.`institution_id` = `purchases`.`institution_id` AND `products`.`name` = `purchases`.`product`), "unit", "quantity_ordered", "quantity_delivered", "unit_price_fen", "total_fen", "delivery_date", "payment_state", "receipt_photo", "created_by", "created_at" FROM `purchases`;--> statement-breakpoint
DROP TABLE `purchases`;--> statement-breakpoint
ALTER TABLE `__new_purchases` RENAME TO `purchases`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `purchases_village_idx` ON `purchases` (`village_id`,`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_institution_idx` ON `purchases` (`institution_id`,`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_household_idx` ON `purchases` (`household_id`);--> statement-breakpoint
CREATE INDEX `purchases_delivery_idx` ON `purchases` (`delivery_date`);--> statement-breakpoint
CREATE INDEX `purchases_product_idx` ON `purchases` (`product_id`);