/**
 * The fonts the app ships, served from the build like any asset (no request
 * to another host): Inter (variable: every weight in one file per script)
 * for Latin, and Noto Sans SC at one weight for Chinese, as the build cuts
 * it (scripts/fontFaces.ts): the characters of the app's own text in small
 * files of their own, the whole font split by unicode-range for the rest, so
 * a browser downloads only what a page's text uses. --font in styles.css
 * names the families in that order; exports draw and embed the faces the
 * page declares (export/drawing/pageFonts.ts); the service worker keeps
 * Inter and the app's own text (vite.config.ts lists them).
 */
import '@fontsource-variable/inter';
import 'virtual:journeyboard-font-faces.css';
// Static Inter, for exports only (export/drawing/fontCatalogue.ts): no text on
// the page asks for the family "Inter", so a browser never downloads it to draw.
import '@fontsource/inter/400.css';
import '@fontsource/inter/700.css';
