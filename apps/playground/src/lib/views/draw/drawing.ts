/**
 * "Draw points": the points a student draws on the output map, with undo and
 * redo, and the ImportedData they become (the same path as an imported file:
 * the trainer shuffles them with the seed and splits them at the ratio).
 *
 * Coordinates are the map's: x and y in -6..6 (y up). A label is -1 or +1 for
 * two-class classification, a class number 0..k-1 with k = 3..6 classes, and
 * a value in -1..1 for regression. The state is plain
 * data, never mutated: every change replaces `points`, so a view redraws on
 * the new array and the undo stack can keep the old ones as they are.
 */
import { MAX_IMPORT_POINTS, type Example2D, type Problem } from '@nn/datasets';
import type { ImportedData } from '@nn/trainer';

/** The map spans -COORD..COORD on both axes. */
export const COORD = 6;
/** Most points a drawing holds (the import's limit). */
export const MAX_DRAWN_POINTS = MAX_IMPORT_POINTS;
/** Erasing removes the points within this distance of the pointer (map units; the map is 12 wide). */
export const ERASE_RADIUS = 0.4;
/** Undo steps kept (older ones are forgotten). */
export const MAX_UNDO = 200;
/** The id prefix of a drawn set (`drawn:<points>:<checksum>`), so a record can say its points were drawn. */
export const DRAWN_ID_PREFIX = 'drawn:';

/** Why a drawing cannot be trained on yet. */
export type DrawRefusal =
  /** Fewer than 2 points. */
  | { readonly kind: 'too-few'; readonly points: number }
  /** Classification with points of one class only (its label: -1 or +1, or the class number with 3 or more classes). */
  | { readonly kind: 'one-class'; readonly label: number };

const clampCoord = (v: number): number => Math.min(COORD, Math.max(-COORD, v));

/** Whether an ImportedData came from a drawing (its id says so). */
export function isDrawn(data: Pick<ImportedData, 'id'> | undefined): boolean {
  return data !== undefined && data.id.startsWith(DRAWN_ID_PREFIX);
}

/** FNV-1a over the points' numbers (as text, so the same points always give the same id). */
function checksum(points: readonly Example2D[]): string {
  let hash = 0x811c9dc5;
  for (const point of points) {
    const text = `${point.x},${point.y},${point.label};`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export class Drawing {
  /** The drawn points, in drawing order. */
  points: readonly Example2D[];
  readonly problem: Problem;
  /** Classes of a classification drawing: 2 (labels -1 and +1) or 3..6 (labels 0..classes-1). */
  readonly classes: number;
  private undoStack: (readonly Example2D[])[] = [];
  private redoStack: (readonly Example2D[])[] = [];
  /** The points before the erase stroke under way (undefined outside a stroke). */
  private strokeStart: readonly Example2D[] | undefined;

  /** Starts from `points` (e.g. the current data set's), clamped to the map and cut at the limit. */
  constructor(problem: Problem, points: readonly Example2D[] = [], classes = 2) {
    this.problem = problem;
    this.classes = problem === 'classification' ? Math.max(2, Math.round(classes)) : 2;
    this.points = points.slice(0, MAX_DRAWN_POINTS).map((p) => ({ x: clampCoord(p.x), y: clampCoord(p.y), label: this.labelOf(p.label) }));
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
  get full(): boolean {
    return this.points.length >= MAX_DRAWN_POINTS;
  }

  /**
   * A label as the problem takes it: the sign for two classes (0 counts as
   * +1), the nearest class number 0..classes-1 for more, clamped to -1..1
   * for regression.
   */
  private labelOf(label: number): number {
    if (this.problem === 'classification' && this.classes > 2) {
      return Number.isFinite(label) ? Math.min(this.classes - 1, Math.max(0, Math.round(label))) : 0;
    }
    if (this.problem === 'classification') return label < 0 ? -1 : 1;
    return Number.isFinite(label) ? Math.min(1, Math.max(-1, label)) : 0;
  }

  private commit(next: readonly Example2D[]): void {
    this.undoStack.push(this.points);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.redoStack = [];
    this.points = next;
  }

  /** Adds a point at (x, y), clamped to the map. False (and nothing changes) when the drawing is full. */
  add(x: number, y: number, label: number): boolean {
    if (this.full || !Number.isFinite(x) || !Number.isFinite(y)) return false;
    this.commit([...this.points, { x: clampCoord(x), y: clampCoord(y), label: this.labelOf(label) }]);
    return true;
  }

  /**
   * Starts an erase stroke: the erasing until endErase() is one undo step
   * (a drag that removes many points is undone at once).
   */
  beginErase(): void {
    this.strokeStart ??= this.points;
  }

  /** Removes the points within `radius` of (x, y); returns how many. Outside a stroke it is a stroke of its own. */
  eraseAt(x: number, y: number, radius: number = ERASE_RADIUS): number {
    const kept = this.points.filter((p) => (p.x - x) ** 2 + (p.y - y) ** 2 > radius * radius);
    const removed = this.points.length - kept.length;
    if (removed === 0) return 0;
    if (this.strokeStart === undefined) this.commit(kept);
    else this.points = kept;
    return removed;
  }

  /** Ends an erase stroke; a stroke that removed nothing leaves no undo step. */
  endErase(): void {
    const start = this.strokeStart;
    this.strokeStart = undefined;
    if (start === undefined || start === this.points) return;
    const erased = this.points;
    this.points = start;
    this.commit(erased);
  }

  /** Removes every point (one undo step). */
  clear(): void {
    if (this.points.length > 0) this.commit([]);
  }

  /** Undoes the last add, erase stroke or clear; false when there is nothing to undo. */
  undo(): boolean {
    this.endErase();
    const previous = this.undoStack.pop();
    if (previous === undefined) return false;
    this.redoStack.push(this.points);
    this.points = previous;
    return true;
  }

  redo(): boolean {
    this.endErase();
    const next = this.redoStack.pop();
    if (next === undefined) return false;
    this.undoStack.push(this.points);
    this.points = next;
    return true;
  }

  /** Points of each class (classification): [orange (-1), blue (+1)]. */
  counts(): { readonly negative: number; readonly positive: number } {
    let negative = 0;
    for (const p of this.points) if (p.label < 0) negative++;
    return { negative, positive: this.points.length - negative };
  }

  /** Points of each class by class number (`[c]`: label c, or for two classes 0 = -1 and 1 = +1). */
  classCounts(): number[] {
    const counts = new Array<number>(this.classes).fill(0);
    for (const p of this.points) counts[this.classes > 2 ? p.label : p.label < 0 ? 0 : 1]!++;
    return counts;
  }

  /** Why these points cannot be trained on, or undefined when they can. */
  refusal(): DrawRefusal | undefined {
    if (this.points.length < 2) return { kind: 'too-few', points: this.points.length };
    if (this.problem === 'classification') {
      const counts = this.classCounts();
      const present = counts.flatMap((n, c) => (n > 0 ? [c] : []));
      if (present.length === 1) {
        const only = present[0]!;
        return { kind: 'one-class', label: this.classes > 2 ? only : only === 0 ? -1 : 1 };
      }
    }
    return undefined;
  }

  /**
   * The points as the trainer takes them, named `name` (e.g. "Drawn points"),
   * with an id from their contents: the same drawing gives the same id.
   */
  toImported(name: string): ImportedData {
    const points = this.points.map((p) => ({ ...p }));
    if (this.classes === 2) {
      return { id: `${DRAWN_ID_PREFIX}${this.problem}:${points.length}:${checksum(points)}`, name, problem: this.problem, points };
    }
    // Class numbers 0..classes-1, and how many classes (3..6) for the trainer.
    const id = `${DRAWN_ID_PREFIX}${this.problem}-${this.classes}:${points.length}:${checksum(points)}`;
    return { id, name, problem: this.problem, points, classes: this.classes };
  }
}
