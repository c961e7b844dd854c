/** Light / dark theme choice (remembered) and presenter mode, as attributes on <html>. */

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'ml-explorables:theme';

export function storedTheme(): ThemeChoice {
	try {
		const value = localStorage.getItem(STORAGE_KEY);
		return value === 'light' || value === 'dark' ? value : 'system';
	} catch {
		return 'system';
	}
}

export function applyTheme(choice: ThemeChoice) {
	const root = document.documentElement;
	if (choice === 'system') delete root.dataset.theme;
	else root.dataset.theme = choice;
	try {
		if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
		else localStorage.setItem(STORAGE_KEY, choice);
	} catch {
		// Storage may be blocked (private mode, sandboxed iframe): the choice lasts this visit.
	}
}

export function applyStoredTheme() {
	applyTheme(storedTheme());
}

export function togglePresenter() {
	const root = document.documentElement;
	if ('present' in root.dataset) delete root.dataset.present;
	else root.dataset.present = '';
}
