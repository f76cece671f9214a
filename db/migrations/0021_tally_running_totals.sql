CREATE TABLE `tally_changes` (
	`subject` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`subject`, `key`)
);
--> statement-breakpoint
CREATE TABLE `tally_day_materials` (
	`day` text NOT NULL,
	`county_id` integer,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tally_day_materials_county_idx` ON `tally_day_materials` (`county_id`,`day`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_day_materials_day_idx` ON `tally_day_materials` (`day`);--> statement-breakpoint
CREATE TABLE `tally_days` (
	`day` text NOT NULL,
	`county_id` integer,
	`events` integer NOT NULL,
	`people_seen` integer NOT NULL,
	`events_without_head_count` integer NOT NULL,
	`ambulance_trips` integer NOT NULL,
	`medical_staff_times` integer NOT NULL,
	`volunteer_ms` integer NOT NULL,
	`visits` integer NOT NULL,
	`cash_fen` integer NOT NULL,
	`in_kind_fen` integer NOT NULL,
	`purchase_grams` integer NOT NULL,
	`purchase_cases` integer NOT NULL,
	`purchase_fen` integer NOT NULL,
	`referrals` integer NOT NULL,
	`referrals_done` integer NOT NULL,
	`households_visited` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tally_days_county_idx` ON `tally_days` (`county_id`,`day`);--> statement-breakpoint
CREATE INDEX `tally_days_day_idx` ON `tally_days` (`day`);--> statement-breakpoint
CREATE TABLE `tally_first_days` (
	`figure` text NOT NULL,
	`county_id` integer,
	`key` text NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tally_first_days_key_idx` ON `tally_first_days` (`figure`,`key`);--> statement-breakpoint
CREATE INDEX `tally_first_days_county_idx` ON `tally_first_days` (`county_id`,`figure`,`day`,`key`);--> statement-breakpoint
CREATE INDEX `donations_date_idx` ON `donations` (`date`);--> statement-breakpoint
CREATE INDEX `purchases_delivery_idx` ON `purchases` (`delivery_date`);--> statement-breakpoint
CREATE INDEX `staff_user_idx` ON `staff` (`user_id`,`profession`) WHERE user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `visits_visited_idx` ON `visits` (`visited_at`);--> statement-breakpoint
-- The triggers below only note which records changed (tally_changes); the running totals are counted again from
-- the records by the tally code, which holds the counting rules.
CREATE TRIGGER `tally_events_insert` AFTER INSERT ON events BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_events_update` AFTER UPDATE OF state, date, people_seen, organiser_id, village_id ON events BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', OLD.organiser_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_events_delete` AFTER DELETE ON events BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', OLD.organiser_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_event_coorganisers_insert` AFTER INSERT ON event_coorganisers BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', NEW.institution_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_event_coorganisers_update` AFTER UPDATE OF event_id, institution_id ON event_coorganisers BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', OLD.institution_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', NEW.institution_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_event_coorganisers_delete` AFTER DELETE ON event_coorganisers BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('institution', OLD.institution_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_event_roles_insert` AFTER INSERT ON event_roles BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.event_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_event_roles_update` AFTER UPDATE OF event_id, kind ON event_roles BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', NEW.event_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_event_roles_delete` AFTER DELETE ON event_roles BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', OLD.event_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_shifts_insert` AFTER INSERT ON shifts BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', (SELECT event_id FROM event_roles WHERE id = NEW.role_id)); END;
--> statement-breakpoint
CREATE TRIGGER `tally_shifts_update` AFTER UPDATE OF role_id, starts_at, ends_at ON shifts BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', (SELECT event_id FROM event_roles WHERE id = OLD.role_id)); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', (SELECT event_id FROM event_roles WHERE id = NEW.role_id)); END;
--> statement-breakpoint
CREATE TRIGGER `tally_shifts_delete` AFTER DELETE ON shifts BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event', (SELECT event_id FROM event_roles WHERE id = OLD.role_id)); END;
--> statement-breakpoint
CREATE TRIGGER `tally_signups_insert` AFTER INSERT ON signups BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', (SELECT event_roles.event_id FROM shifts JOIN event_roles ON event_roles.id = shifts.role_id WHERE shifts.id = NEW.shift_id)); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('staff', NEW.staff_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('user', NEW.user_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_signups_update` AFTER UPDATE OF shift_id, user_id, staff_id, state, checked_in_at, checked_out_at ON signups BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', (SELECT event_roles.event_id FROM shifts JOIN event_roles ON event_roles.id = shifts.role_id WHERE shifts.id = OLD.shift_id)); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('staff', OLD.staff_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('user', OLD.user_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', (SELECT event_roles.event_id FROM shifts JOIN event_roles ON event_roles.id = shifts.role_id WHERE shifts.id = NEW.shift_id)); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('staff', NEW.staff_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('user', NEW.user_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_signups_delete` AFTER DELETE ON signups BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', (SELECT event_roles.event_id FROM shifts JOIN event_roles ON event_roles.id = shifts.role_id WHERE shifts.id = OLD.shift_id)); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('staff', OLD.staff_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('user', OLD.user_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_staff_update` AFTER UPDATE OF profession, user_id ON staff BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('staff', NEW.id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('user', OLD.user_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('user', NEW.user_id); INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event_day', event_roles.event_id FROM signups JOIN shifts ON shifts.id = signups.shift_id JOIN event_roles ON event_roles.id = shifts.role_id WHERE signups.staff_id = NEW.id OR signups.user_id IN (OLD.user_id, NEW.user_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_dispatches_insert` AFTER INSERT ON dispatches BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', NEW.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('vehicle', NEW.vehicle_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_dispatches_update` AFTER UPDATE OF vehicle_id, event_id ON dispatches BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('vehicle', OLD.vehicle_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', NEW.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('vehicle', NEW.vehicle_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_dispatches_delete` AFTER DELETE ON dispatches BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('vehicle', OLD.vehicle_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_vehicles_update` AFTER UPDATE OF kind ON vehicles BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('vehicle', NEW.id); INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event_day', event_id FROM dispatches WHERE vehicle_id = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER `tally_stock_entries_insert` AFTER INSERT ON stock_entries BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', NEW.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', NEW.visit_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_stock_entries_update` AFTER UPDATE OF kind, item_id, quantity, value_fen, event_id, visit_id ON stock_entries BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', OLD.visit_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', NEW.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', NEW.visit_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_stock_entries_delete` AFTER DELETE ON stock_entries BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', OLD.visit_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_items_update` AFTER UPDATE OF kind, unit ON items BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event_day', event_id FROM stock_entries WHERE item_id = NEW.id; INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'visit_day', visit_id FROM stock_entries WHERE item_id = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER `tally_visits_insert` AFTER INSERT ON visits BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('instant', NEW.visited_at); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('household', NEW.household_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_visits_update` AFTER UPDATE OF visited_at, household_id, event_id, institution_id ON visits BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('instant', OLD.visited_at); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('household', OLD.household_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('instant', NEW.visited_at); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('household', NEW.household_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_visits_delete` AFTER DELETE ON visits BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('instant', OLD.visited_at); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('household', OLD.household_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_visit_readings_insert` AFTER INSERT ON visit_readings BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', NEW.visit_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_visit_readings_update` AFTER UPDATE OF visit_id, referral_to, referral_state ON visit_readings BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', OLD.visit_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', NEW.visit_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_visit_readings_delete` AFTER DELETE ON visit_readings BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('visit_day', OLD.visit_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_donations_insert` AFTER INSERT ON donations BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', NEW.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', NEW.event_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_donations_update` AFTER UPDATE OF kind, date, amount_fen, event_id, voided_at, village_id, household_id ON donations BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', OLD.event_id); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', NEW.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', NEW.event_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_donations_delete` AFTER DELETE ON donations BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('event_day', OLD.event_id); END;
--> statement-breakpoint
CREATE TRIGGER `tally_purchases_insert` AFTER INSERT ON purchases BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', NEW.delivery_date); END;
--> statement-breakpoint
CREATE TRIGGER `tally_purchases_update` AFTER UPDATE OF unit, quantity_ordered, quantity_delivered, total_fen, delivery_date, village_id ON purchases BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.delivery_date); INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', NEW.delivery_date); END;
--> statement-breakpoint
CREATE TRIGGER `tally_purchases_delete` AFTER DELETE ON purchases BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('day', OLD.delivery_date); END;
--> statement-breakpoint
CREATE TRIGGER `tally_households_update` AFTER UPDATE OF village_id ON households BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) VALUES ('household', NEW.id); INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'instant', visited_at FROM visits WHERE household_id = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER `tally_villages_update` AFTER UPDATE OF township_id ON villages BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', day FROM tally_days; INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'household', id FROM households WHERE village_id = NEW.id; INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event', id FROM events WHERE village_id = NEW.id; END;
--> statement-breakpoint
CREATE TRIGGER `tally_areas_update` AFTER UPDATE OF parent_id ON areas BEGIN INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', day FROM tally_days; INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'household', household_id FROM visits; INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event', id FROM events; END;
--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'event', id FROM events;
--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'instant', visited_at FROM visits;
--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'household', household_id FROM visits;
--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'visit_day', visit_id FROM stock_entries WHERE visit_id IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', date FROM donations;
--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', delivery_date FROM purchases;
