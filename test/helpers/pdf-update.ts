/**
 * Damaging a PDF the way real files are damaged, by an incremental update (a classic xref
 * section that redefines objects): for the mutants of test/pdf-faults.test.ts and
 * test/pdfium.test.ts. Works on the file as a latin1 string.
 */

/** The file's objects: number → body. */
export function objects(s: string): Map<number, string> {
  const m = new Map<number, string>();
  for (const x of s.matchAll(/(\d+) 0 obj\n?([\s\S]*?)\nendobj/g)) m.set(Number(x[1]), x[2]!);
  return m;
}

export function trailerOf(s: string) {
  const t = s.slice(s.lastIndexOf('trailer'));
  return {
    root: Number(/\/Root (\d+) 0 R/.exec(t)![1]),
    info: Number(/\/Info (\d+) 0 R/.exec(t)![1]),
    size: Number(/\/Size (\d+)/.exec(t)![1]),
    startxref: Number(/startxref\s+(\d+)/.exec(s.slice(s.lastIndexOf('startxref')))![1]),
  };
}

/** An incremental update (classic xref section) redefining `objs`, with extra trailer entries. */
export function update(s: string, objs: Record<number, string>, trailerExtra = ''): string {
  const t = trailerOf(s);
  let out = s;
  const offs: [number, number][] = [];
  for (const [n, body] of Object.entries(objs)) {
    offs.push([Number(n), out.length]);
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const xref = out.length;
  out += 'xref\n' + offs.map(([n, o]) => `${n} 1\n${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<</Size ${t.size}/Root ${t.root} 0 R/Info ${t.info} 0 R/Prev ${t.startxref}${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

/** The page tree's root object: [number, body]. */
export function pagesObj(s: string): [number, string] {
  const found = [...objects(s)].find(([, b]) => /\/Type\/Pages\b/.test(b));
  if (!found) throw new Error('no page tree');
  return found;
}
