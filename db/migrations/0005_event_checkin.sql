ALTER TABLE `events` ADD `checkin_code` text;--> statement-breakpoint
ALTER TABLE `events` ADD `people_seen` integer;