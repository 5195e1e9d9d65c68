/** mapped/flatMapped (src/arrays.ts) give what Array.prototype.map/flatMap give. */
import { describe, expect, it } from 'vitest';
import { flatMapped, mapped } from '../src/arrays.js';

describe('mapped and flatMapped', () => {
  const inputs: unknown[][] = [[], [1, 2, 3], [0.5, -1.25], ['a', { b: 1 }, null, undefined], [[1], [2, 3]]];

  it('map every element with its index, in order', () => {
    for (const a of inputs) {
      expect(mapped(a, (x, i) => [i, x])).toEqual(a.map((x, i) => [i, x]));
      expect(mapped(a, (x) => x)).not.toBe(a);
    }
  });

  it('flatten one level of the callback results, like flatMap', () => {
    for (const a of inputs) {
      expect(flatMapped(a, (x, i) => [i, x])).toEqual(a.flatMap((x, i) => [i, x]));
      expect(flatMapped(a, () => [])).toEqual([]);
      expect(flatMapped(a, (x) => (Array.isArray(x) ? x : [x]))).toEqual(a.flatMap((x) => x));
    }
  });

  it('leave the source array as it was', () => {
    const a = [3, 1, 2];
    mapped(a, (x) => x * 2);
    flatMapped(a, (x) => [x, x]);
    expect(a).toEqual([3, 1, 2]);
  });
});
