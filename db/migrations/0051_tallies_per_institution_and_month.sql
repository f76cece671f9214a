CREATE TABLE `tally_institution_month_materials` (
	`month` text NOT NULL,
	`institution_id` integer NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`value_fen` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tally_institution_month_materials_kind_values" CHECK("tally_institution_month_materials"."kind" IN ('drug', 'consumable', 'cotton_coat', 'quilt', 'rice', 'flour', 'oil', 'pig_feed', 'rat_poison', 'disinfectant', 'other_relief', 'leaflet', 'poster', 'booklet')),
	CONSTRAINT "tally_institution_month_materials_unit_values" CHECK("tally_institution_month_materials"."unit" IN ('box', 'bottle', 'strip', 'bag', 'pack', 'piece', 'bed', 'set', 'copy', 'sheet', 'book', 'case', 'barrel', 'jin', 'kg'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tally_institution_month_materials_unique` ON `tally_institution_month_materials` (`institution_id`,`month`,`kind`,`unit`);--> statement-breakpoint
CREATE INDEX `tally_institution_month_materials_institution_idx` ON `tally_institution_month_materials` (`institution_id`,`month`,`kind`,`unit`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_institution_month_materials_kind_idx` ON `tally_institution_month_materials` (`kind`,`institution_id`,`month`,`quantity`,`value_fen`);--> statement-breakpoint
CREATE INDEX `tally_institution_month_materials_month_idx` ON `tally_institution_month_materials` (`month`);--> statement-breakpoint
CREATE TABLE `tally_institution_months` (
	`month` text NOT NULL,
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
CREATE UNIQUE INDEX `tally_institution_months_unique` ON `tally_institution_months` (`institution_id`,`month`);--> statement-breakpoint
CREATE INDEX `tally_institution_months_breakdown_idx` ON `tally_institution_months` (`institution_id`,`month`,`events`,`people_seen`,`ambulance_trips`,`visits`);--> statement-breakpoint
CREATE INDEX `tally_institution_months_month_idx` ON `tally_institution_months` (`month`);--> statement-breakpoint
-- Each month with records is counted again (one of its days noted brings its month with it) when the site starts.
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT DISTINCT 'day', substr(day, 1, 7) || '-01' FROM tally_days;
