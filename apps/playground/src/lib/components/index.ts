export { HeatMap, ColorLegend } from '@nn/ui';
export { default as LossChart } from './LossChart.svelte';
