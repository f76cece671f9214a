import { describe, expect, it } from 'vitest';
import { hull } from './outline.ts';

describe("a county's outline", () => {
  it('goes round the outermost places and leaves the inner ones out', () => {
    const corners = hull([
      [0, 0],
      [0, 2],
      [2, 2],
      [2, 0],
      [1, 1],
      [1, 0],
      [0.5, 1.5],
    ]);
    expect(corners).toHaveLength(4);
    expect(new Set(corners.map((c) => c.join()))).toEqual(new Set(['0,0', '0,2', '2,2', '2,0']));
  });

  it('returns one or two places as they are', () => {
    expect(hull([[43.9, 125.3]])).toEqual([[43.9, 125.3]]);
    expect(hull([[1, 2], [0, 1]])).toEqual([[0, 1], [1, 2]]);
  });
});
