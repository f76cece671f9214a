ALTER TABLE `tally_months` ADD `households_visited` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each month's households are those whose day there has no day before it in the same month.
UPDATE tally_months SET households_visited = counted.n
FROM (SELECT substr(day, 1, 7) AS month, ifnull(county_id, 0) AS county, COUNT(*) AS n FROM tally_key_days
  WHERE figure = 'household' AND (previous_day IS NULL OR previous_day < substr(day, 1, 7) || '-01') GROUP BY 1, 2) AS counted
WHERE counted.month = tally_months.month AND counted.county = ifnull(tally_months.county_id, 0);