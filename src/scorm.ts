/**
 * Entry of the page inside a SCORM package (`widgets/scorm.js`, built with the web
 * components: see vite.widgets.config.ts and src/lib/scorm/package.ts). It reads which
 * widget to show from the page, and mounts it with its questions and the LMS reporting.
 */
import { mount } from 'svelte';
import { findConcept } from '$lib/registry';
import ScormUnit from '$lib/scorm/ScormUnit.svelte';
import { UNIT_CONFIG_ID, type UnitConfig } from '$lib/scorm/package';
import { setSiteRoot } from '$lib/widget/site';
import themeCss from '$lib/widget/theme.css?inline';

const target = document.getElementById('unit')!;
const config = JSON.parse(document.getElementById(UNIT_CONFIG_ID)?.textContent ?? 'null') as UnitConfig | null;
const entry = config ? findConcept(config.slug) : undefined;

if (!config || !entry) {
	target.textContent = `This package names a widget this version does not have (${config?.slug ?? 'none'}): download the package again from the site.`;
} else {
	setSiteRoot(config.siteRoot);
	const style = document.createElement('style');
	style.textContent = themeCss;
	document.head.append(style);
	target.replaceChildren();
	mount(ScormUnit, { target, props: { entry, config } });
}
