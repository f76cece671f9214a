-- A bureau now administers the institutions placed in its area, so an institution made before institutions
-- had a place takes the place of the nearest bureau above it that has one. Institutions with no placed bureau
-- above them stay unplaced until the system operator places them (机构管理 marks them).
WITH RECURSIVE placed(id, area_id) AS (
  SELECT id, area_id FROM institutions WHERE area_id IS NOT NULL
  UNION ALL
  SELECT child.id, placed.area_id FROM institutions AS child INNER JOIN placed ON child.parent_id = placed.id WHERE child.area_id IS NULL
)
UPDATE institutions SET area_id = (SELECT area_id FROM placed WHERE placed.id = institutions.id LIMIT 1) WHERE area_id IS NULL;
