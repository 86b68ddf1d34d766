// The coordinator finishes the count: the export over HTTP (draft first, final when every
// station is definitive), the hash codes, the downloads one by one and as a ZIP, and the
// signatures checked with plain openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertError, assertOk, login, makeForm, useServer } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.coord = await login(c.server, 'coordinator');
	c.election = (await c.coord.get('/api/election')).body;
});

async function enter(n) {
	const form = makeForm(ctx.election, { variant: n });
	for (const [c, e] of [[ctx.t1, 1], [ctx.t2, 2]]) {
		assertOk(await c.claim(n, e));
		assertOk(await c.save(n, e, form, 'lists-3'));
		assertOk(await c.finalise(n, e, true));
	}
}

async function bytes(c, url) {
	const res = await fetch(ctx.server.base + url, { headers: { Cookie: c.cookie } });
	return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

test('only the coordinator exports', async () => {
	for (const c of [ctx.t1]) {
		assertError(await c.post('/api/export', { draft: true }), 403, 'forbidden');
		assertError(await c.get('/api/export/zip'), 403, 'forbidden');
	}
	const admin = await login(ctx.server, 'beheerder');
	assertError(await admin.post('/api/export', { draft: true }), 403, 'forbidden');
	assertError(await ctx.coord.get('/api/export'), 404, 'not_found');
});

test('a final export is refused while stations are not definitive; a draft is a concept', async () => {
	await enter(1);
	assertError(await ctx.coord.post('/api/export', {}), 409, 'not_finished');
	const d = assertOk(await ctx.coord.post('/api/export', { draft: true }));
	assert.equal(d.draft, true);
	assert.equal(d.stations_definitive, 1);
	assert.equal(d.stations_total, 8);
	assert.ok(d.files.every((f) => f.name.startsWith('CONCEPT_')), JSON.stringify(d.files));
	const eml = await bytes(ctx.coord, '/api/export/files/' + d.files[0].name);
	assert.equal(eml.status, 200);
	assert.match(eml.buf.toString(), /0042::SB1"/);
	assert.doesNotMatch(eml.buf.toString(), /0042::SB2"/);
});

test('the final export: hash codes, downloads, signatures that openssl accepts, a ZIP', async () => {
	for (let n = 2; n <= 8; n++) await enter(n);
	const x = assertOk(await ctx.coord.post('/api/export', {}));
	assert.equal(x.draft, false);
	assert.equal(x.stations_definitive, 8);
	const eml = x.files.find((f) => f.name === 'Telling_GR2025_Juinen.eml.xml');
	assert.ok(eml, JSON.stringify(x.files));
	const dir = mkdtempSync(path.join(os.tmpdir(), 'teller-export-'));
	try {
		for (const f of x.files) {
			const got = await bytes(ctx.coord, '/api/export/files/' + f.name);
			assert.equal(got.status, 200);
			assert.match(got.headers.get('content-disposition'), /^attachment; filename="/);
			const hex = createHash('sha256').update(got.buf).digest('hex');
			assert.equal(f.hash_code.replaceAll(' ', ''), hex, `hash code of ${f.name}`);
			writeFileSync(path.join(dir, f.name), got.buf);
			const sig = await bytes(ctx.coord, '/api/export/files/' + f.name + '.sig');
			assert.equal(sig.buf.length, 64);
			writeFileSync(path.join(dir, f.name + '.sig'), sig.buf);
		}
		const key = await bytes(ctx.coord, '/api/export/files/signing-key.pub.pem');
		writeFileSync(path.join(dir, 'key.pem'), key.buf);
		const file = path.join(dir, eml.name);
		execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', path.join(dir, 'key.pem'),
			'-rawin', '-in', file, '-sigfile', file + '.sig']);
		// One flipped byte and the signature no longer holds.
		const buf = (await bytes(ctx.coord, '/api/export/files/' + eml.name)).buf;
		buf[100] ^= 1;
		writeFileSync(file, buf);
		assert.throws(() => execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey',
			path.join(dir, 'key.pem'), '-rawin', '-in', file, '-sigfile', file + '.sig'],
		{ stdio: 'ignore' }));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const zip = await bytes(ctx.coord, '/api/export/zip');
	assert.equal(zip.status, 200);
	assert.equal(zip.headers.get('content-type'), 'application/zip');
	assert.equal(zip.buf.readUInt32LE(0), 0x04034b50);
	const end = zip.buf.length - 22;
	assert.equal(zip.buf.readUInt32LE(end), 0x06054b50);
	assert.equal(zip.buf.readUInt16LE(end + 10), 2 * x.files.length + 1);
	for (const f of x.files) assert.ok(zip.buf.includes(Buffer.from(f.name + '.sig')));
	// Exporting again gives the same files: the count's moment is kept.
	const again = assertOk(await ctx.coord.post('/api/export', {}));
	assert.deepEqual(again.files, x.files);
	assert.equal(again.created, x.created);
});

test('a reset after the final export withdraws it; the next final export is a new one', async () => {
	const first = assertOk(await ctx.coord.get('/api/export'));
	assert.equal(first.draft, false);
	const zip = await bytes(ctx.coord, '/api/export/zip');
	assert.match(zip.headers.get('content-disposition'), /filename="Telling_GR2025_Juinen\.zip"/);
	assertOk(await ctx.coord.reset(8));
	assertError(await ctx.coord.get('/api/export'), 404, 'not_found');
	const refused = await ctx.coord.post('/api/export', {});
	assertError(refused, 409, 'not_finished');
	assert.match(refused.body.error.message, /\(7 van 8\)/);
	await new Promise((r) => setTimeout(r, 1100));
	await enter(8);
	const again = assertOk(await ctx.coord.post('/api/export', {}));
	assert.notEqual(again.created, first.created);
});

test('a file name that is not one of the export is not found, and no path escapes', async () => {
	for (const name of ['nothing.xml', '..%2F..%2Fetc%2Fpasswd', '.hidden', 'a%00b'])
		assert.equal((await bytes(ctx.coord, '/api/export/files/' + name)).status, 404, name);
});
