/**
 * The SCORM 1.2 run-time API, as a package page uses it: find the LMS's `API` object in a
 * window above this one, and report progress through it. Where there is none (the package
 * opened on its own), the session records nothing and says so; the page works the same.
 */

/** The object an LMS puts on a window for SCORM 1.2 content (every value is a string). */
export interface Scorm12Api {
	LMSInitialize(empty: ''): string;
	LMSFinish(empty: ''): string;
	LMSGetValue(element: string): string;
	LMSSetValue(element: string, value: string): string;
	LMSCommit(empty: ''): string;
	LMSGetLastError(): string;
}

// ADL's search: up the chain of parents (an LMS nests its frames only so deep), then the opener's.
const MAX_FRAMES = 7;

function apiIn(start: Window | null): Scorm12Api | null {
	let win = start;
	for (let depth = 0; win && depth <= MAX_FRAMES; depth++) {
		try {
			const api = (win as Window & { API?: Scorm12Api }).API;
			if (api && typeof api.LMSInitialize === 'function') return api;
		} catch {
			// A window of another origin cannot be read: the LMS is not there.
		}
		if (win.parent === win) break;
		win = win.parent;
	}
	return null;
}

export function findScormApi(win: Window): Scorm12Api | null {
	return apiIn(win) ?? (win.opener ? apiIn(win.opener as Window) : null);
}

/** Seconds as SCORM 1.2's CMITimespan, HHHH:MM:SS.SS. */
export function scormTimespan(seconds: number): string {
	const whole = Math.max(0, seconds);
	const hours = Math.floor(whole / 3600);
	const minutes = Math.floor((whole % 3600) / 60);
	const rest = whole - hours * 3600 - minutes * 60;
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	return `${pad(Math.min(hours, 9999), 4)}:${pad(minutes, 2)}:${rest.toFixed(2).padStart(5, '0')}`;
}

export interface Progress {
	/** Predict-then-check questions the learner committed an answer to, and how many of those were right. */
	answered: number;
	correct: number;
	total: number;
}

/**
 * One learner's attempt: `incomplete` once started, a score out of 100 for the questions
 * answered right (of all of them), and `completed` — or `passed` / `failed` against the
 * LMS's mastery score, when it sets one — once every question is answered.
 */
export class ScormSession {
	readonly api: Scorm12Api | null;
	readonly #now: () => number;
	#started = 0;
	#open = false;

	constructor(api: Scorm12Api | null, now = () => Date.now()) {
		this.api = api;
		this.#now = now;
	}

	get connected(): boolean {
		return this.#open;
	}

	start() {
		this.#started = this.#now();
		if (!this.api || this.api.LMSInitialize('') !== 'true') return;
		this.#open = true;
		const status = this.api.LMSGetValue('cmi.core.lesson_status');
		if (status === '' || status === 'not attempted') this.api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
		this.api.LMSCommit('');
	}

	record({ answered, correct, total }: Progress) {
		if (!this.#open || !this.api) return;
		const api = this.api;
		const score = total > 0 ? Math.round((100 * correct) / total) : 100;
		api.LMSSetValue('cmi.core.score.min', '0');
		api.LMSSetValue('cmi.core.score.max', '100');
		api.LMSSetValue('cmi.core.score.raw', String(score));
		if (answered >= total) {
			const mastery = Number.parseFloat(api.LMSGetValue('cmi.student_data.mastery_score'));
			api.LMSSetValue('cmi.core.lesson_status', Number.isFinite(mastery) ? (score >= mastery ? 'passed' : 'failed') : 'completed');
		}
		api.LMSCommit('');
	}

	finish() {
		if (!this.#open || !this.api) return;
		this.#open = false;
		this.api.LMSSetValue('cmi.core.session_time', scormTimespan((this.#now() - this.#started) / 1000));
		this.api.LMSSetValue('cmi.core.exit', '');
		this.api.LMSCommit('');
		this.api.LMSFinish('');
	}
}
