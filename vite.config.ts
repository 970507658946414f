import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes /asset-manifest.json: every script and stylesheet of the build,
 * lazy chunks included (index.html links only the first ones), so the
 * service worker can keep them all and Export works offline on a device
 * that never opened it online.
 */
function assetManifest(): Plugin {
  return {
    name: 'journeyboard-asset-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => /\.(js|css)$/.test(file))
        .map((file) => `/${file}`)
        .sort();
      this.emitFile({ type: 'asset', fileName: 'asset-manifest.json', source: JSON.stringify(assets) });
    },
  };
}

// In development the Vite dev server proxies the API and the websocket to the
// Journeyboard server (npm run dev starts both); in production the server
// serves the built app itself on one port.
const backend = `http://127.0.0.1:${process.env.JOURNEYBOARD_DEV_API_PORT ?? '8080'}`;

export default defineConfig({
  plugins: [react(), assetManifest()],
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
      '/ws': { target: backend.replace('http', 'ws'), ws: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
});
