/**
 * The page's TF.js engine as reactive state for widgets: started on first request in the
 * browser, never on the server (prerendering leaves it idle).
 */
import { startEngine, type EngineInfo } from '$lib/engine/backend';
import { exposeTensorCount } from '$lib/engine/probe';
import { version_core as tfVersion } from '$lib/engine/tfjs';

class EngineStatus {
	info = $state<EngineInfo | null>(null);
	error = $state<string | null>(null);
	readonly tfVersion = tfVersion;

	get ready(): boolean {
		return this.info !== null;
	}

	/** Starts TF.js (once per page); safe to call from every widget. */
	start() {
		if (this.info || this.error) return;
		startEngine('wasm').then(
			(info) => {
				this.info = info;
				exposeTensorCount();
			},
			(error: unknown) => (this.error = error instanceof Error ? error.message : String(error))
		);
	}
}

export const engine = new EngineStatus();
