-- One row per day and county (and kind and unit; per figure and key) in the running totals. Rows written twice
-- by an earlier fault are dropped first, keeping one; the next `npm run tallies:verify -- --recount` counts
-- anything they hid again from the records.
DELETE FROM `tally_days` WHERE rowid NOT IN (SELECT MIN(rowid) FROM `tally_days` GROUP BY `day`, ifnull(`county_id`, 0));--> statement-breakpoint
DELETE FROM `tally_day_materials` WHERE rowid NOT IN (SELECT MIN(rowid) FROM `tally_day_materials` GROUP BY `day`, ifnull(`county_id`, 0), `kind`, `unit`);--> statement-breakpoint
DELETE FROM `tally_first_days` WHERE rowid NOT IN (SELECT MIN(rowid) FROM `tally_first_days` GROUP BY `figure`, ifnull(`county_id`, 0), `key`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_day_materials_unique` ON `tally_day_materials` (`day`, ifnull(`county_id`, 0), `kind`, `unit`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_days_unique` ON `tally_days` (`day`, ifnull(`county_id`, 0));--> statement-breakpoint
CREATE UNIQUE INDEX `tally_first_days_unique` ON `tally_first_days` (`figure`, ifnull(`county_id`, 0), `key`);
