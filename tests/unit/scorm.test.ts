import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { crc32, zipStored } from '$lib/common/zip';
import { findScormApi, ScormSession, scormTimespan, type Scorm12Api } from '$lib/scorm/api';
import { buildScormPackage, scormManifest, unitPage, UNIT_CONFIG_ID } from '$lib/scorm/package';

const python = (program: string, input: Uint8Array | string) => execFileSync('python3', ['-c', program], { input, encoding: 'utf8' });

/** A stand-in LMS: keeps what is set, and the order of the calls. */
function fakeLms(values: Record<string, string> = {}) {
	const calls: string[] = [];
	const api: Scorm12Api = {
		LMSInitialize: () => (calls.push('initialize'), 'true'),
		LMSFinish: () => (calls.push('finish'), 'true'),
		LMSGetValue: (element) => values[element] ?? '',
		LMSSetValue: (element, value) => ((values[element] = value), calls.push(`${element}=${value}`), 'true'),
		LMSCommit: () => (calls.push('commit'), 'true'),
		LMSGetLastError: () => '0'
	};
	return { api, calls, values };
}

describe('zip', () => {
	it('computes CRC-32 as zlib does', () => {
		const data = new TextEncoder().encode('The quick brown fox jumps over the lazy dog');
		expect(crc32(data)).toBe(0x414fa339);
		expect(crc32(new Uint8Array())).toBe(0);
	});

	it("writes an archive Python's zipfile reads back byte for byte", () => {
		const files = [
			{ name: 'index.html', data: new TextEncoder().encode('<!doctype html>héllo') },
			{ name: 'widgets/chunks/a.js', data: Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256) },
			{ name: 'empty.txt', data: new Uint8Array() }
		];
		const listing = python(
			`import sys, zipfile, io, hashlib
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
for info in z.infolist(): print(info.filename, info.file_size, hashlib.sha256(z.read(info)).hexdigest())`,
			zipStored(files)
		);
		const expected = files.map(({ name, data }) => `${name} ${data.length} ${sha256(data)}`).join('\n');
		expect(listing.trim()).toBe(expected);
	});
});

function sha256(data: Uint8Array): string {
	return execFileSync('python3', ['-c', 'import sys, hashlib; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'], { input: data, encoding: 'utf8' }).trim();
}

describe('SCORM 1.2 session', () => {
	it('starts incomplete, scores the share answered right, and completes once every question is answered', () => {
		const { api, calls, values } = fakeLms({ 'cmi.core.lesson_status': 'not attempted' });
		let now = 1000;
		const session = new ScormSession(api, () => now);
		session.start();
		expect(session.connected).toBe(true);
		expect(values['cmi.core.lesson_status']).toBe('incomplete');
		session.record({ answered: 1, correct: 1, total: 3 });
		expect(values['cmi.core.score.raw']).toBe('33');
		expect(values['cmi.core.lesson_status']).toBe('incomplete');
		session.record({ answered: 3, correct: 2, total: 3 });
		expect(values['cmi.core.score.raw']).toBe('67');
		expect(values['cmi.core.lesson_status']).toBe('completed');
		now += 83_500;
		session.finish();
		expect(values['cmi.core.session_time']).toBe('0000:01:23.50');
		expect(calls[0]).toBe('initialize');
		expect(calls.slice(-2)).toEqual(['commit', 'finish']);
		session.finish();
		expect(calls.filter((call) => call === 'finish')).toHaveLength(1);
	});

	it("passes or fails against the LMS's mastery score, and leaves a finished attempt's status alone on a new start", () => {
		const { api, values } = fakeLms({ 'cmi.core.lesson_status': 'passed', 'cmi.student_data.mastery_score': '80' });
		const session = new ScormSession(api);
		session.start();
		expect(values['cmi.core.lesson_status']).toBe('passed');
		session.record({ answered: 2, correct: 1, total: 2 });
		expect(values['cmi.core.lesson_status']).toBe('failed');
	});

	it('records nothing, and does not throw, without an LMS', () => {
		const session = new ScormSession(null);
		session.start();
		session.record({ answered: 1, correct: 1, total: 1 });
		session.finish();
		expect(session.connected).toBe(false);
	});

	it('finds the API in a parent frame or the opener, and skips windows it may not read', () => {
		const { api } = fakeLms();
		const lms = { API: api } as unknown as Window & { parent: Window };
		lms.parent = lms;
		const foreign = new Proxy({} as Window, {
			get: (_, key) => {
				if (key === 'parent') return lms;
				throw new DOMException('Blocked a frame', 'SecurityError');
			}
		});
		const content = { parent: foreign } as unknown as Window;
		expect(findScormApi(content)).toBe(api);
		const alone = {} as Window & { parent: Window; opener: Window | null };
		alone.parent = alone;
		alone.opener = null;
		expect(findScormApi(alone)).toBeNull();
		alone.opener = lms;
		expect(findScormApi(alone)).toBe(api);
	});

	it('writes times as CMITimespan', () => {
		expect(scormTimespan(0)).toBe('0000:00:00.00');
		expect(scormTimespan(3725.456)).toBe('0001:02:05.46');
	});
});

describe('SCORM package', () => {
	const config = { slug: 'kmeans', title: 'k-means & <friends>', query: 'k=3&seed=7', siteRoot: 'https://example.org/ml/' };

	it('has a manifest an LMS reads: SCORM 1.2 metadata, one SCO at index.html listing every file', () => {
		const manifest = scormManifest(config, ['index.html', 'widgets/scorm.js']);
		const summary = python(
			`import sys, xml.etree.ElementTree as ET
ns = {'c': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2'}
root = ET.fromstring(sys.stdin.read())
print(root.find('c:metadata/c:schema', ns).text, root.find('c:metadata/c:schemaversion', ns).text)
orgs = root.find('c:organizations', ns)
org = orgs.find('c:organization', ns)
assert orgs.get('default') == org.get('identifier')
item = org.find('c:item', ns)
res = root.find('c:resources/c:resource', ns)
assert item.get('identifierref') == res.get('identifier')
print(org.find('c:title', ns).text, '|', res.get('{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype'), res.get('href'), [f.get('href') for f in res.findall('c:file', ns)])`,
			manifest
		);
		expect(summary.trim()).toBe("ADL SCORM 1.2\nk-means & <friends> | sco index.html ['index.html', 'widgets/scorm.js']");
	});

	it("keeps the page's settings intact even when they hold </script>", () => {
		const page = unitPage({ ...config, title: '</script><b>x' });
		const json = page.split(`id="${UNIT_CONFIG_ID}">`)[1].split('</script>')[0];
		expect(JSON.parse(json).title).toBe('</script><b>x');
	});

	it('packs the listed widget files with the page and the manifest, and says which file could not be fetched', async () => {
		const served: Record<string, string> = { 'files.json': JSON.stringify(['scorm.js', 'chunks/a.js']), 'scorm.js': 'export {}', 'chunks/a.js': '1' };
		const fetchFrom = (site: Record<string, string>) => (async (url: URL) => {
			const name = url.href.replace('https://example.org/ml/widgets/', '');
			return name in site ? new Response(site[name]) : new Response('', { status: 404 });
		}) as unknown as typeof fetch;
		const zip = await buildScormPackage(config, fetchFrom(served));
		const names = python('import sys, zipfile, io; print(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).namelist())', zip);
		expect(names.trim()).toBe("['imsmanifest.xml', 'index.html', 'widgets/scorm.js', 'widgets/chunks/a.js']");
		const { ['chunks/a.js']: _lost, ...incomplete } = served;
		await expect(buildScormPackage(config, fetchFrom(incomplete))).rejects.toThrow('widgets/chunks/a.js could not be fetched (HTTP 404)');
	});
});
