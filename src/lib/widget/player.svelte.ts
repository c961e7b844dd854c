/**
 * Play / pause timing. `frame(now)` is called on every animation frame while the widget
 * plays and is visible; it calls `step` at the chosen rate, at most once per frame.
 */

/** Steps per second offered by the speed control. */
export const SPEEDS = [0.5, 1, 2, 4, 8, 15, 30, 60] as const;

export class Player {
	playing = $state(false);
	stepsPerSecond = $state<number>(2);
	#step: () => boolean;
	#lastFrame: number | null = null;
	#waited = 0;

	/** `step` advances the simulation once and returns false when it cannot go on. */
	constructor(step: () => boolean) {
		this.#step = step;
	}

	play() {
		this.playing = true;
	}

	pause() {
		this.playing = false;
	}

	toggle() {
		this.playing = !this.playing;
	}

	/** Call when the frame loop (re)starts, so the first step comes at once. */
	restartClock() {
		this.#lastFrame = null;
		this.#waited = 1000 / this.stepsPerSecond;
	}

	frame(now: number) {
		if (!this.playing) return;
		const interval = 1000 / this.stepsPerSecond;
		this.#waited += this.#lastFrame === null ? 0 : now - this.#lastFrame;
		this.#lastFrame = now;
		if (this.#waited < interval) return;
		// Keep the remainder, but never let a backlog build up (after a slow frame).
		this.#waited = Math.min(this.#waited - interval, interval);
		if (!this.#step()) this.playing = false;
	}
}
