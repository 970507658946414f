/**
 * Version compare on the canvas: while a compare is shown, the canvas draws
 * its view (the later side with removed things put back) and its nodes look
 * up here what happened to them: added, removed (a ghost), changed. Outside
 * a compare there is none and nothing is marked.
 */
import { createContext, useContext } from 'react';
import type { CardChange, LaneChange, StageChange } from '../model/compare/diff';
import type { Names } from '../model/compare/describe';
import type { CompareResult } from '../model/compare/wire';

export interface CompareState {
  result: CompareResult;
  cards: ReadonlyMap<string, CardChange>;
  stages: ReadonlyMap<string, StageChange>;
  lanes: ReadonlyMap<string, LaneChange>;
  /** names of every stage, lane and persona of either side */
  names: Names;
}

const CompareContext = createContext<CompareState | null>(null);
export const CompareProvider = CompareContext.Provider;

export const useCompare = (): CompareState | null => useContext(CompareContext);
export const useCardChange = (id: string): CardChange | null => useContext(CompareContext)?.cards.get(id) ?? null;
export const useStageChange = (id: string): StageChange | null => useContext(CompareContext)?.stages.get(id) ?? null;
export const useLaneChange = (id: string): LaneChange | null => useContext(CompareContext)?.lanes.get(id) ?? null;

/** The class a changed entity's element gets: compare-added, compare-removed, compare-changed. */
export const compareClass = (change: { change: string } | null): string => (change ? ` compare-${change.change}` : '');
