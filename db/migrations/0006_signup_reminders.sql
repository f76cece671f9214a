ALTER TABLE `signups` ADD `reminded_at` integer;--> statement-breakpoint
ALTER TABLE `signups` ADD `reminder_token_hash` text;--> statement-breakpoint
ALTER TABLE `signups` ADD `reconfirmed_at` integer;--> statement-breakpoint
CREATE INDEX `shifts_starts_idx` ON `shifts` (`starts_at`);