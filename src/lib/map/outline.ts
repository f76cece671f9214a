// A county's outline on a map whose base map cannot load: the smallest convex shape around its places, which says
// where the county lies and how far it reaches well enough to find one's way among the markers.

type Corner = [lat: number, lng: number];

/** The smallest convex shape around some places (Andrew's monotone chain), its corners in order; fewer than three places are returned as they are. */
export function hull(places: readonly Corner[]): Corner[] {
  const sorted = [...places].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (sorted.length < 3) return sorted;
  // Positive when o → a → b turns one way, negative the other, zero in a line (x is the longitude, y the latitude).
  const turn = (o: Corner, a: Corner, b: Corner) => (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
  const half = (list: Corner[]) => {
    const chain: Corner[] = [];
    for (const place of list) {
      while (chain.length >= 2 && turn(chain[chain.length - 2], chain[chain.length - 1], place) <= 0) chain.pop();
      chain.push(place);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}
