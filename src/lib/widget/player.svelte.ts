/**
 * Play / pause timing. `frame(now)` is called on every animation frame while the widget
 * plays and is visible; it calls `step` at the chosen rate: several times in one frame
 * when the rate is above the frame rate, or when a frame came late.
 */

/** Steps per second offered by the speed control. */
export const SPEEDS = [0.5, 1, 2, 4, 8, 15, 30, 60, 120] as const;

/** A slow frame is caught up by at most this many steps (more would make the next frame slow too). */
const MOST_STEPS_PER_FRAME = 4;

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
		// (The small allowance stops rounding, e.g. 16.666… / 8.333… = 1.999…, from dropping a step.)
		const due = Math.min(Math.floor(this.#waited / interval + 1e-6), MOST_STEPS_PER_FRAME);
		// Keep the remainder, but never let a backlog build up (after a slow frame).
		this.#waited = Math.min(this.#waited - due * interval, interval);
		for (let i = 0; i < due; i++) {
			if (!this.#step()) {
				this.playing = false;
				return;
			}
		}
	}
}
