-- Cash to a village collective is support funds (帮扶资金), no longer cash support: every day with a donation is counted again.
ALTER TABLE `tally_days` ADD `support_funds_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT OR IGNORE INTO tally_changes (subject, key) SELECT 'day', date FROM donations;
