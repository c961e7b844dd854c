// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	/** The address the site will be served from, without a trailing slash: SITE_URL at build time (vite.config.ts). */
	const __SITE_URL__: string;
}

export {};
