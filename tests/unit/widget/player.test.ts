import { describe, expect, it } from 'vitest';
import { Player } from '$lib/widget/player.svelte';

/** Plays for `frames` frames of `frameMs` and counts the steps taken. */
function stepsTaken(stepsPerSecond: number, frames: number, frameMs: (i: number) => number, limit = Infinity): { steps: number; player: Player } {
	let steps = 0;
	const player = new Player(() => ++steps < limit);
	player.stepsPerSecond = stepsPerSecond;
	player.play();
	player.restartClock();
	let now = 0;
	for (let i = 0; i < frames; i++) {
		player.frame(now);
		now += frameMs(i);
	}
	return { steps, player };
}

describe('Player', () => {
	it('keeps the chosen rate when frames come a little early or late', () => {
		// Frames alternate 16.5 and 16.9 ms: one second is 60 frames.
		const { steps } = stepsTaken(60, 600, (i) => (i % 2 ? 16.9 : 16.5));
		expect(steps).toBeGreaterThanOrEqual(598);
		expect(steps).toBeLessThanOrEqual(601);
	});

	it('takes two steps per frame at 120 steps/s on a 60 Hz screen', () => {
		expect(stepsTaken(120, 60, () => 1000 / 60).steps).toBeGreaterThanOrEqual(119);
	});

	it('steps every other frame at 30 steps/s', () => {
		expect(stepsTaken(30, 60, () => 1000 / 60).steps).toBe(30);
	});

	it('catches up after a slow frame, but only by a few steps', () => {
		// One frame of a second: a backlog of 60 steps would freeze the next frame.
		const { steps } = stepsTaken(60, 3, (i) => (i === 0 ? 1000 : 16.7));
		expect(steps).toBeLessThanOrEqual(1 + 4 + 2);
	});

	it('stops when the step says it cannot go on', () => {
		const { steps, player } = stepsTaken(120, 30, () => 1000 / 60, 5);
		expect(steps).toBe(5);
		expect(player.playing).toBe(false);
	});
});
