/**
 * The lesson a teacher is putting together, kept in this browser's localStorage between
 * pages ("Add this state to a lesson" on one concept page, then another). Where storage is
 * refused (a sandboxed iframe, private modes), the draft lives in memory for this page, and
 * `stored` says so.
 */
import { MAX_STEPS, type Lesson, type LessonStep } from './lesson';

const KEY = 'ml-explorables:lesson-draft';
let inMemory: Lesson = { title: '', steps: [] };

function isStep(value: unknown): value is LessonStep {
	const s = value as Record<string, unknown>;
	return !!s && typeof s.slug === 'string' && typeof s.query === 'string' && typeof s.prompt === 'string';
}

export function readDraft(): { lesson: Lesson; stored: boolean } {
	try {
		const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
		if (saved && typeof saved.title === 'string' && Array.isArray(saved.steps)) inMemory = { title: saved.title, steps: saved.steps.filter(isStep) };
		return { lesson: inMemory, stored: true };
	} catch {
		return { lesson: inMemory, stored: false };
	}
}

/** Saves the draft; false when this browser would not store it (it is kept for this page only). */
export function saveDraft(lesson: Lesson): boolean {
	inMemory = lesson;
	try {
		localStorage.setItem(KEY, JSON.stringify(lesson));
		return true;
	} catch {
		return false;
	}
}

/** Adds a step at the end; its number, or null when the lesson is full. */
export function addStep(step: LessonStep): { number: number | null; stored: boolean } {
	const { lesson } = readDraft();
	if (lesson.steps.length >= MAX_STEPS) return { number: null, stored: true };
	const stored = saveDraft({ ...lesson, steps: [...lesson.steps, step] });
	return { number: lesson.steps.length + 1, stored };
}
