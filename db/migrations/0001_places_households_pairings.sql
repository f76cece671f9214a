CREATE TABLE `areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`poverty_county` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `areas_parent_name_unique` ON `areas` (`parent_id`,`name`);--> statement-breakpoint
CREATE INDEX `areas_level_idx` ON `areas` (`level`);--> statement-breakpoint
CREATE TABLE `household_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`name` text NOT NULL,
	`relation` text NOT NULL,
	`birth_year` integer,
	`sex` text,
	`disability_grade` integer,
	`chronic_illness` text,
	`major_illness` text,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `household_members_household_idx` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`hamlet` text,
	`head_name` text NOT NULL,
	`id_number_cipher` text NOT NULL,
	`id_number_index` text NOT NULL,
	`id_number_masked` text NOT NULL,
	`phone` text,
	`address` text,
	`cause` text NOT NULL,
	`status` text DEFAULT 'registered' NOT NULL,
	`lifted_year` integer,
	`county_doctor` text,
	`township_doctor` text,
	`village_doctor` text,
	`lat` real,
	`lng` real,
	`entered_in` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_id_number_unique` ON `households` (`id_number_index`);--> statement-breakpoint
CREATE INDEX `households_village_idx` ON `households` (`village_id`);--> statement-breakpoint
CREATE TABLE `pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`target` text NOT NULL,
	`village_id` integer,
	`area_id` integer,
	`household_id` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`responsible_name` text,
	`obligation` text DEFAULT 'monthly' NOT NULL,
	`last_visited_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairings_institution_idx` ON `pairings` (`institution_id`);--> statement-breakpoint
CREATE INDEX `pairings_village_idx` ON `pairings` (`village_id`);--> statement-breakpoint
CREATE INDEX `pairings_household_idx` ON `pairings` (`household_id`);--> statement-breakpoint
CREATE INDEX `pairings_area_idx` ON `pairings` (`area_id`);--> statement-breakpoint
CREATE TABLE `villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`township_id` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'poverty_village' NOT NULL,
	`lifted_year` integer,
	`population` integer,
	`poor_households` integer,
	`doctor_name` text,
	`doctor_phone` text,
	`secretary_name` text,
	`secretary_phone` text,
	`lat` real,
	`lng` real,
	`entered_in` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`township_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `villages_township_name_unique` ON `villages` (`township_id`,`name`);