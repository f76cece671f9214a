CREATE TABLE `postings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`kind` text NOT NULL,
	`village_id` integer,
	`host_institution_id` integer,
	`role` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`purpose` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "postings_target" CHECK(("postings"."kind" = 'village' AND "postings"."village_id" IS NOT NULL AND "postings"."host_institution_id" IS NULL AND "postings"."role" IN ('first_secretary', 'team_leader', 'team_member'))
        OR ("postings"."kind" = 'institution' AND "postings"."host_institution_id" IS NOT NULL AND "postings"."village_id" IS NULL AND "postings"."role" IN ('support', 'training', 'stationed'))),
	CONSTRAINT "postings_period" CHECK("postings"."to_date" IS NULL OR "postings"."to_date" >= "postings"."from_date"),
	CONSTRAINT "postings_kind_values" CHECK("postings"."kind" IN ('village', 'institution')),
	CONSTRAINT "postings_role_values" CHECK("postings"."role" IN ('first_secretary', 'team_leader', 'team_member', 'support', 'training', 'stationed'))
);
--> statement-breakpoint
CREATE INDEX `postings_staff_idx` ON `postings` (`staff_id`);--> statement-breakpoint
CREATE INDEX `postings_institution_idx` ON `postings` (`institution_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `postings_village_idx` ON `postings` (`village_id`);--> statement-breakpoint
CREATE INDEX `postings_host_idx` ON `postings` (`host_institution_id`);