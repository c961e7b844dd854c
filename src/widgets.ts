/**
 * Entry of the web-component build (`vite.widgets.config.ts`, run by `npm run build`):
 * one ES module, served at `widgets/ml-explorables.js`, that defines `<ml-<slug>>` for
 * every concept in the registry. Each widget's code and TF.js load on first use.
 */
import { concepts } from '$lib/registry';
import { defineWidgetElement } from '$lib/widget/element';
import { setSiteRoot } from '$lib/widget/site';

// This file is served from <site>/widgets/, so the site root is one folder up. (Not written
// `new URL('..', import.meta.url)`: Vite would take that for an asset to bundle.)
const bundleUrl = import.meta.url;
setSiteRoot(new URL('..', bundleUrl).href);

for (const entry of concepts) defineWidgetElement(entry);
