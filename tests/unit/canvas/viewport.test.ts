import { describe, expect, it } from 'vitest';
import { GRID } from '../../../src/canvas/layout';
import { formatZoom, initialViewport, parseZoomLevel, rememberViewport, steppedZoom, stickyOffsets } from '../../../src/canvas/viewport';

describe('the initial view', () => {
  it('reopens a map where it was last viewed in this tab (a preview, a restore, a visit to the dashboard), other maps at their head', () => {
    rememberViewport('map-a', { x: -400, y: -120, zoom: 0.5 });
    expect(initialViewport('map-a')).toEqual({ x: -400, y: -120, zoom: 0.5 });
    expect(initialViewport('map-b')).toEqual(initialViewport());
  });

  it('opens at 100% with the persona and the first stage at the top left', () => {
    const { x, y, zoom } = initialViewport();
    expect(zoom).toBe(1);
    // Flow point → screen: p * zoom + offset. The persona's top-left and the first stage are on screen, near the corner.
    const personaTop = -(GRID.personaHeight + GRID.personaGap) * zoom + y;
    expect(personaTop).toBeGreaterThanOrEqual(0);
    expect(personaTop).toBeLessThan(60);
    const firstStage = { left: GRID.laneHeaderWidth * zoom + x, top: y };
    expect(firstStage.left + GRID.columnWidth).toBeLessThan(1280);
    expect(firstStage.top + GRID.stageHeaderHeight).toBeLessThan(400);
    expect(x).toBeGreaterThanOrEqual(0);
  });
});

describe('zoom levels', () => {
  it('reads what people type', () => {
    expect(parseZoomLevel('150%')).toBe(1.5);
    expect(parseZoomLevel(' 75 ')).toBe(0.75);
    expect(parseZoomLevel('１２０％')).toBe(1.2);
    expect(parseZoomLevel('1.5')).toBe(1.5);
    expect(parseZoomLevel('2x')).toBe(2);
    expect(parseZoomLevel('33,5%')).toBeCloseTo(0.335);
  });

  it('keeps a level within what the canvas allows and refuses what is not a level', () => {
    expect(parseZoomLevel('900%')).toBe(2);
    expect(parseZoomLevel('1%')).toBe(0.1);
    expect(parseZoomLevel('fit')).toBeNull();
    expect(parseZoomLevel('')).toBeNull();
    expect(parseZoomLevel('0')).toBeNull();
    expect(parseZoomLevel('-50%')).toBeNull();
  });

  it('steps in and out through round levels', () => {
    expect(steppedZoom(1, 1)).toBe(1.25);
    expect(steppedZoom(1, -1)).toBe(0.75);
    expect(steppedZoom(0.33, 1)).toBe(0.5);
    expect(steppedZoom(0.33, -1)).toBe(0.25);
    expect(steppedZoom(2, 1)).toBe(2);
    expect(steppedZoom(0.1, -1)).toBe(0.1);
    expect(formatZoom(0.333)).toBe('33%');
  });
});

describe('frozen headers', () => {
  it('keep the stage row at the top and the lane column at the left once the map is panned past them', () => {
    expect(stickyOffsets({ x: 40, y: 120, zoom: 1 })).toEqual({ stageRowY: 120, laneColumnX: 40 });
    expect(stickyOffsets({ x: -500, y: -800, zoom: 0.5 })).toEqual({ stageRowY: 0, laneColumnX: 0 });
  });
});
