/** Finished files: their names, and handing them to the browser as downloads. */
import { fileStem } from '../model/fileName';

/** A download's name: the map's title made safe for every OS (model/fileName.ts) and `suffix`. */
export const fileNameFrom = (title: string, suffix: string): string => fileStem(title, 'journey-map') + suffix;

/** Hands a finished file to the browser as a download. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
