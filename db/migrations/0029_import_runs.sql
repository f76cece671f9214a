ALTER TABLE `imports` ADD `ran` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `mapping` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `pass` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `progress` integer DEFAULT 0 NOT NULL;