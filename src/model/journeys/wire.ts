/**
 * Linked journeys (issue 16): what the server's link index holds and what
 * its API answers, in zod/mini so the dashboard and the map page validate
 * every answer without loading zod's full API. A link is a card's or a
 * stage's `linkedMapId` (docs/FORMAT.md, "Linked journeys (v4)"); the index
 * is kept by the server from each map's document (server/journeyIndex.ts).
 */
import * as z from 'zod/mini';
import { ID_CHECKS } from '../ids';

const Id = z.string().check(...ID_CHECKS);

export const LINK_CARRIERS = ['stage', 'card'] as const;
export type LinkCarrier = (typeof LINK_CARRIERS)[number];

/** One link of a map's document: the stage or card that carries it, and the map it opens. */
export const JourneyLinkSchema = z.object({
  carrier: z.enum(LINK_CARRIERS),
  carrierId: Id,
  mapId: Id,
});
export type JourneyLink = z.infer<typeof JourneyLinkSchema>;

/** A map named by a link, as the requester may see it. */
export const LinkedMapSchema = z.object({ id: Id, title: z.string() });
export type LinkedMap = z.infer<typeof LinkedMapSchema>;

/** Most linked maps one `GET /api/maps/:id/journey` resolves (a map rarely links to more than a handful). */
export const MAX_LINKED_LOOKUP = 200;

/**
 * `GET /api/maps/:id/journey?linked=a,b`: the maps that link to this one
 * (`parents`, for "Part of: …") and the titles of the maps in `linked` that
 * exist (`linked`; an id left out is not found). `hidden`: the requester came
 * in through a share link of this map, which shows no other map's title.
 */
export const MapJourneySchema = z.object({
  parents: z.array(LinkedMapSchema),
  linked: z.array(LinkedMapSchema),
  hidden: z.boolean(),
});
export type MapJourney = z.infer<typeof MapJourneySchema>;

/**
 * `GET /api/journeys`: every map's id and title and every link between two
 * maps that exist (`[from, to]`, once per pair however many cards carry it),
 * for the dashboard's tree of journeys; one query in the store.
 */
export const JourneyGraphSchema = z.object({
  maps: z.array(z.object({ id: Id, title: z.string(), updatedAt: z.number() })),
  links: z.array(z.tuple([Id, Id])),
});
export type JourneyGraph = z.infer<typeof JourneyGraphSchema>;
