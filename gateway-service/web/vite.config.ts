/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the built app from its jar: Maven runs `vite build` into target/classes/static.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a running stack: the gateway keeps the session, so proxy everything it owns.
    proxy: Object.fromEntries(
      ['/api', '/oauth2', '/login', '/logout'].map((p) => [
        p,
        { target: 'http://localhost:8080', changeOrigin: false },
      ]),
    ),
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'junit'],
    outputFile: { junit: '../target/surefire-reports/TEST-web-unit.xml' },
  },
});
