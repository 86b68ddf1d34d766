// The result (issue 10) at a central electoral committee that works from the municipality's
// 510b: the real West Maas en Waal 2022 count gives the seats and the elected of the
// Kiesraad's published 520; the routes' roles; a deceased candidate; a lot between two lists
// whose remainders tie (a 510b changed for it), drawn and replayed; the files, signed and
// schema-valid; and `teller result`'s exit codes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, HOST, REPO, TELLER } from './helpers.mjs';

const EML = path.join(REPO, 'tests/data/eml');
const A = path.join(EML, 'derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml');
const K = path.join(EML, 'real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml');
const B = path.join(EML, 'real/Telling_GR2022_WestMaasenWaal.eml.xml');
const REAL_520 = path.join(EML, 'real/Resultaat_GR2022_WestMaasenWaal.eml.xml');
const sha = (f) => execFileSync('sha256sum', [f]).toString().slice(0, 64);
const teller = (...args) => spawnSync(TELLER, args, { cwd: REPO, encoding: 'utf8' });

let dir;
const servers = [];

// A central committee's database: 110a and 230b, then the 510b at path b; a coordinator,
// a typist and the administrator; the server started. Returns { db, base, coord, typist }.
async function csb(name, b) {
	const db = path.join(dir, name + '.db');
	const t = (...args) => execFileSync(TELLER, args, { cwd: REPO, stdio: 'pipe' });
	t('init', '--db', db, '--municipality', '0668', '--name', 'West Maas en Waal');
	t('import', '--db', db, '--hash', sha(A), A);
	t('import', '--db', db, '--hash', sha(K), K);
	t('import', '--db', db, '--hash', sha(b), b);
	for (const [who, role] of [['coordinator', 'coordinator'], ['typist', 'typist']])
		execFileSync(TELLER, ['user', 'add', '--db', db, '--role', role, who],
			{ input: `${who}-wachtwoord-2022\n` });
	const port = 20000 + Math.floor(Math.random() * 20000);
	const child = spawn(TELLER, ['serve', '--db', db, '--listen', `${HOST}:${port}`, '--no-tls',
		'--quiet'], { stdio: 'ignore' });
	servers.push(child);
	const server = { base: `http://${HOST}:${port}`, alive: true, crashes: [] };
	for (let i = 0; i < 200; i++) {
		try {
			await (await fetch(server.base + '/api/me')).arrayBuffer();
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 25));
		}
	}
	const out = { db, server };
	for (const who of ['coordinator', 'typist']) {
		const c = new Client(server, who);
		const pw = `${who}-wachtwoord-2022`;
		assert.equal((await c.login(pw)).status, 200);
		assert.equal((await c.post('/api/account/password', { current: pw, new: pw + '!' })).status, 200);
		c.csrf = (await c.get('/api/me')).body.csrf_token;
		out[who] = c;
	}
	return out;
}

// The real 510b with list 2's first candidate given 27 more votes (in the total only):
// lists 2 and 3 then both have 1372 votes and tie for the last residual seat.
function tiedCount() {
	const x = readFileSync(B, 'utf8');
	const [head, rest] = [x.slice(0, x.indexOf('</TotalVotes>')), x.slice(x.indexOf('</TotalVotes>'))];
	const t = head
		.replace('<AffiliationIdentifier Id="2"><RegisteredName>VVD</RegisteredName></AffiliationIdentifier><ValidVotes>1345<',
			'<AffiliationIdentifier Id="2"><RegisteredName>VVD</RegisteredName></AffiliationIdentifier><ValidVotes>1372<')
		.replace(/(<AffiliationIdentifier Id="2">.*?<CandidateIdentifier Id="1"><\/CandidateIdentifier><\/Candidate><ValidVotes>)619</,
			'$1646<')
		.replace('<TotalCounted>9350<', '<TotalCounted>9377<');
	assert.notEqual(t, head, 'the 510b was changed');
	const f = path.join(dir, 'Telling_tied.eml.xml');
	writeFileSync(f, t + rest);
	return f;
}

let real, tied;

before(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'teller-result-'));
	real = await csb('real', B);
	tied = await csb('tied', tiedCount());
});

after(() => {
	for (const c of servers) c.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
});

const seatsOf = (r) => r.body.lists.map((l) => l.seats);

test('the real count gives the seats and the elected of the published 520', async () => {
	const r = await real.coordinator.get('/api/result');
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(seatsOf(r), [3, 2, 3, 2, 2, 2, 2, 1]);
	assert.equal(r.body.seats, 17);
	assert.equal(r.body.votes, 9350);
	assert.deepEqual(r.body.quota, { num: 550, den: 1 });
	assert.deepEqual(r.body.preference_threshold, { num: 275, den: 1 });
	assert.deepEqual(r.body.steps.map((s) => [s.seat, s.list, s.method]),
		[[14, 7, 'largest_remainder'], [15, 6, 'largest_remainder'], [16, 5, 'largest_remainder'],
			[17, 3, 'largest_remainder']]);
	assert.equal(r.body.lots_required, null);
	assert.equal(r.body.source, '510b');
	assert.equal(r.body.draft, false);
	// Ranking 1 in the real 520 = elected on preference votes: the first of lists 1-7.
	const x = readFileSync(REAL_520, 'utf8');
	for (const l of r.body.lists) {
		assert.deepEqual(l.preference_elected, l.number === 8 ? [] : [1], `list ${l.number}`);
		assert.deepEqual(l.elected, [...Array(l.seats)].map((_, i) => i + 1), `list ${l.number}`);
		const last = l.candidates.find((c) => c.elected === l.seats).name.split(',')[0].split(' ')[0];
		assert.ok(x.includes(`<xnl:LastName>${last}`), `${last} is in the real 520`);
	}
});

test('only the coordinator sees and changes the result', async () => {
	for (const [c, url, body] of [[real.typist, '/api/result'], [real.typist, '/api/result/deceased', { list: 1, candidate: 1 }],
		[real.typist, '/api/result/lots', { list: 1 }], [real.typist, '/api/result/files', {}]]) {
		const r = body ? await c.post(url, body) : await c.get(url);
		assert.equal(r.status, 403, `${url}: ${r.text}`);
	}
	const anon = new Client(real.server, 'nobody');
	assert.equal((await anon.get('/api/result')).status, 401);
});

test('bad lots and deceased candidates are refused and change nothing', async () => {
	const before = execFileSync(TELLER, ['audit', '--db', real.db]).toString();
	const cases = [
		['/api/result/lots', { list: 1 }, 422, 'no lot'],
		['/api/result/lots', { list: 0 }, 422, 'nummers'],
		['/api/result/lots', { list: 'x' }, 422, 'nummers'],
		['/api/result/deceased', { list: 1 }, 422, 'kandidaat'],
		['/api/result/deceased', { list: 1, candidate: 0 }, 422, 'kandidaat'],
		['/api/result/deceased', { list: 1, candidate: 101 }, 422, 'kandidaat'],
		['/api/result/deceased', { list: 1, candidate: 99 }, 422, 'no such candidate'],
		['/api/result/deceased', { list: 42, candidate: 1 }, 422, 'no such candidate'],
	];
	for (const [url, body, status, word] of cases) {
		const r = await real.coordinator.post(url, body);
		assert.equal(r.status, status, `${url} ${JSON.stringify(body)}: ${r.text}`);
		assert.ok(r.body.error.message.includes(word), `${JSON.stringify(body)}: ${r.body.error.message}`);
	}
	assert.equal(execFileSync(TELLER, ['audit', '--db', real.db]).toString(), before);
});

test('the files: 510d and 520 schema-valid, the 520 the real one, signed, the PV with its hash code', async () => {
	const r = await real.coordinator.post('/api/result/files', {});
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.files.map((f) => f.name), ['Totaaltelling_GR2022_WestMaasenWaal.eml.xml',
		'Resultaat_GR2022_WestMaasenWaal.eml.xml', 'Proces-verbaal_P22-2_GR2022_WestMaasenWaal.pdf']);
	const got = {};
	for (const f of r.body.files) {
		const res = await fetch(real.server.base + '/api/result/files/' + f.name,
			{ headers: { Cookie: real.coordinator.cookie } });
		assert.equal(res.status, 200);
		got[f.name] = Buffer.from(await res.arrayBuffer());
		writeFileSync(path.join(dir, f.name), got[f.name]);
		assert.equal(sha(path.join(dir, f.name)).match(/.{4}/g).join(' '), f.hash_code);
		const sig = await fetch(real.server.base + '/api/result/files/' + f.name + '.sig',
			{ headers: { Cookie: real.coordinator.cookie } });
		assert.equal(Buffer.from(await sig.arrayBuffer()).length, 64);
	}
	for (const f of ['Totaaltelling_GR2022_WestMaasenWaal.eml.xml', 'Resultaat_GR2022_WestMaasenWaal.eml.xml'])
		execFileSync('sh', [path.join(REPO, 'tests/data/validate'), path.join(dir, f)]);
	const when = /<kr:CreationDateTime>[^<]*<\/kr:CreationDateTime>/;
	assert.equal(got['Resultaat_GR2022_WestMaasenWaal.eml.xml'].toString().replace(when, ''),
		readFileSync(REAL_520, 'utf8').replace(when, ''));
	const pdf = path.join(dir, 'Proces-verbaal_P22-2_GR2022_WestMaasenWaal.pdf');
	const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
	const pages = +/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1];
	assert.equal(text.split(r.body.files[1].hash_code).length - 1, pages);
	assert.ok(!text.includes('CONCEPT'));
	// The same files again: the same bytes.
	const again = await real.coordinator.post('/api/result/files', {});
	assert.deepEqual(again.body.files.map((f) => f.hash_code), r.body.files.map((f) => f.hash_code));
});

test('a deceased candidate is left out and the next one is elected', async () => {
	const r = await real.coordinator.post('/api/result/deceased', { list: 1, candidate: 1 });
	assert.equal(r.status, 200, r.text);
	const l1 = r.body.lists[0];
	assert.deepEqual(l1.elected, [2, 3, 4]);
	assert.deepEqual(l1.preference_elected, []);
	assert.equal(l1.candidates[0].deceased, true);
	assert.deepEqual(r.body.deceased.map((d) => [d.list, d.candidate]), [[1, 1]]);
	const twice = await real.coordinator.post('/api/result/deceased', { list: 1, candidate: 1 });
	assert.equal(twice.status, 422);
	assert.match(execFileSync(TELLER, ['audit', '--db', real.db]).toString(), /result_deceased/);
});

test('a tie for the last seat waits for the lot, which is recorded and replayed', async () => {
	const c = tied.coordinator;
	let r = await c.get('/api/result');
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body.lots_required.kind, 'list');
	assert.deepEqual(r.body.lots_required.options, [2, 3]);
	assert.equal(r.body.lots_required.seat, 17);
	assert.match(r.body.lots_required.decides, /lot/i);
	// The CLI says so with exit 3, and makes no files.
	const cli = teller('result', '--db', tied.db, '--out', path.join(dir, 'none'));
	assert.equal(cli.status, 3, cli.stderr);
	assert.match(cli.stderr, /lot/);
	assert.equal((await c.post('/api/result/files', {})).status, 409);
	// A lot on a list that is not among the options is refused.
	r = await c.post('/api/result/lots', { list: 5 });
	assert.equal(r.status, 422, r.text);
	r = await c.post('/api/result/lots', { list: 3 });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.lots_required, null);
	assert.deepEqual(seatsOf(r), [3, 2, 3, 2, 2, 2, 2, 1]);
	assert.deepEqual(r.body.lots.map((l) => l.list), [3]);
	assert.equal(r.body.steps.find((s) => s.seat === 17).by_lot, true);
	// Recorded in the database: the command line computes the same.
	const json = JSON.parse(teller('result', '--db', tied.db, '--json').stdout);
	assert.deepEqual(json.lists.map((l) => l.seats), [3, 2, 3, 2, 2, 2, 2, 1]);
	assert.equal((await c.post('/api/result/lots', { list: 2 })).status, 422, 'no second lot');
});

test('teller result: exit 2 without a finished count, usage errors exit 2', () => {
	const db = path.join(dir, 'empty.db');
	execFileSync(TELLER, ['init', '--db', db, '--municipality', '0668'], { stdio: 'pipe' });
	const cases = [
		[['result', '--db', db], 2, /no result/],
		[['result', '--db', real.db, 'lot'], 2, /--list/],
		[['result', '--db', real.db, 'deceased', '--list', '1'], 2, /--candidate/],
		[['result', '--db', real.db, 'nonsense'], 2, /unknown result command/],
		[['result', '--db', real.db, '--list', '1'], 2, /go with/],
		[['result', '--db', real.db, 'lot', '--list', 'x'], 2, /--list/],
	];
	for (const [args, status, re] of cases) {
		const r = teller(...args);
		assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, re, args.join(' '));
	}
	const ok = teller('result', '--db', real.db);
	assert.equal(ok.status, 0, ok.stderr);
	assert.match(ok.stdout, /Quota 550, preference threshold 275/);
});
