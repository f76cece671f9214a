DROP INDEX `tally_day_materials_county_idx`;--> statement-breakpoint
DROP INDEX `tally_day_materials_unique`;--> statement-breakpoint
ALTER TABLE `tally_day_materials` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `tally_day_materials_county_idx` ON `tally_day_materials` (`office_id`,`county_id`,`day`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_day_materials_unique` ON `tally_day_materials` (`day`,ifnull("office_id", 0),ifnull("county_id", 0),`kind`,`unit`);--> statement-breakpoint
DROP INDEX `tally_day_products_county_idx`;--> statement-breakpoint
DROP INDEX `tally_day_products_unique`;--> statement-breakpoint
ALTER TABLE `tally_day_products` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `tally_day_products_county_idx` ON `tally_day_products` (`office_id`,`county_id`,`day`,`product`,`unit`,`weighed`,`ordered_only`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_day_products_unique` ON `tally_day_products` (`day`,ifnull("office_id", 0),ifnull("county_id", 0),`product`,`unit`);--> statement-breakpoint
DROP INDEX `tally_days_county_idx`;--> statement-breakpoint
DROP INDEX `tally_days_unique`;--> statement-breakpoint
ALTER TABLE `tally_days` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `tally_days_county_idx` ON `tally_days` (`office_id`,`county_id`,`day`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_days_unique` ON `tally_days` (`day`,ifnull("office_id", 0),ifnull("county_id", 0));--> statement-breakpoint
DROP INDEX `tally_first_months_unique`;--> statement-breakpoint
DROP INDEX `tally_first_months_county_idx`;--> statement-breakpoint
ALTER TABLE `tally_first_months` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_first_months_unique` ON `tally_first_months` (`figure`,ifnull("office_id", 0),ifnull("county_id", 0),`month`);--> statement-breakpoint
CREATE INDEX `tally_first_months_county_idx` ON `tally_first_months` (`office_id`,`county_id`,`figure`,`month`,`keys`);--> statement-breakpoint
DROP INDEX `tally_key_days_unique`;--> statement-breakpoint
DROP INDEX `tally_key_days_day_idx`;--> statement-breakpoint
DROP INDEX `tally_key_days_county_day_idx`;--> statement-breakpoint
DROP INDEX `tally_key_days_first_idx`;--> statement-breakpoint
ALTER TABLE `tally_key_days` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_key_days_unique` ON `tally_key_days` (`figure`,`key`,ifnull("office_id", 0),ifnull("county_id", 0),`day`);--> statement-breakpoint
CREATE INDEX `tally_key_days_day_idx` ON `tally_key_days` (`figure`,`office_id`,`day`,`county_id`,`previous_day`,`key`);--> statement-breakpoint
CREATE INDEX `tally_key_days_county_day_idx` ON `tally_key_days` (`figure`,`office_id`,`county_id`,`day`,`previous_day`);--> statement-breakpoint
CREATE INDEX `tally_key_days_first_idx` ON `tally_key_days` (`figure`,`office_id`,`county_id`,`day`,`key`) WHERE previous_day IS NULL;--> statement-breakpoint
DROP INDEX `tally_month_materials_county_idx`;--> statement-breakpoint
DROP INDEX `tally_month_materials_unique`;--> statement-breakpoint
ALTER TABLE `tally_month_materials` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `tally_month_materials_county_idx` ON `tally_month_materials` (`office_id`,`county_id`,`month`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_month_materials_unique` ON `tally_month_materials` (`month`,ifnull("office_id", 0),ifnull("county_id", 0),`kind`,`unit`);--> statement-breakpoint
DROP INDEX `tally_month_products_county_idx`;--> statement-breakpoint
DROP INDEX `tally_month_products_unique`;--> statement-breakpoint
ALTER TABLE `tally_month_products` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `tally_month_products_county_idx` ON `tally_month_products` (`office_id`,`county_id`,`month`,`product`,`unit`,`weighed`,`ordered_only`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_month_products_unique` ON `tally_month_products` (`month`,ifnull("office_id", 0),ifnull("county_id", 0),`product`,`unit`);--> statement-breakpoint
DROP INDEX `tally_months_county_idx`;--> statement-breakpoint
DROP INDEX `tally_months_unique`;--> statement-breakpoint
ALTER TABLE `tally_months` ADD `office_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `tally_months_county_idx` ON `tally_months` (`office_id`,`county_id`,`month`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_months_unique` ON `tally_months` (`month`,ifnull("office_id", 0),ifnull("county_id", 0));--> statement-breakpoint
-- Every record is noted for counting, so that the next bringing up to date counts each office's totals (and
-- everywhere's again, unchanged).
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event', id FROM events;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'instant', visited_at FROM visits;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'household', household_id FROM visits;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'visit_day', visit_id FROM stock_entries WHERE visit_id IS NOT NULL;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', date FROM donations;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', delivery_date FROM purchases;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', committed_on FROM pairing_projects;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', paid_on FROM project_payments;
