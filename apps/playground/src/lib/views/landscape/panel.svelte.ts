/**
 * Whether the loss landscape panel is open: shared by its toggle button and
 * the lessons' tool cards that open it.
 */
export const landscapePanel = $state({ open: false });

/** Opens the panel and brings it into view (from a lesson's tool card). */
export function openLandscape(): void {
  landscapePanel.open = true;
  queueMicrotask(() => document.getElementById('landscape')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
}
