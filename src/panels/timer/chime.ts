/**
 * The end-of-timer sound: a few soft sine tones made with Web Audio (no
 * sound file to ship or cache), and whether this browser wants it. Browsers
 * only let a page play sound after the user has interacted with it, so the
 * audio context is opened on the first pointer or key press (primeChime).
 */
import { readStored, writeStored } from '../../state/browserStorage';

const MUTE_KEY = 'journeyboard.timerMuted';

export const chimeMuted = (): boolean => readStored(MUTE_KEY) === '1';

export const setChimeMuted = (muted: boolean): void => writeStored(MUTE_KEY, muted ? '1' : null);

let context: AudioContext | null = null;

/** Opens (or wakes) the audio context; call from a user gesture. */
export function primeChime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    context = null; // no Web Audio: the visual cue is enough
  }
}

/** C major, rising: gentle, and unlike any system alert. */
const TONES_HZ = [523.25, 659.25, 783.99];

export function playChime(): void {
  if (chimeMuted() || !context || context.state !== 'running') return;
  const start = context.currentTime + 0.05;
  TONES_HZ.forEach((hz, i) => {
    const at = start + i * 0.35;
    const osc = context!.createOscillator();
    const gain = context!.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    // A soft attack and a long fade: a bell, not a beep.
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.12, at + 0.04);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.2);
    osc.connect(gain).connect(context!.destination);
    osc.start(at);
    osc.stop(at + 1.25);
  });
}
