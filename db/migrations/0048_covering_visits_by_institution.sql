DROP INDEX `visits_institution_idx`;--> statement-breakpoint
CREATE INDEX `visits_institution_idx` ON `visits` (`institution_id`,`visited_at`,`household_id`);