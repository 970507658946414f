/** A persona's avatar: an emoji, or a small uploaded image (a data URL). */
export function Avatar({ value, size }: { value: string; size: number }) {
  if (value.startsWith('data:image/')) {
    return <img className="avatar" src={value} alt="" width={size} height={size} />;
  }
  return (
    <span className="avatar is-emoji" style={{ width: size, height: size, fontSize: size * 0.6 }} aria-hidden>
      {value || '🙂'}
    </span>
  );
}
