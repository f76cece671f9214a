-- Zero until counted: the places held by volunteer teams are noted so that the running totals count their days again.
ALTER TABLE `tally_days` ADD `team_volunteer_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event_day', event_roles.event_id FROM signups JOIN shifts ON shifts.id = signups.shift_id JOIN event_roles ON event_roles.id = shifts.role_id WHERE signups.team_id IS NOT NULL;
