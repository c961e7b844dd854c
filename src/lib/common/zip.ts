/**
 * A zip archive with every file stored as it is (no compression): what a SCORM package
 * needs, in a few lines instead of a dependency. Names are UTF-8; the date is fixed, so the
 * same files always give the same bytes.
 */

export interface ZipEntry {
	/** Path inside the archive, with forward slashes ("widgets/chunks/a.js"). */
	name: string;
	data: Uint8Array;
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (IEEE 802.3), as zip stores it. */
export function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const UTF8_NAMES = 0x0800;
// 1 January 1980, the earliest date a zip can hold (MS-DOS format: day 1, month 1, year 0).
const DOS_DATE = (1 << 5) | 1;

export function zipStored(entries: ZipEntry[]): Uint8Array {
	const encoder = new TextEncoder();
	const names = entries.map((entry) => encoder.encode(entry.name));
	const localSize = entries.reduce((sum, entry, i) => sum + 30 + names[i].length + entry.data.length, 0);
	const centralSize = names.reduce((sum, name) => sum + 46 + name.length, 0);
	const out = new Uint8Array(localSize + centralSize + 22);
	const view = new DataView(out.buffer);
	let at = 0;
	const u16 = (value: number) => {
		view.setUint16(at, value, true);
		at += 2;
	};
	const u32 = (value: number) => {
		view.setUint32(at, value, true);
		at += 4;
	};
	const bytes = (data: Uint8Array) => {
		out.set(data, at);
		at += data.length;
	};

	const offsets: number[] = [];
	const crcs = entries.map((entry) => crc32(entry.data));
	entries.forEach((entry, i) => {
		offsets.push(at);
		u32(0x04034b50);
		u16(20); // version needed: 2.0
		u16(UTF8_NAMES);
		u16(0); // stored
		u16(0); // time: midnight
		u16(DOS_DATE);
		u32(crcs[i]);
		u32(entry.data.length);
		u32(entry.data.length);
		u16(names[i].length);
		u16(0); // no extra field
		bytes(names[i]);
		bytes(entry.data);
	});
	const centralStart = at;
	entries.forEach((entry, i) => {
		u32(0x02014b50);
		u16(20); // made by: 2.0
		u16(20);
		u16(UTF8_NAMES);
		u16(0);
		u16(0);
		u16(DOS_DATE);
		u32(crcs[i]);
		u32(entry.data.length);
		u32(entry.data.length);
		u16(names[i].length);
		u16(0); // extra
		u16(0); // comment
		u16(0); // disk
		u16(0); // internal attributes
		u32(0); // external attributes
		u32(offsets[i]);
		bytes(names[i]);
	});
	const centralLength = at - centralStart;
	u32(0x06054b50);
	u16(0); // this disk
	u16(0); // the disk the directory starts on
	u16(entries.length);
	u16(entries.length);
	u32(centralLength);
	u32(centralStart);
	u16(0); // comment
	return out;
}
