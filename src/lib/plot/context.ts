import { createContext } from 'svelte';
import type { ScaleContinuousNumeric } from 'd3';

export type Scale = ScaleContinuousNumeric<number, number>;

/** What a chart frame hands to its layers: scales and the size of the plotting area. */
export interface ChartContext {
	readonly x: Scale;
	readonly y: Scale;
	/** Plotting area in pixels, inside the margins. */
	readonly innerWidth: number;
	readonly innerHeight: number;
	/** `url(#…)` of a clip path around the plotting area, for marks that may run outside it. */
	readonly clip: string;
}

export const [getChart, setChart] = createContext<ChartContext>();

/**
 * An event a canvas layer (CanvasLayer) answers by drawing at once what it shows now: off
 * screen it skips drawing, so whoever reads its pixels (image export) dispatches this first.
 */
export const CANVAS_SYNC = 'plot:canvas-sync';
