/**
 * Threaded comments on cards and on the whole map, kept in a second Y.Doc per
 * map (room `<mapId>/comments`). See comments/ for the parts and
 * docs/FORMAT.md ("Comments") for the stored shapes.
 */
export * from './comments/schema';
export * from './comments/mentions';
export {
  readComments,
  threadsFor,
  openThreads,
  commentCount,
  mentionsOf,
  mentions,
  findThread,
  type CommentThread,
  type CommentsSnapshot,
} from './comments/read';
export * from './comments/commands';
export * from './comments/live';
