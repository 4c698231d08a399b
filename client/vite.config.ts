// Vite build of the console; in development it forwards the API and socket.io to a local server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      // The Host header passes through: the server lets a socket.io page connect only from the
      // origin it was asked by, and the page's origin is this dev server.
      '/socket.io': { target: server, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // three.js alone is ~700 kB minified; the console is one screen, so one big chunk is expected.
    chunkSizeWarningLimit: 1600,
  },
});
