/**
 * "Download a SCORM 1.2 package": a zip an LMS (Moodle, Canvas, …) imports as one activity.
 * It holds the web-component build (`widgets/`, whose file list the build writes to
 * `widgets/files.json`), a page that shows the widget in the state it was exported in with
 * its predict-then-check questions (`widgets/scorm.js`, see src/scorm.ts), and the manifest.
 */
import { zipStored, type ZipEntry } from '$lib/common/zip';

/** What the package's page reads from its own HTML. */
export interface UnitConfig {
	slug: string;
	title: string;
	/** Every parameter, the seed, and the lock/hide lists, as query text. */
	query: string;
	/** The site the package was made from, for links back to it. */
	siteRoot: string;
}

export const UNIT_CONFIG_ID = 'ml-explorables-unit';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function scormManifest({ slug, title }: Pick<UnitConfig, 'slug' | 'title'>, files: string[]): string {
	const id = `ml-explorables-${slug}`.replace(/[^A-Za-z0-9_.-]/g, '-');
	return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-organization">
    <organization identifier="${id}-organization">
      <title>${escapeXml(title)}</title>
      <item identifier="${id}-item" identifierref="${id}-resource" isvisible="true">
        <title>${escapeXml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-resource" type="webcontent" adlcp:scormtype="sco" href="index.html">
${files.map((file) => `      <file href="${escapeXml(file)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

export function unitPage(config: UnitConfig): string {
	// JSON inside a script element: no "<" may close it early.
	const json = JSON.stringify(config).replace(/</g, '\\u003c');
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeXml(config.title)} — ML Explorables</title>
<script type="application/json" id="${UNIT_CONFIG_ID}">${json}</script>
<script type="module" src="widgets/scorm.js"></script>
</head>
<body>
<main id="unit"><p>Loading the widget… (it needs JavaScript)</p></main>
</body>
</html>
`;
}

/** Fetches the web-component build from `siteRoot` and packs it with the page and manifest. */
export async function buildScormPackage(config: UnitConfig, fetchFile: typeof fetch = fetch): Promise<Uint8Array> {
	const widgets = new URL('widgets/', config.siteRoot);
	const listing = await fetchFile(new URL('files.json', widgets));
	if (!listing.ok) throw new Error(`the widget files could not be listed (HTTP ${listing.status})`);
	const names = ((await listing.json()) as string[]).filter((name) => !name.includes('..'));
	const widgetFiles = await Promise.all(
		names.map(async (name): Promise<ZipEntry> => {
			const response = await fetchFile(new URL(name, widgets));
			if (!response.ok) throw new Error(`widgets/${name} could not be fetched (HTTP ${response.status})`);
			return { name: `widgets/${name}`, data: new Uint8Array(await response.arrayBuffer()) };
		})
	);
	const encoder = new TextEncoder();
	const page: ZipEntry = { name: 'index.html', data: encoder.encode(unitPage(config)) };
	const files = [page, ...widgetFiles];
	const manifest: ZipEntry = { name: 'imsmanifest.xml', data: encoder.encode(scormManifest(config, files.map((file) => file.name))) };
	return zipStored([manifest, ...files]);
}
