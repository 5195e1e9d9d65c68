/**
 * import() of an installed package (pdf.js, PDFium), in one module of its own: the worker's
 * bundle replaces this module with its loader's import() (scripts/bundle-worker.mjs), because a
 * function that V8 restores from a code cache no longer has Node's hook for import().
 */
export function importPackage<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
