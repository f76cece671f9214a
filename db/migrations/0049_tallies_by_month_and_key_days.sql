CREATE TABLE `tally_key_days` (
	`figure` text NOT NULL,
	`county_id` integer,
	`key` text NOT NULL,
	`day` text NOT NULL,
	`previous_day` text,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_key_days_figure_values" CHECK("tally_key_days"."figure" IN ('institution', 'ambulance', 'medical_staff', 'volunteer', 'household'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_key_days_unique` ON `tally_key_days` (`figure`,`key`,ifnull("county_id", 0),`day`);--> statement-breakpoint
CREATE INDEX `tally_key_days_day_idx` ON `tally_key_days` (`figure`,`day`,`county_id`,`previous_day`,`key`);--> statement-breakpoint
CREATE INDEX `tally_key_days_first_idx` ON `tally_key_days` (`figure`,`county_id`,`day`,`key`) WHERE previous_day IS NULL;--> statement-breakpoint
CREATE TABLE `tally_month_materials` (
	`month` text NOT NULL,
	`county_id` integer,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_month_materials_kind_values" CHECK("tally_month_materials"."kind" IN ('drug', 'consumable', 'cotton_coat', 'quilt', 'rice', 'flour', 'oil', 'pig_feed', 'rat_poison', 'disinfectant', 'other_relief', 'leaflet', 'poster', 'booklet')),
	CONSTRAINT "tally_month_materials_unit_values" CHECK("tally_month_materials"."unit" IN ('box', 'bottle', 'strip', 'bag', 'pack', 'piece', 'bed', 'set', 'copy', 'sheet', 'book', 'case', 'barrel', 'jin', 'kg'))
);
--> statement-breakpoint
CREATE INDEX `tally_month_materials_county_idx` ON `tally_month_materials` (`county_id`,`month`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_month_materials_unique` ON `tally_month_materials` (`month`,ifnull("county_id", 0),`kind`,`unit`);--> statement-breakpoint
CREATE TABLE `tally_months` (
	`month` text NOT NULL,
	`county_id` integer,
	`events` integer NOT NULL,
	`ambulance_trips` integer NOT NULL,
	`medical_staff_times` integer NOT NULL,
	`volunteer_ms` integer NOT NULL,
	`team_volunteer_ms` integer NOT NULL,
	`people_seen` integer NOT NULL,
	`talks` integer NOT NULL,
	`audience` integer NOT NULL,
	`training_sessions` integer NOT NULL,
	`trainees` integer NOT NULL,
	`training_hours` integer NOT NULL,
	`consultations` integer NOT NULL,
	`prescriptions` integer NOT NULL,
	`clinics_served` integer NOT NULL,
	`screened` integer NOT NULL,
	`positives_referred` integer NOT NULL,
	`events_without_head_count` integer NOT NULL,
	`visits` integer NOT NULL,
	`cash_fen` integer NOT NULL,
	`support_funds_fen` integer NOT NULL,
	`in_kind_fen` integer NOT NULL,
	`project_committed_fen` integer NOT NULL,
	`project_paid_fen` integer NOT NULL,
	`purchase_grams` integer NOT NULL,
	`purchase_cases` integer NOT NULL,
	`purchase_fen` integer NOT NULL,
	`referrals` integer NOT NULL,
	`referrals_done` integer NOT NULL,
	FOREIGN KEY (`county_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tally_months_county_idx` ON `tally_months` (`county_id`,`month`);--> statement-breakpoint
CREATE UNIQUE INDEX `tally_months_unique` ON `tally_months` (`month`,ifnull("county_id", 0));--> statement-breakpoint
DROP TABLE `tally_first_days`;;--> statement-breakpoint
-- The months are their days added up (as recountMonths does); the keys' days are counted when the site starts.
INSERT INTO tally_months (month, county_id, events, ambulance_trips, medical_staff_times, volunteer_ms, team_volunteer_ms, people_seen, talks, audience, training_sessions, trainees, training_hours, consultations, prescriptions, clinics_served, screened, positives_referred, events_without_head_count, visits, cash_fen, support_funds_fen, in_kind_fen, project_committed_fen, project_paid_fen, purchase_grams, purchase_cases, purchase_fen, referrals, referrals_done) SELECT substr(day, 1, 7), county_id, SUM(events), SUM(ambulance_trips), SUM(medical_staff_times), SUM(volunteer_ms), SUM(team_volunteer_ms), SUM(people_seen), SUM(talks), SUM(audience), SUM(training_sessions), SUM(trainees), SUM(training_hours), SUM(consultations), SUM(prescriptions), SUM(clinics_served), SUM(screened), SUM(positives_referred), SUM(events_without_head_count), SUM(visits), SUM(cash_fen), SUM(support_funds_fen), SUM(in_kind_fen), SUM(project_committed_fen), SUM(project_paid_fen), SUM(purchase_grams), SUM(purchase_cases), SUM(purchase_fen), SUM(referrals), SUM(referrals_done) FROM tally_days GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO tally_month_materials (month, county_id, kind, unit, quantity, value_fen) SELECT substr(day, 1, 7), county_id, kind, unit, SUM(quantity), SUM(value_fen) FROM tally_day_materials GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'institution', organiser_id FROM events;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'institution', institution_id FROM event_coorganisers;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'vehicle', vehicle_id FROM dispatches;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'staff', staff_id FROM signups WHERE staff_id IS NOT NULL;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'user', user_id FROM signups WHERE user_id IS NOT NULL;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'household', household_id FROM visits;