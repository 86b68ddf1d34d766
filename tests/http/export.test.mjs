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
import { TELLER, assertError, assertOk, login, makeForm, snapshot, useServer } from './helpers.mjs';

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
		// The Kiesraad's CMS signature beside the 510b (issue 13): plain openssl accepts it over
		// the file as made, not over the changed one; the PV and the CSV have none.
		const cms = await bytes(ctx.coord, '/api/export/files/' + eml.name + '.signature');
		assert.equal(cms.status, 200);
		writeFileSync(file + '.signature', cms.buf);
		const cmsVerify = (f) => execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER',
			'-noverify', '-content', f, '-in', file + '.signature', '-out', '/dev/null'], { stdio: 'ignore' });
		assert.throws(() => cmsVerify(file), 'the changed 510b');
		writeFileSync(path.join(dir, 'original.xml'), (await bytes(ctx.coord, '/api/export/files/' + eml.name)).buf);
		cmsVerify(path.join(dir, 'original.xml'));
		for (const f of x.files.filter((g) => !g.name.endsWith('.xml')))
			assert.equal((await bytes(ctx.coord, '/api/export/files/' + f.name + '.signature')).status, 404, f.name);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const zip = await bytes(ctx.coord, '/api/export/zip');
	assert.equal(zip.status, 200);
	assert.equal(zip.headers.get('content-type'), 'application/zip');
	assert.equal(zip.buf.readUInt32LE(0), 0x04034b50);
	const end = zip.buf.length - 22;
	assert.equal(zip.buf.readUInt32LE(end), 0x06054b50);
	const xml = x.files.filter((f) => f.name.endsWith('.xml'));
	assert.equal(zip.buf.readUInt16LE(end + 10), 2 * x.files.length + 1 + xml.length);
	for (const f of x.files) assert.ok(zip.buf.includes(Buffer.from(f.name + '.sig')));
	for (const f of xml) assert.ok(zip.buf.includes(Buffer.from(f.name + '.signature')));
	// Exporting again gives the same files: the count's moment is kept.
	const again = assertOk(await ctx.coord.post('/api/export', {}));
	assert.deepEqual(again.files, x.files);
	assert.equal(again.created, x.created);
});

test('a finished count is closed: reset, resolve and typists are refused until it is reopened', async () => {
	const first = assertOk(await ctx.coord.get('/api/export'));
	assert.equal(first.draft, false);
	assert.equal(first.files_available, true);
	const zip = await bytes(ctx.coord, '/api/export/zip');
	assert.match(zip.headers.get('content-disposition'), /filename="Telling_GR2025_Juinen\.zip"/);
	const before = await snapshot(ctx.coord);
	const refusals = [
		['reset', () => ctx.coord.reset(8)],
		['resolve', () => ctx.coord.post('/api/stations/8/resolve', { action: 'keep_first' })],
		['claim', () => ctx.t1.claim(8, 1)],
	];
	for (const [what, act] of refusals) {
		const r = await act();
		assert.equal(r.status, 409, what + ': ' + JSON.stringify(r.body));
		assert.equal(r.body.error.code, 'count_finished', what);
		assert.match(r.body.error.message, /heropen/, what);
	}
	assert.deepEqual(await snapshot(ctx.coord), before, 'nothing changed');
	assertOk(await ctx.coord.get('/api/export'));
	const d = assertOk(await ctx.coord.detail(8));
	assert.equal(d.count_finished, true);
	assert.deepEqual(d.actions, [], 'a finished count offers no action');
});

test('reopening needs a reason and the coordinator; it withdraws the final export visibly', async () => {
	for (const body of [{}, { reason: '' }, { reason: '    ' }, { reason: 'abc' }, { reason: 12 },
		{ reason: 'x'.repeat(501) }])
		assertError(await ctx.coord.post('/api/count/reopen', body), 422, 'reason_required', JSON.stringify(body));
	assertError(await ctx.t1.post('/api/count/reopen', { reason: 'hertelling stembureau 8' }), 403, 'forbidden');
	const admin = await login(ctx.server, 'beheerder');
	assertError(await admin.post('/api/count/reopen', { reason: 'hertelling stembureau 8' }), 403, 'forbidden');
	const noCsrf = await ctx.coord.req('POST', '/api/count/reopen', { body: { reason: 'hertelling stembureau 8' }, csrf: false });
	assert.equal(noCsrf.status, 403);
	assert.equal(assertOk(await ctx.coord.get('/api/exports')).count_finished, true);

	const r = assertOk(await ctx.coord.post('/api/count/reopen', { reason: 'Hertelling stembureau 8 op verzoek van het CSB' }));
	assert.equal(r.withdrawn, 2, 'the final export and the same one made again');
	assertError(await ctx.coord.post('/api/count/reopen', { reason: 'nog een keer heropenen' }), 409, 'count_not_finished');
	const h = assertOk(await ctx.coord.get('/api/exports'));
	assert.equal(h.count_finished, false);
	const finals = h.exports.filter((x) => !x.draft);
	assert.ok(finals.length >= 2, 'both final exports are kept');
	for (const x of finals) {
		assert.equal(x.withdrawn.reason, 'Hertelling stembureau 8 op verzoek van het CSB');
		assert.equal(x.withdrawn.by, 'coordinator');
	}
	const last = assertOk(await ctx.coord.get('/api/export'));
	assert.ok(last.withdrawn, 'the newest export shows it is withdrawn');
	assert.equal(last.files_available, false);
	assert.equal((await bytes(ctx.coord, '/api/export/zip')).status, 404, 'withdrawn files are not offered');
	const audit = execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.match(audit, /reopen_count.*Hertelling stembureau 8/);
});

test('after reopening a reset works; the next final export is a new one; the history survives kill -9', async () => {
	const before = assertOk(await ctx.coord.get('/api/exports')).exports;
	assertOk(await ctx.coord.reset(8));
	const refused = await ctx.coord.post('/api/export', {});
	assertError(refused, 409, 'not_finished');
	assert.match(refused.body.error.message, /\(7 van 8\)/);
	await new Promise((r) => setTimeout(r, 1100));
	await enter(8);
	const again = assertOk(await ctx.coord.post('/api/export', {}));
	const old = before.find((x) => !x.draft);
	assert.notEqual(again.created, old.created);
	assertError(await ctx.coord.reset(8), 409, 'count_finished');

	await ctx.server.restart();
	const coord = await login(ctx.server, 'coordinator');
	const h = assertOk(await coord.get('/api/exports'));
	assert.equal(h.count_finished, true);
	assert.equal(h.exports.length, before.length + 1);
	assert.deepEqual(h.exports[0].files, again.files.map(({ name, hash_code, size }) => ({ name, hash_code, size })));
	assert.equal(h.exports[0].made_by, 'coordinator');
	assert.equal(h.exports[0].withdrawn, null);
	const last = assertOk(await coord.get('/api/export'));
	assert.equal(last.id, again.id);
	assert.equal(last.files_available, false, 'the files are not in this server\'s memory');
	// Made again after the restart: the same bytes, the same hash codes as on the printed PV.
	const remade = assertOk(await coord.post('/api/export', {}));
	assert.deepEqual(remade.files, again.files);
	assertError(await coord.reset(8), 409, 'count_finished');
	ctx.coord = coord;

	// The same from the command line, beside the running server: the history, then reopening.
	assert.match(execFileSync(TELLER, ['status', '--db', ctx.server.db], { encoding: 'utf8' }), /^Count: finished/m);
	const list = execFileSync(TELLER, ['exports', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.match(list, new RegExp('^#' + remade.id + ' final made .* by coordinator, 8 of 8 stations definitive$', 'm'));
	assert.match(list, /WITHDRAWN .*\n  withdrawn by coordinator: Hertelling stembureau 8 op verzoek van het CSB/);
	assert.ok(list.includes(again.files[0].hash_code));
	const cli = (args) => {
		try {
			return { code: 0, out: execFileSync(TELLER, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
		} catch (e) {
			return { code: e.status, out: String(e.stdout), err: String(e.stderr) };
		}
	};
	for (const args of [['reopen', '--db', ctx.server.db], ['reopen', '--db', ctx.server.db, '--reason', 'kort'],
		['reopen', '--reason', 'een goede reden'], ['reopen', '--db', ctx.server.db, '--reason', 'x'.repeat(501)]]) {
		const r = cli(args);
		assert.equal(r.code, 2, args.join(' '));
		assert.equal(r.err.trim().split('\n').length, 1, 'one line: ' + r.err);
	}
	assert.equal(assertOk(await coord.get('/api/exports')).count_finished, true, 'a refused reopen changes nothing');
	const ok = cli(['reopen', '--db', ctx.server.db, '--reason', 'Hertelling door het CSB gevraagd']);
	assert.equal(ok.code, 0, ok.err);
	assert.match(ok.out, /open again; 2 final export\(s\) withdrawn/);
	assert.equal(assertOk(await coord.get('/api/exports')).count_finished, false);
	assert.doesNotMatch(execFileSync(TELLER, ['status', '--db', ctx.server.db], { encoding: 'utf8' }), /^Count: finished/m);
	assert.equal(cli(['reopen', '--db', ctx.server.db, '--reason', 'Hertelling door het CSB gevraagd']).code, 2, 'not finished: nothing to reopen');
	assertOk(await coord.reset(8));
});

test('a file name that is not one of the export is not found, and no path escapes', async () => {
	for (const name of ['nothing.xml', '..%2F..%2Fetc%2Fpasswd', '.hidden', 'a%00b'])
		assert.equal((await bytes(ctx.coord, '/api/export/files/' + name)).status, 404, name);
});
