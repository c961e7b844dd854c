/** What every concept tells the gallery, its page and its export, besides its schema. */
export interface ConceptMeta<V = Record<string, unknown>> {
	slug: string;
	title: string;
	/** One line for the gallery card: what the widget teaches. */
	summary: string;
	/** The interview question the page answers. */
	interviewQuestion: string;
	tags: string[];
	/** Text alternative of the gallery preview. */
	thumbnail: string;
	/** Version of the "Export data" format; raise it when its shape changes. */
	exportVersion: number;
	defaultSeed: number;
	questions: PredictQuestion<V>[];
}

/** "Predict, then check": the reader commits to an answer, then the widget shows the case. */
export interface PredictQuestion<V> {
	id: string;
	prompt: string;
	choices: { label: string; correct: boolean }[];
	explanation: string;
	/** The parameters that show the answer. */
	show: Partial<V>;
	seed: number;
}
