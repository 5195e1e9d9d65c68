import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // end-to-end tests convert every sample (DOCX and PDF) through the CLI
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
