/**
 * PNG export: the sheet (title, persona, the map or part of it, legend) at
 * 2× unless that passes the canvas limits, captured tile by tile so each
 * rasterised piece stays small, and drawn into one canvas.
 */
import { createElement } from 'react';
import type { OpenMap } from '../canvas/mapContext';
import { createStage, rasterise, throwIfCancelled } from './capture';
import { pixelRatioFor, tilesFor, type SheetLayout } from './plan';
import { MapSheet, type Background } from './render/Sheets';
import type { ExportJob, MapPicture } from './surface';

export interface PngRequest {
  picture: MapPicture;
  sheet: SheetLayout;
  title: string;
  details: string;
  background: Background;
  comments: boolean;
}

export interface PngResult {
  blob: Blob;
  width: number;
  height: number;
  pixelRatio: number;
  tiles: number;
}

function encode(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

export async function exportPng(map: OpenMap, request: PngRequest, job: ExportJob, wantedRatio = 2): Promise<PngResult> {
  const { sheet } = request;
  const pixelRatio = pixelRatioFor(sheet.width, sheet.height, wantedRatio);
  const width = Math.round(sheet.width * pixelRatio);
  const height = Math.round(sheet.height * pixelRatio);
  const output = document.createElement('canvas');
  output.width = width;
  output.height = height;
  const context = output.getContext('2d');
  if (!context) throw new Error(`the browser cannot make a ${width}×${height} canvas`);
  const tiles = tilesFor(sheet.width, sheet.height, pixelRatio);
  const stage = createStage(map);
  try {
    for (const [i, tile] of tiles.entries()) {
      throwIfCancelled(job.signal);
      job.onProgress(i, tiles.length + 1);
      const surface = createElement(MapSheet, { ...request, nodes: request.picture.nodes, visible: tile });
      const element = await stage.show(surface, tile);
      const piece = await rasterise(element, tile, pixelRatio);
      // Edges rounded from the sheet's coordinates, so at a fractional ratio neighbouring tiles meet without a seam.
      const [x0, y0] = [Math.round(tile.x * pixelRatio), Math.round(tile.y * pixelRatio)];
      const [x1, y1] = [Math.round((tile.x + tile.width) * pixelRatio), Math.round((tile.y + tile.height) * pixelRatio)];
      context.drawImage(piece, x0, y0, x1 - x0, y1 - y0);
    }
  } finally {
    stage.destroy();
  }
  throwIfCancelled(job.signal);
  job.onProgress(tiles.length, tiles.length + 1);
  const blob = await encode(output);
  // A browser with lower limits than ours (iOS Safari) hands back nothing: try again smaller.
  if (!blob) {
    if (pixelRatio <= 0.25) throw new Error('the browser could not encode the image');
    return exportPng(map, request, job, pixelRatio / 2);
  }
  job.onProgress(tiles.length + 1, tiles.length + 1);
  return { blob, width, height, pixelRatio, tiles: tiles.length };
}
