/**
 * The fonts the app ships, served from the build like any asset (no request
 * to another host): Inter (variable: every weight in one file per script)
 * for Latin, and Noto Sans SC at one weight for Chinese. Both come split by
 * unicode-range, so a browser downloads only the parts a page's text uses:
 * about 0.5 MB for a Chinese map, a few dozen KB for an English one.
 * --font in styles.css names them; exports embed what a page loaded
 * (export/fontEmbed.ts); the service worker keeps the files the app's own
 * text needs (vite.config.ts lists them).
 */
import '@fontsource-variable/inter';
import '@fontsource/noto-sans-sc/400.css';
