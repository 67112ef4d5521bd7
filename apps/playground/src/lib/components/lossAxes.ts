/**
 * The look shared by the app's loss charts (uPlot): small grey axes with a
 * light grid, an epoch axis below, a loss axis on the left that starts at 0.
 */
import type uPlot from 'uplot';

const AXIS: uPlot.Axis = {
  font: '10px system-ui, sans-serif',
  stroke: '#666',
  grid: { stroke: '#eee', width: 1 },
  ticks: { stroke: '#ccc', width: 1, size: 3 },
  gap: 2,
};

/** The epoch axis (below) and the loss axis (left); `epochSteps` are the allowed tick steps of the epoch axis. */
export function lossAxes(epochSteps?: number[]): uPlot.Axis[] {
  return [
    { ...AXIS, size: 20, space: 50, ...(epochSteps ? { incrs: epochSteps } : {}) },
    { ...AXIS, size: 36, space: 20 },
  ];
}

/** The loss scale: from 0 to a little above the highest loss (0 to 1 with nothing to show). */
export const lossRange: uPlot.Range.Function = (_u, _min, max) => [0, max != null && max > 0 ? max * 1.05 : 1];

/** Pointer over the chart: a readout, no zooming by drag. */
export const READOUT_CURSOR: uPlot.Cursor = { drag: { x: false, y: false, setScale: false }, points: { size: 5 } };
