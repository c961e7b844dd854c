// Every page is prerendered to a static file; `always` gives each page its own folder
// (`concepts/kmeans/index.html`), which every static host serves.
export const prerender = true;
export const trailingSlash = 'always';
