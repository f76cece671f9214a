DROP INDEX `stock_entries_event_idx`;--> statement-breakpoint
DROP INDEX `stock_entries_visit_idx`;--> statement-breakpoint
CREATE INDEX `stock_entries_event_idx` ON `stock_entries` (`event_id`,`kind`,`item_id`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `stock_entries_visit_idx` ON `stock_entries` (`visit_id`,`kind`,`event_id`,`item_id`,`quantity`,`value_fen`) WHERE visit_id IS NOT NULL;