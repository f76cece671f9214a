ALTER TABLE `institutions` ADD `area_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `institutions_area_idx` ON `institutions` (`area_id`);