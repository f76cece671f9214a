// Trees stored as rows with a parent id (institutions under a bureau, areas under a city).

/** The roots and every row below them. */
export function descendantIds(rows: readonly { id: number; parentId: number | null }[], roots: readonly number[]): Set<number> {
  const found = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (row.parentId !== null && found.has(row.parentId) && !found.has(row.id)) {
        found.add(row.id);
        grew = true;
      }
    }
  }
  return found;
}
