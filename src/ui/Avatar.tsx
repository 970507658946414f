import { useState } from 'react';
import { emojiImageUrl, isSingleEmoji } from '../emojiImages';

/** The avatar a persona has when none was chosen. */
const FALLBACK = '🙂';

/** A persona's avatar: an emoji (drawn as a picture, see emojiImages.ts), or a small uploaded image (a data URL). */
export function Avatar({ value, size }: { value: string; size: number }) {
  if (value.startsWith('data:image/')) {
    return <img className="avatar" src={value} alt="" width={size} height={size} />;
  }
  return <EmojiAvatar emoji={value || FALLBACK} size={size} />;
}

/** An emoji as Twemoji's picture, or as text when there is none for it. */
export function EmojiAvatar({ emoji, size, className = 'avatar is-emoji' }: { emoji: string; size: number; className?: string }) {
  const [missing, setMissing] = useState<string | null>(null);
  if (isSingleEmoji(emoji) && missing !== emoji) {
    const inner = Math.round(size * 0.7);
    return (
      <span className={className} style={{ width: size, height: size }} aria-hidden>
        <img src={emojiImageUrl(emoji)} alt={emoji} width={inner} height={inner} draggable={false} onError={() => setMissing(emoji)} />
      </span>
    );
  }
  return (
    <span className={className} style={{ width: size, height: size, fontSize: size * 0.6 }} aria-hidden>
      {emoji}
    </span>
  );
}
