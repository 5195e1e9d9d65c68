/** pdf.js's worker module, preloaded in Node by src/extractors/pdfjs-setup.ts. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
