/**
 * React's view of the map's comments: one shared live view per comments doc
 * (model/comments/live.ts). The selector must return something the snapshot
 * already holds, or a primitive (a count), never a fresh object.
 */
import { useSyncExternalStore } from 'react';
import { liveComments, type CommentsSnapshot } from '../model/comments';
import { useOpenMap } from './mapContext';

export function useComments<T>(selector: (s: CommentsSnapshot) => T): T {
  const { commentsDoc } = useOpenMap();
  const live = liveComments(commentsDoc);
  return useSyncExternalStore(live.subscribe, () => selector(live.getSnapshot()));
}
