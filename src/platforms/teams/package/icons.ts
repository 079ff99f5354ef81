import type { Image } from './png.js';

/**
 * The app's icon: a calm teal tile with a white checklist (three ticked lines), the plan worked
 * through step by step. The outline icon is the same checklist in white on transparent.
 */
const TEAL: [number, number, number] = [0x2e, 0x7d, 0x7a];

function inRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** True where the checklist is drawn, in a unit square (0..1). */
function checklist(u: number, v: number, stroke: number): boolean {
  for (const row of [0.3, 0.5, 0.7]) {
    const tick =
      distanceToSegment(u, v, 0.22, row, 0.28, row + 0.06) < stroke ||
      distanceToSegment(u, v, 0.28, row + 0.06, 0.38, row - 0.06) < stroke;
    const line = distanceToSegment(u, v, 0.47, row, 0.8, row) < stroke;
    if (tick || line) return true;
  }
  return false;
}

export function colorIcon(size = 192): Image {
  return {
    width: size,
    height: size,
    pixel(x, y) {
      if (!inRoundedSquare(x + 0.5, y + 0.5, size, size * 0.18)) return [0, 0, 0, 0];
      if (checklist((x + 0.5) / size, (y + 0.5) / size, 0.035)) return [255, 255, 255, 255];
      return [...TEAL, 255];
    },
  };
}

export function outlineIcon(size = 32): Image {
  return {
    width: size,
    height: size,
    pixel(x, y) {
      return checklist((x + 0.5) / size, (y + 0.5) / size, 0.05) ? [255, 255, 255, 255] : [0, 0, 0, 0];
    },
  };
}
