/** The message of a PDF that cannot be read (kept apart from pdf.ts so that the worker's crash guard does not load the PDF reader). */
export function damagedMessage(detail: string): string {
  return `The PDF is truncated or damaged (${detail}): re-download it, or if it opens in a PDF viewer, re-export it (print it to a new PDF) and convert that.`;
}
