import { describe, expect, it } from 'vitest';
import { isSingleEmoji } from '../../src/emojiImages';

describe('isSingleEmoji', () => {
  it('is true for one emoji, however it is built, and false for anything else', () => {
    for (const one of ['🧗', '❤️', '👩‍💻', '👍🏽', '🇨🇳', '🐼']) expect(isSingleEmoji(one), one).toBe(true);
    for (const other of ['', 'A', '1', '张', '😀😀', '🧗 climber', 'FY']) expect(isSingleEmoji(other), other).toBe(false);
  });
});
