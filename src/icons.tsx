/**
 * Every icon of the app: SVGs from lucide-react (only these are bundled),
 * drawn in the colour of the text around them, so they look the same on
 * every computer and in exports, with no emoji font. One home, so a channel
 * or a tag has the same picture on the card, in the inspector, in the
 * workshop toolbar and in an export's legend.
 */
import {
  Bell,
  BellOff,
  Presentation,
  Timer as TimerGlyph,
  ArrowDown,
  ArrowLeft,
  ArrowRight,
  ArrowUp,
  Check,
  ChevronDown,
  ChevronRight,
  CircleUserRound,
  Download,
  Trash2,
  Coins,
  Flame,
  Frown,
  House,
  Link2,
  Laugh,
  Map as MapIcon,
  Maximize,
  Minus,
  Plus,
  Meh,
  MessageCircle,
  MessageSquare,
  Monitor,
  Pencil,
  Redo2,
  Rose,
  Smile,
  Sprout,
  Star,
  Store,
  TriangleAlert,
  Undo2,
  User,
  Angry,
  Vote,
  X,
  type LucideIcon,
} from 'lucide-react';
import { emotionLevel, type EmotionLevel } from './model/journey';
import type { CHANNELS, MEDIA, Tag } from './model/schema';

export type { LucideIcon };

export const CHANNEL_ICONS: Record<(typeof CHANNELS)[number], LucideIcon> = { digital: Monitor, physical: Store, human: User };
export const MEDIA_ICONS: Record<(typeof MEDIA)[number], LucideIcon> = { owned: House, earned: MessageCircle, paid: Coins };
/** Rose, bud, thorn: what works, what could, what hurts. */
export const TAG_ICONS: Record<Tag, LucideIcon> = { rose: Rose, bud: Sprout, thorn: Flame };
export const EMOTION_ICONS: Record<EmotionLevel, LucideIcon> = {
  delighted: Laugh,
  pleased: Smile,
  neutral: Meh,
  unhappy: Frown,
  frustrated: Angry,
};

export const MomentOfTruthIcon = Star;
export const OffTargetIcon = TriangleAlert;
export const CommentsIcon = MessageSquare;
export const WholeMapIcon = MapIcon;
export const ResolvedIcon = Check;
export const VotesIcon = Vote;
export const RenameIcon = Pencil;
export const CloseIcon = X;
export const DeleteIcon = Trash2;
/** a link to another map (linked journeys): on cards, stage headers and in exports */
export const LinkedMapIcon = Link2;
export const ExportIcon = Download;
/** A persona whose avatar is a picture, where only a small mark fits. */
export const PersonaIcon = CircleUserRound;
export { ArrowDown, ArrowLeft, ArrowRight, ArrowUp };
export const UndoIcon = Undo2;
export const RedoIcon = Redo2;
/** The canvas's zoom control and mini map toggle. */
export const ZoomInIcon = Plus;
export const ZoomOutIcon = Minus;
export const FitIcon = Maximize;
export const MiniMapIcon = MapIcon;
export { ChevronDown, ChevronRight };
export const TimerIcon = TimerGlyph;
export const SoundOnIcon = Bell;
export const SoundOffIcon = BellOff;
export const PresentIcon = Presentation;

/** An icon the size of the text around it; decorative (hidden from screen readers) unless it has a label. */
export function Icon({ icon: Glyph, label, className }: { icon: LucideIcon; label?: string; className?: string }) {
  return (
    <Glyph
      className={className ? `icon ${className}` : 'icon'}
      width="1em"
      height="1em"
      strokeWidth={2}
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}

/** The face for an emotion score. */
export function EmotionFace({ score, label }: { score: number; label?: string }) {
  const level = emotionLevel(score);
  return <Icon icon={EMOTION_ICONS[level]} className={`emotion-face is-${level}`} {...(label ? { label } : {})} />;
}
