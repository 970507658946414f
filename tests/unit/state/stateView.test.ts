/** This user's view of current and future state: the session's switch and curve filter, and the view remembered per map. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSession, useSession } from '../../../src/state/session';
import { rememberedStateView, rememberStateView } from '../../../src/state/stateViewPreference';

afterEach(() => {
  resetSession();
  vi.unstubAllGlobals();
});

describe('the state view', () => {
  it('starts at both, switches, and goes back to both when the map is left', () => {
    expect(useSession.getState().stateView).toBe('both');
    useSession.getState().setStateView('future');
    expect(useSession.getState().stateView).toBe('future');
    resetSession();
    expect(useSession.getState().stateView).toBe('both');
  });

  it('turns a curve line off and on again', () => {
    useSession.getState().toggleCurveLine('ben');
    expect([...useSession.getState().hiddenCurveLines]).toEqual(['ben']);
    useSession.getState().toggleCurveLine('ben');
    expect(useSession.getState().hiddenCurveLines.size).toBe(0);
  });

  it('is remembered per map, and read as both when storage is blocked or holds something else', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    });
    rememberStateView('m1', 'current');
    expect(rememberedStateView('m1')).toBe('current');
    expect(rememberedStateView('m2')).toBe('both');
    store.set('journeyboard.stateView.m2', 'yesterday');
    expect(rememberedStateView('m2')).toBe('both');
    rememberStateView('m1', 'both');
    expect(store.has('journeyboard.stateView.m1')).toBe(false);
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('blocked');
      },
    });
    expect(rememberedStateView('m1')).toBe('both');
  });
});
