CREATE TABLE `dispatch_villages` (
	`dispatch_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	FOREIGN KEY (`dispatch_id`) REFERENCES `dispatches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispatch_villages_unique` ON `dispatch_villages` (`dispatch_id`,`village_id`);--> statement-breakpoint
CREATE INDEX `dispatch_villages_village_idx` ON `dispatch_villages` (`village_id`);--> statement-breakpoint
CREATE TABLE `dispatches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vehicle_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`driver` text NOT NULL,
	`crew` text,
	`out_at` integer NOT NULL,
	`back_at` integer NOT NULL,
	`distance_m` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`vehicle_id`) REFERENCES `vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `dispatches_vehicle_idx` ON `dispatches` (`vehicle_id`,`out_at`);--> statement-breakpoint
CREATE INDEX `dispatches_event_idx` ON `dispatches` (`event_id`);--> statement-breakpoint
CREATE INDEX `dispatches_institution_idx` ON `dispatches` (`institution_id`);--> statement-breakpoint
CREATE TABLE `vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`plate` text NOT NULL,
	`kind` text NOT NULL,
	`seats` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vehicles_plate_unique` ON `vehicles` (`plate`);--> statement-breakpoint
CREATE INDEX `vehicles_institution_idx` ON `vehicles` (`institution_id`);