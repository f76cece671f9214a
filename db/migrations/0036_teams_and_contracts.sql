CREATE TABLE `contract_services` (
	`contract_id` integer NOT NULL,
	`service` text NOT NULL,
	PRIMARY KEY(`contract_id`, `service`),
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "contract_services_service_values" CHECK("contract_services"."service" IN ('basic', 'chronic_disease', 'elderly', 'maternal_child', 'disability', 'severe_mental', 'tcm', 'rehabilitation'))
);
--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`signed_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`follow_up_every` text NOT NULL,
	`previous_id` integer,
	`ended_on` text,
	`end_reason` text,
	`end_note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`previous_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "contracts_term" CHECK("contracts"."ends_on" > "contracts"."signed_on"),
	CONSTRAINT "contracts_ended" CHECK(("contracts"."ended_on" IS NULL) = ("contracts"."end_reason" IS NULL) AND ("contracts"."ended_on" IS NULL OR "contracts"."ended_on" >= "contracts"."signed_on")),
	CONSTRAINT "contracts_follow_up_every_values" CHECK("contracts"."follow_up_every" IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
	CONSTRAINT "contracts_end_reason_values" CHECK("contracts"."end_reason" IN ('renewed', 'changed_team', 'moved_away', 'died', 'declined', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contracts_household_open_unique` ON `contracts` (`household_id`) WHERE ended_on IS NULL;--> statement-breakpoint
CREATE INDEX `contracts_team_idx` ON `contracts` (`team_id`,`ended_on`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`staff_id` integer,
	`user_id` text,
	`role` text NOT NULL,
	`leader` integer DEFAULT false NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "team_members_one_person" CHECK(("team_members"."staff_id" IS NULL) <> ("team_members"."user_id" IS NULL)),
	CONSTRAINT "team_members_left_after_joining" CHECK("team_members"."left_on" IS NULL OR "team_members"."left_on" >= "team_members"."joined_on"),
	CONSTRAINT "team_members_role_values" CHECK("team_members"."role" IN ('general_practitioner', 'specialist', 'nurse', 'village_doctor', 'public_health', 'volunteer'))
);
--> statement-breakpoint
CREATE INDEX `team_members_team_idx` ON `team_members` (`team_id`,`left_on`);--> statement-breakpoint
CREATE INDEX `team_members_staff_idx` ON `team_members` (`staff_id`);--> statement-breakpoint
CREATE INDEX `team_members_user_idx` ON `team_members` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_staff_unique` ON `team_members` (`team_id`,`staff_id`) WHERE left_on IS NULL AND staff_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_user_unique` ON `team_members` (`team_id`,`user_id`) WHERE left_on IS NULL AND user_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`focus` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "teams_kind_values" CHECK("teams"."kind" IN ('family_doctor', 'volunteer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`institution_id`,`name`);