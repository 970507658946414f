import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { TWEMOJI_DIR } from './src/emojiImages';
import { FONT_FACES_ID, generateFontFaces, type FontFaces } from './scripts/fontFaces';

/**
 * The font faces (scripts/fontFaces.ts): generated once when the build or
 * the dev server starts, and resolved for src/fonts.ts's import.
 */
function fontFaces(): Plugin & { faces: () => Promise<FontFaces> } {
  let pending: Promise<FontFaces> | undefined;
  const faces = () => (pending ??= generateFontFaces(process.cwd()));
  return {
    name: 'journeyboard-font-faces',
    faces,
    async resolveId(id) {
      return id === FONT_FACES_ID ? (await faces()).css : null;
    },
  };
}

/**
 * Writes /asset-manifest.json: every script and stylesheet of the build,
 * lazy chunks included (index.html links only the first ones), and the font
 * files the app's own text needs (Inter, and the cut Chinese files), so the
 * service worker can keep them all: Export works offline on a device that
 * never opened it online, and a map opened offline still draws its Chinese.
 */
function assetManifest(faces: () => Promise<FontFaces>): Plugin {
  return {
    name: 'journeyboard-asset-manifest',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const own = new Set((await faces()).ownTextFiles);
      // Inter Variable draws the page; static Inter's Latin faces draw exports.
      const isOwnFont = (name: string) => own.has(name) || /^inter-.*-wght-normal|^inter-latin(-ext)?-(400|700)-normal/.test(name);
      /** The source file an emitted asset came from (Vite hashes the name). */
      const sourceName = (file: string) => {
        const chunk = bundle[file]!;
        const names = 'originalFileNames' in chunk ? chunk.originalFileNames : [];
        return names.map((n) => path.basename(n));
      };
      const assets = Object.keys(bundle)
        .filter((file) => /\.(js|css)$/.test(file) || (file.endsWith('.woff2') && sourceName(file).some(isOwnFont)))
        .map((file) => `/${file}`)
        .sort();
      this.emitFile({ type: 'asset', fileName: 'asset-manifest.json', source: JSON.stringify(assets) });
    },
  };
}

/**
 * Twemoji's pictures for emoji avatars (src/emojiImages.ts): copied into the
 * build under TWEMOJI_DIR (a versioned folder, so cached for good like the
 * hashed assets), and served from node_modules by the dev server.
 */
function twemojiImages(): Plugin {
  const source = path.resolve('node_modules/@twemoji/svg');
  const prefix = `/${TWEMOJI_DIR}/`;
  return {
    name: 'journeyboard-twemoji',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.startsWith(prefix) ? path.basename(req.url.slice(prefix.length)) : '';
        const file = path.join(source, name);
        if (!/^[0-9a-f-]+\.svg$/.test(name) || !fs.existsSync(file)) return next();
        res.setHeader('content-type', 'image/svg+xml');
        fs.createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of fs.readdirSync(source).filter((f) => f.endsWith('.svg'))) {
        this.emitFile({ type: 'asset', fileName: `${TWEMOJI_DIR}/${name}`, source: fs.readFileSync(path.join(source, name)) });
      }
    },
  };
}

// In development the Vite dev server proxies the API and the websocket to the
// Journeyboard server (npm run dev starts both); in production the server
// serves the built app itself on one port.
const backend = `http://127.0.0.1:${process.env.JOURNEYBOARD_DEV_API_PORT ?? '8080'}`;

const fonts = fontFaces();

export default defineConfig({
  plugins: [react(), fonts, assetManifest(fonts.faces), twemojiImages()],
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
    // A font stays a file of its own, however small: inlined into the stylesheet, every page would carry it.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
});
