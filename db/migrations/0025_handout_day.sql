ALTER TABLE `stock_entries` ADD `occurred_on` text;--> statement-breakpoint
-- Goods already handed out took the day they were typed: they now take their visit's or event's day.
UPDATE `stock_entries` SET `occurred_on` = COALESCE(
  (SELECT strftime('%Y-%m-%d', `visits`.`visited_at` / 1000 + 8 * 3600, 'unixepoch') FROM `visits` WHERE `visits`.`id` = `stock_entries`.`visit_id`),
  (SELECT `events`.`date` FROM `events` WHERE `events`.`id` = `stock_entries`.`event_id`)
) WHERE `kind` IN ('handout', 'reversal') AND (`visit_id` IS NOT NULL OR `event_id` IS NOT NULL);
