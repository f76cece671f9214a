ALTER TABLE `signups` ADD `calendar_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Places confirmed before this migration were sent their calendar entry once: the next one is SEQUENCE 1.
UPDATE `signups` SET `calendar_sent` = 1 WHERE `state` IN ('confirmed', 'no_show');
