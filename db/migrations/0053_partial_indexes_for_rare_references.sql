DROP INDEX `donations_event_idx`;--> statement-breakpoint
CREATE INDEX `donations_event_idx` ON `donations` (`event_id`) WHERE event_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `events_campaign_idx`;--> statement-breakpoint
DROP INDEX `events_township_idx`;--> statement-breakpoint
CREATE INDEX `events_campaign_idx` ON `events` (`campaign_id`) WHERE campaign_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `events_township_idx` ON `events` (`township_id`) WHERE township_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `purchases_household_idx`;--> statement-breakpoint
CREATE INDEX `purchases_household_idx` ON `purchases` (`household_id`) WHERE household_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `signups_user_idx`;--> statement-breakpoint
CREATE INDEX `signups_user_idx` ON `signups` (`user_id`) WHERE user_id IS NOT NULL;--> statement-breakpoint
DROP INDEX `visits_event_idx`;--> statement-breakpoint
CREATE INDEX `visits_event_idx` ON `visits` (`event_id`) WHERE event_id IS NOT NULL;