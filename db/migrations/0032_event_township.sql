ALTER TABLE `events` ADD `township_id` integer REFERENCES areas(id);--> statement-breakpoint
CREATE INDEX `events_township_idx` ON `events` (`township_id`);--> statement-breakpoint
DROP TRIGGER IF EXISTS `tally_events_update`;
--> statement-breakpoint
CREATE TRIGGER `tally_events_update` AFTER UPDATE OF state, date, people_seen, organiser_id, village_id, township_id ON events BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', OLD.organiser_id); END;
