ALTER TABLE `household_members` ADD `removed_on` text;--> statement-breakpoint
ALTER TABLE `household_members` ADD `removal_reason` text;--> statement-breakpoint
ALTER TABLE `household_members` ADD `removal_note` text;