CREATE TABLE `tally_institution_year_materials` (
	`year` text NOT NULL,
	`institution_id` integer NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_institution_year_materials_kind_values" CHECK("tally_institution_year_materials"."kind" IN ('drug', 'consumable', 'cotton_coat', 'quilt', 'rice', 'flour', 'oil', 'pig_feed', 'rat_poison', 'disinfectant', 'other_relief', 'leaflet', 'poster', 'booklet')),
	CONSTRAINT "tally_institution_year_materials_unit_values" CHECK("tally_institution_year_materials"."unit" IN ('box', 'bottle', 'strip', 'bag', 'pack', 'piece', 'bed', 'set', 'copy', 'sheet', 'book', 'case', 'barrel', 'jin', 'kg'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_institution_year_materials_unique` ON `tally_institution_year_materials` (`institution_id`,`year`,`kind`,`unit`);--> statement-breakpoint
CREATE INDEX `tally_institution_year_materials_institution_idx` ON `tally_institution_year_materials` (`institution_id`,`year`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_institution_year_materials_kind_idx` ON `tally_institution_year_materials` (`kind`,`institution_id`,`year`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_institution_year_materials_year_idx` ON `tally_institution_year_materials` (`year`);--> statement-breakpoint
CREATE TABLE `tally_institution_years` (
	`year` text NOT NULL,
	`institution_id` integer NOT NULL,
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
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_institution_years_unique` ON `tally_institution_years` (`institution_id`,`year`);--> statement-breakpoint
CREATE INDEX `tally_institution_years_breakdown_idx` ON `tally_institution_years` (`institution_id`,`year`,`events`,`people_seen`,`ambulance_trips`,`visits`);--> statement-breakpoint
CREATE INDEX `tally_institution_years_year_idx` ON `tally_institution_years` (`year`);--> statement-breakpoint
-- Each year's months added up, per institution.
INSERT INTO tally_institution_years (year, institution_id, events, ambulance_trips, medical_staff_times, volunteer_ms, team_volunteer_ms, people_seen, talks, audience, training_sessions, trainees, training_hours, consultations, prescriptions, clinics_served, screened, positives_referred, events_without_head_count, visits, cash_fen, support_funds_fen, in_kind_fen, project_committed_fen, project_paid_fen, purchase_grams, purchase_cases, purchase_fen, referrals, referrals_done)
SELECT substr(month, 1, 4), institution_id, SUM(events), SUM(ambulance_trips), SUM(medical_staff_times), SUM(volunteer_ms), SUM(team_volunteer_ms), SUM(people_seen), SUM(talks), SUM(audience), SUM(training_sessions), SUM(trainees), SUM(training_hours), SUM(consultations), SUM(prescriptions), SUM(clinics_served), SUM(screened), SUM(positives_referred), SUM(events_without_head_count), SUM(visits), SUM(cash_fen), SUM(support_funds_fen), SUM(in_kind_fen), SUM(project_committed_fen), SUM(project_paid_fen), SUM(purchase_grams), SUM(purchase_cases), SUM(purchase_fen), SUM(referrals), SUM(referrals_done) FROM tally_institution_months GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO tally_institution_year_materials (year, institution_id, kind, unit, quantity, value_fen)
SELECT substr(month, 1, 4), institution_id, kind, unit, SUM(quantity), SUM(value_fen) FROM tally_institution_month_materials GROUP BY 1, 2, 3, 4;
