CREATE TABLE `area_tree_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	CONSTRAINT "area_tree_version_one_row" CHECK("area_tree_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `area_tree_version` (`id`, `version`) VALUES (1, 0);
