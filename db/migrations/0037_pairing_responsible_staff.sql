ALTER TABLE `pairings` ADD `responsible_staff_id` integer REFERENCES staff(id);--> statement-breakpoint
CREATE INDEX `pairings_responsible_idx` ON `pairings` (`responsible_staff_id`);