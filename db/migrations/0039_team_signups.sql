ALTER TABLE `signups` ADD `team_id` integer REFERENCES teams(id);--> statement-breakpoint
CREATE INDEX `signups_team_idx` ON `signups` (`team_id`) WHERE team_id IS NOT NULL;