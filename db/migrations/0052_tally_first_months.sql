CREATE TABLE `tally_first_months` (
	`figure` text NOT NULL,
	`county_id` integer,
	`month` text NOT NULL,
	`keys` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_first_months_figure_values" CHECK("tally_first_months"."figure" IN ('institution', 'ambulance', 'medical_staff', 'volunteer', 'household'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_first_months_unique` ON `tally_first_months` (`figure`,ifnull("county_id", 0),`month`);--> statement-breakpoint
-- The months are their keys' first days added up (as recountFirstMonths does).
INSERT INTO tally_first_months (figure, county_id, month, keys) SELECT figure, county_id, substr(day, 1, 7), COUNT(*) FROM tally_key_days WHERE previous_day IS NULL GROUP BY 1, 2, 3;