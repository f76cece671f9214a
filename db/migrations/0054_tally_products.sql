CREATE TABLE `tally_day_products` (
	`day` text NOT NULL,
	`county_id` integer,
	`product` text NOT NULL,
	`unit` text NOT NULL,
	`weighed` integer NOT NULL,
	`ordered_only` integer NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_day_products_unit_values" CHECK("tally_day_products"."unit" IN ('jin', 'case'))
);
--> statement-breakpoint
CREATE INDEX `tally_day_products_county_idx` ON `tally_day_products` (`county_id`,`day`,`product`,`unit`,`weighed`,`ordered_only`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_day_products_day_idx` ON `tally_day_products` (`day`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_day_products_unique` ON `tally_day_products` (`day`,ifnull("county_id", 0),`product`,`unit`);--> statement-breakpoint
CREATE TABLE `tally_month_products` (
	`month` text NOT NULL,
	`county_id` integer,
	`product` text NOT NULL,
	`unit` text NOT NULL,
	`weighed` integer NOT NULL,
	`ordered_only` integer NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_month_products_unit_values" CHECK("tally_month_products"."unit" IN ('jin', 'case'))
);
--> statement-breakpoint
CREATE INDEX `tally_month_products_county_idx` ON `tally_month_products` (`county_id`,`month`,`product`,`unit`,`weighed`,`ordered_only`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_month_products_unique` ON `tally_month_products` (`month`,ifnull("county_id", 0),`product`,`unit`);--> statement-breakpoint
-- Every day with a purchase is counted again, filling the new tables (the next bringing up to date).
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', delivery_date FROM purchases;