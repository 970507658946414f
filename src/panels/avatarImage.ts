/**
 * An uploaded avatar becomes a small square data URL (cropped to the
 * centre, 128 px), so a photo of any size fits the format's cap and the map
 * stays light to sync.
 */
const SIZE = 128;
export const MAX_AVATAR_CHARS = 200_000;

export async function avatarFromFile(file: File): Promise<string> {
  if (!/^image\/(png|jpeg|webp|gif)$/.test(file.type)) throw new Error('type');
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIZE, SIZE);
  bitmap.close();
  const url = canvas.toDataURL('image/webp', 0.85);
  // Browsers without WebP encoding fall back to PNG, which is larger.
  const data = url.startsWith('data:image/webp') ? url : canvas.toDataURL('image/jpeg', 0.85);
  if (data.length > MAX_AVATAR_CHARS) throw new Error('size');
  return data;
}
