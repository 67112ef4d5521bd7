/**
 * The page's "Draw points" tool: whether it is on, the mode (add or erase),
 * the class or value of new points, the keyboard cursor, and the Drawing
 * itself (drawing.ts). One per playground, shared by the toggle in the data
 * column and the layer over the output map.
 *
 * The drawn points go to the trainer only when the student presses "Use
 * these points": each use draws new weights and a new split of the points,
 * so training after every click would restart the network again and again
 * while the picture is still half drawn.
 */
import type { Example2D } from '@nn/datasets';
import type { PointsSnapshot } from '@nn/trainer';
import type { Playground } from '../../playground.svelte.js';
import { COORD, Drawing, isDrawn, type DrawRefusal } from './drawing.js';

export type DrawMode = 'add' | 'erase';

/** What the last "Use these points" said. */
export type DrawOutcome =
  | { readonly kind: 'used'; readonly points: number }
  | { readonly kind: 'refusal'; readonly refusal: DrawRefusal }
  | { readonly kind: 'refused' }
  | { readonly kind: 'full' };

/** A keyboard step of the cursor (map units); Shift takes smaller steps. */
export const CURSOR_STEP = 0.5;
export const CURSOR_FINE_STEP = 0.1;

function pointsOf(snapshot: PointsSnapshot | undefined): Example2D[] {
  if (!snapshot) return [];
  return Array.from(snapshot.xs, (x, i) => ({ x, y: snapshot.ys[i]!, label: snapshot.labels[i]! }));
}

export class DrawTool {
  on = $state(false);
  mode = $state<DrawMode>('add');
  /** The class of new points (classification): -1 or +1 with two classes, 0..k-1 with k = 3..6. */
  label = $state<number>(1);
  /** The value of new points (regression), -1..1. */
  value = $state(0.5);
  /** The keyboard cursor, in map coordinates. */
  cursor = $state<{ x: number; y: number }>({ x: 0, y: 0 });
  /** The drawn points (a new array on every change). */
  points = $state.raw<readonly Example2D[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);
  outcome = $state.raw<DrawOutcome | undefined>(undefined);
  /** The points last sent to the trainer (to say when the drawing changed since). */
  usedPoints = $state.raw<readonly Example2D[] | undefined>(undefined);
  busy = $state(false);
  private drawing = new Drawing('classification');

  constructor(private readonly playground: Playground) {}

  get problem(): Drawing['problem'] {
    return this.drawing.problem;
  }
  /** The drawing's classes (2 for regression): the page's Classes when it started. */
  get classes(): number {
    return this.drawing.classes;
  }

  /** Turns drawing on, starting from the current data set's training and test points, or off. */
  toggle(): void {
    if (this.on) {
      this.drawing.endErase();
      this.on = false;
      return;
    }
    const playground = this.playground;
    const imported = playground.imported;
    // The drawn set continues where it was when it is the one training.
    const start =
      imported && isDrawn(imported)
        ? imported.points
        : [...pointsOf(playground.train), ...pointsOf(playground.test)];
    const { problem, classes } = playground.state;
    this.drawing = new Drawing(problem, start, classes);
    // A class the new drawing has (class 2, blue, when two classes follow more).
    if (classes > 2 ? !(this.label >= 0 && this.label < classes) : this.label !== -1 && this.label !== 1) this.label = 1;
    this.mode = 'add';
    this.outcome = undefined;
    this.usedPoints = imported && isDrawn(imported) ? this.drawing.points : undefined;
    this.on = true;
    this.sync();
  }

  /** After a change: the drawing is what it shows now (an earlier message no longer applies). */
  private sync(): void {
    this.outcome = undefined;
    this.points = this.drawing.points;
    this.canUndo = this.drawing.canUndo;
    this.canRedo = this.drawing.canRedo;
  }

  /** The label a new point gets. */
  private newLabel(): number {
    return this.drawing.problem === 'classification' ? this.label : this.value;
  }

  add(x: number, y: number): void {
    if (!this.drawing.add(x, y, this.newLabel())) {
      if (this.drawing.full) this.outcome = { kind: 'full' };
      return;
    }
    this.cursor = { x: Math.min(COORD, Math.max(-COORD, x)), y: Math.min(COORD, Math.max(-COORD, y)) };
    this.sync();
  }

  beginErase(): void {
    this.drawing.beginErase();
  }
  eraseAt(x: number, y: number): void {
    if (this.drawing.eraseAt(x, y) > 0) this.sync();
  }
  endErase(): void {
    this.drawing.endErase();
    this.sync();
  }

  /** A click or Enter at (x, y): adds a point, or erases there in erase mode. */
  act(x: number, y: number): void {
    if (this.mode === 'add') {
      this.add(x, y);
      return;
    }
    this.beginErase();
    this.eraseAt(x, y);
    this.endErase();
  }

  undo(): void {
    if (this.drawing.undo()) this.sync();
  }
  redo(): void {
    if (this.drawing.redo()) this.sync();
  }
  clear(): void {
    this.drawing.clear();
    this.sync();
  }

  moveCursor(dx: number, dy: number): void {
    const clamp = (v: number): number => Math.round(Math.min(COORD, Math.max(-COORD, v)) * 10) / 10;
    this.cursor = { x: clamp(this.cursor.x + dx), y: clamp(this.cursor.y + dy) };
  }

  counts(): ReturnType<Drawing['counts']> {
    return this.drawing.counts();
  }

  classCounts(): number[] {
    return this.drawing.classCounts();
  }

  /** "Use these points": trains on them (new weights, split by the ratio), or says why not and keeps the old data. */
  async use(name: string): Promise<void> {
    const refusal = this.drawing.refusal();
    if (refusal) {
      this.outcome = { kind: 'refusal', refusal };
      return;
    }
    if (this.busy) return;
    this.busy = true;
    try {
      const points = this.drawing.points;
      const ok = await this.playground.useDrawnPoints(this.drawing.toImported(name));
      this.outcome = ok ? { kind: 'used', points: points.length } : { kind: 'refused' };
      if (ok) this.usedPoints = points;
    } finally {
      this.busy = false;
    }
  }
}

const tools = new WeakMap<Playground, DrawTool>();

/** The drawing tool of a playground (made on first use). */
export function drawToolOf(playground: Playground): DrawTool {
  let tool = tools.get(playground);
  if (!tool) {
    tool = new DrawTool(playground);
    tools.set(playground, tool);
  }
  return tool;
}
