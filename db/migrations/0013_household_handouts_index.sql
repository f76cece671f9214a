DROP INDEX `stock_entries_household_idx`;--> statement-breakpoint
CREATE INDEX `stock_entries_household_idx` ON `stock_entries` (`household_id`) WHERE household_id IS NOT NULL;