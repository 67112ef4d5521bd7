/**
 * Whether the search panel is open: shared by its toggle button and the
 * lessons' tool cards that open it.
 */
export const searchPanel = $state({ open: false });

/** Opens the panel and brings it into view (from a lesson's tool card). */
export function openSearch(): void {
  searchPanel.open = true;
  queueMicrotask(() => document.getElementById('search')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
}
