/**
 * Websocket close codes the server sends and the client acts on: one
 * definition for both. 4xxx are Journeyboard's own; the stock y-websocket
 * provider treats 4400-4499 as final (it stops reconnecting and emits
 * `closed`) and every other code as worth a reconnect.
 */
export const CLOSE = {
  /** the server is shutting down (the provider reconnects) */
  shutdown: 1001,
  /** a message that is not the protocol */
  malformed: 1007,
  /** over the message rate */
  rateLimit: 1008,
  /** the map could not be loaded or stored */
  internal: 1011,
  /** too many connections from this address: the provider retries later */
  tryAgainLater: 1013,
  /** an invalid or revoked link, or a workspace sign-in that is missing */
  unauthorized: 4401,
  mapNotFound: 4404,
  mapDeleted: 4410,
  /** the update would take the map past its entity limits (MAP_LIMITS) */
  mapFull: 4413,
  /** the update depends on edits the server never received: refused whole */
  missingDependencies: 4422,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
