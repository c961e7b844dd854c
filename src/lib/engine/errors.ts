/** What to tell the reader about something thrown: its message, or the thing itself as text. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
