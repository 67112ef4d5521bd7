export { default as HeatMap } from './HeatMap.svelte';
export { default as ColorLegend } from './ColorLegend.svelte';
export { default as LossChart } from './LossChart.svelte';
