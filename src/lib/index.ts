// The package entry for Svelte users: `import { Explorable } from 'ml-explorables'`.
export { default as Explorable } from './Explorable.svelte';
export { concepts } from './registry';
