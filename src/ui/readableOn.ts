/**
 * Black or white, whichever reads better on a background colour (#rrggbb):
 * a person's colour is picked for them and may be light or dark, and their
 * initials must keep WCAG's 4.5:1 on it.
 */
const channel = (hex: string) => {
  const c = parseInt(hex, 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of #rrggbb. */
export function luminance(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => channel(color.slice(i, i + 2)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function readableOn(background: string): '#000' | '#fff' {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return '#fff';
  const l = luminance(background);
  // contrast with white: 1.05 / (l + 0.05); with black: (l + 0.05) / 0.05
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#000';
}
