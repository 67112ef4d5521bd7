/**
 * The look shared by the app's loss charts (uPlot): small axes with a light
 * grid in the theme's chart colours, an epoch axis below, a loss axis on the
 * left that starts at 0.
 */
import type uPlot from 'uplot';
import type { ChartColors } from '../look/theme.js';

function axis(colors: ChartColors): uPlot.Axis {
  return {
    font: '10px system-ui, sans-serif',
    stroke: colors.axis,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.tick, width: 1, size: 3 },
    gap: 2,
  };
}

/**
 * The epoch axis (below) and the loss axis (left) in `colors` (the theme's,
 * lib/look/); `epochSteps` are the allowed tick steps of the epoch axis.
 */
export function lossAxes(colors: ChartColors, epochSteps?: number[]): uPlot.Axis[] {
  return [
    { ...axis(colors), size: 20, space: 50, ...(epochSteps ? { incrs: epochSteps } : {}) },
    { ...axis(colors), size: 36, space: 20 },
  ];
}

/** The loss scale: from 0 to a little above the highest loss (0 to 1 with nothing to show). */
export const lossRange: uPlot.Range.Function = (_u, _min, max) => [0, max != null && max > 0 ? max * 1.05 : 1];

/**
 * Pointer over the chart: a readout, no zooming by drag. uPlot measures the
 * pointer in the page's pixels; inside a CSS-zoomed box (projector mode) those
 * are the box's pixels times its zoom, so they are divided back.
 */
export const READOUT_CURSOR: uPlot.Cursor = {
  drag: { x: false, y: false, setScale: false },
  points: { size: 5 },
  move: (u, left, top) => {
    const zoom = (u.over as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    return zoom > 0 && zoom !== 1 ? [left / zoom, top / zoom] : [left, top];
  },
};
