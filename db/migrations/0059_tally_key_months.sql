CREATE TABLE `tally_key_months` (
	`id` integer PRIMARY KEY NOT NULL,
	`figure` text NOT NULL,
	`office_id` integer,
	`county_id` integer,
	`month` text NOT NULL,
	`previous_month` text,
	`keys` integer NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_key_months_figure_values" CHECK("tally_key_months"."figure" IN ('institution', 'ambulance', 'medical_staff', 'volunteer', 'household'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_key_months_unique` ON `tally_key_months` (`figure`,ifnull("office_id", 0),ifnull("county_id", 0),`month`,ifnull("previous_month", ''));--> statement-breakpoint
CREATE INDEX `tally_key_months_place_idx` ON `tally_key_months` (`office_id`,`county_id`,`figure`,`month`,`previous_month`,`keys`);--> statement-breakpoint
CREATE INDEX `tally_key_months_first_idx` ON `tally_key_months` (`office_id`,`county_id`,`figure`,`month`,`keys`) WHERE previous_month IS NULL;--> statement-breakpoint
DROP TABLE `tally_first_months`;--> statement-breakpoint
-- The keys' days kept so far, added up by month and the month of the day before (the first months among them).
INSERT INTO tally_key_months (figure, office_id, county_id, month, previous_month, keys)
SELECT figure, office_id, county_id, substr(day, 1, 7), substr(previous_day, 1, 7), COUNT(*) FROM tally_key_days GROUP BY 1, 2, 3, 4, 5;
