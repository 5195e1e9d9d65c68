/**
 * `a.map(f)` and `a.flatMap(f)` as plain loops, for the arrays that the hot functions of the
 * pipeline pass around.
 *
 * V8 gives every array a hidden class by its elements kind: "packed" or "holey", and small
 * integers, doubles or any values. The built-ins make the kind depend on who ran them: `map` gives
 * packed elements from the interpreter and holey ones from the copy TurboFan inlines into optimised
 * code, `flatMap` always holey ones, an empty result small-integer ones. And optimised code that has
 * met arrays of several kinds at one place converts each array that passes there to the most general
 * of them, in place. A function compiled for the kinds it met is deoptimised ("wrong map") when
 * another turns up, which kept happening pass after pass as functions went in and out of optimised
 * code (the shape of an array depended on which of them had touched it last).
 *
 * Here the results always have one kind: the array literal has a single allocation site, whose
 * elements kind settles at "packed, any value" (see the seed below). And the reads from the source
 * array are made megamorphic by the seed (arrays of every kind pass through at load time), so that
 * optimised code neither converts the caller's array nor is deoptimised by a new kind. The callback
 * gets (element, index) like `map`'s; arrays with holes are not passed here.
 */
export function mapped<T, U>(a: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  const n = a.length;
  for (let i = 0; i < n; i++) out.push(f(a[i] as T, i));
  return out;
}

/** `a.flatMap(f)` for a callback that returns an array (see mapped). */
export function flatMapped<T, U>(a: readonly T[], f: (x: T, i: number) => readonly U[]): U[] {
  const out: U[] = [];
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const part = f(a[i] as T, i);
    const m = part.length;
    for (let j = 0; j < m; j++) out.push(part[j] as U);
  }
  return out;
}

// Seed: arrays of every elements kind (small integers, doubles, any values; packed and holey) read
// by both helpers, and objects pushed into their results, many times (V8 gives a function its
// feedback only after a few calls).
const seedArrays = (): unknown[][] => {
  const holey = (xs: unknown[]): unknown[] => {
    const a = new Array<unknown>(xs.length + 1);
    xs.forEach((x, i) => (a[i] = x));
    a.length = xs.length;
    return a;
  };
  return [[1, 2], [0.5, 1.5], ['', {}], holey([1, 2]), holey([0.5, 1.5]), holey(['', {}]), []];
};
for (let i = 0; i < 64; i++) {
  for (const a of seedArrays()) {
    mapped(a, (x) => x);
    flatMapped(a, (x) => [x, '']);
  }
}
