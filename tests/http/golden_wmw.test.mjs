// The real count of West Maas en Waal (municipal council 2022, 21 stations, 8 lists,
// 251 candidates), typed in again through the API by two typists, station by station,
// from the Kiesraad's own 510b; then `teller export` must give back that file:
// every number equal, and byte for byte the same but for kr:CreationDateTime.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, HOST, REPO, TELLER } from './helpers.mjs';

const EML = path.join(REPO, 'tests/data/eml');
const REAL_510B = path.join(EML, 'real/Telling_GR2022_WestMaasenWaal.eml.xml');
const REAL_CSV = path.join(EML, 'real/osv4-3_telling_gr2022_westmaasenwaal.csv');
const sha = (f) => execFileSync('sha256sum', [f]).toString().slice(0, 64);

// The counts of one reporting unit of a canonical (one-line) 510b.
function unitCounts(xml) {
	const lists = [];
	const sel = /<Selection>(?:<AffiliationIdentifier Id="(\d+)">.*?<\/AffiliationIdentifier>|<Candidate><CandidateIdentifier Id="(\d+)"><\/CandidateIdentifier><\/Candidate>)<ValidVotes>(\d+)<\/ValidVotes><\/Selection>/g;
	let m;
	while ((m = sel.exec(xml)) !== null) {
		if (m[1] !== undefined) lists.push({ number: +m[1], total: +m[3], candidates: [] });
		else lists[lists.length - 1].candidates.push(+m[3]);
	}
	const one = (re) => +re.exec(xml)[1];
	const unc = (code) => one(new RegExp(`<UncountedVotes ReasonCode="${code}">(\\d+)<`));
	const valid = one(/<TotalCounted>(\d+)</);
	const blank = one(/<RejectedVotes ReasonCode="blanco">(\d+)</);
	const invalid = one(/<RejectedVotes ReasonCode="ongeldig">(\d+)</);
	return {
		voters: {
			poll_cards: unc('geldige stempassen'), proxy_certificates: unc('geldige volmachtbewijzen'),
			voter_cards: null, admitted_voters: unc('toegelaten kiezers'),
		},
		votes: {
			list_totals: lists.map((l) => l.total), valid_votes: valid, blank_votes: blank,
			invalid_votes: invalid, votes_cast: valid + blank + invalid,
		},
		differences: {
			more_ballots_counted: unc('meer getelde stembiljetten'),
			fewer_ballots_counted: unc('minder getelde stembiljetten'),
			taken_home: unc('meegenomen stembiljetten'),
			too_few_issued: unc('te weinig uitgereikte stembiljetten'),
			too_many_issued: unc('te veel uitgereikte stembiljetten'),
			no_explanation: unc('geen verklaring'), other_explanation: unc('andere verklaring'),
		},
		lists,
	};
}

const total510 = (x) => unitCounts(/<TotalVotes>(.*?)<\/TotalVotes>/.exec(x)[1]);

function stationsOf(xml) {
	const out = [];
	const re = /<ReportingUnitVotes><ReportingUnitIdentifier Id="0668::SB(\d+)">[^<]*<\/ReportingUnitIdentifier>(.*?)<\/ReportingUnitVotes>/g;
	let m;
	while ((m = re.exec(xml)) !== null) out.push({ number: +m[1], form: unitCounts(m[2]) });
	return out;
}

let dir, db, child, base;
const typists = {};

before(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'teller-golden-'));
	db = path.join(dir, 'wmw.db');
	const t = (...args) => execFileSync(TELLER, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
	t('init', '--db', db, '--municipality', '0668', '--name', 'West Maas en Waal');
	const a = path.join(EML, 'derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml');
	const k = path.join(EML, 'real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml');
	t('import', '--db', db, '--hash', sha(a), a);
	t('import', '--db', db, path.join(EML, 'derived/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml'));
	t('import', '--db', db, '--hash', sha(k), k);
	for (const name of ['eerste', 'tweede'])
		execFileSync(TELLER, ['user', 'add', '--db', db, '--role', 'typist', name],
			{ input: `${name}-wachtwoord-2022\n` });
	const port = 20000 + Math.floor(Math.random() * 20000);
	child = spawn(TELLER, ['serve', '--db', db, '--listen', `${HOST}:${port}`, '--no-tls', '--quiet'],
		{ stdio: 'ignore' });
	base = `http://${HOST}:${port}`;
	for (let i = 0; i < 200; i++) {
		try {
			const r = await fetch(base + '/api/me');
			await r.arrayBuffer();
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 25));
		}
	}
	const server = { base, alive: true, crashes: [] };
	for (const name of ['eerste', 'tweede']) {
		const c = new Client(server, name);
		const pw = `${name}-wachtwoord-2022`;
		assert.equal((await c.login(pw)).status, 200);
		assert.equal((await c.post('/api/account/password', { current: pw, new: pw + '!' })).status, 200);
		c.csrf = (await c.get('/api/me')).body.csrf_token;
		typists[name] = c;
	}
});

after(() => {
	if (child) child.kill('SIGTERM');
	if (process.env.GOLDEN_KEEP) execFileSync('cp', ['-r', path.join(dir, 'out'), process.env.GOLDEN_KEEP]);
	rmSync(dir, { recursive: true, force: true });
});

test('the real 2022 count of West Maas en Waal, entered twice, exports as the real 510b', async () => {
	const real = readFileSync(REAL_510B, 'utf8');
	const stations = stationsOf(real);
	assert.equal(stations.length, 21);
	// Section by section, as the browser saves: voters, votes, differences, then each list.
	for (const [who, entry] of [['eerste', 1], ['tweede', 2]]) {
		const c = typists[who];
		for (const s of stations) {
			assert.equal((await c.claim(s.number, entry)).status, 200, `claim SB${s.number}`);
			for (const progress of ['voters', 'votes', 'differences', ...s.form.lists.map((_, i) => `list-${i}`)]) {
				const r = await c.save(s.number, entry, s.form, progress);
				assert.equal(r.status, 200, `save SB${s.number} ${progress}: ${r.text}`);
				assert.deepEqual(r.body.errors, [], `SB${s.number} has errors: ${r.text}`);
			}
			const f = await c.finalise(s.number, entry, true);
			assert.equal(f.status, 200, `finalise SB${s.number}: ${f.text}`);
			assert.equal(f.body.status, entry === 1 ? 'first_done' : 'definitive');
		}
	}
	// The committee's session goes on the PV only: the 510b below stays the real one.
	execFileSync(TELLER, ['committee', '--db', db, '--place', 'Gemeentehuis, Beneden-Leeuwen',
		'--date', '2022-03-16', '--start', '21:30', '--end', '23:55',
		'--member', 'M. Voorzitter, voorzitter', '--member', 'L. Lid, lid'], { stdio: 'pipe' });
	const out = path.join(dir, 'out');
	const printed = execFileSync(TELLER, ['export', '--db', db, '--out', out]).toString();
	const name = 'Telling_GR2022_WestMaasenWaal.eml.xml';
	assert.ok(readdirSync(out).includes(name), `export wrote ${readdirSync(out)}`);
	const ours = readFileSync(path.join(out, name), 'utf8');
	// Every number of every station and of the total equals the real file's.
	assert.deepEqual(stationsOf(ours), stations);
	const total = (x) => unitCounts(/<TotalVotes>(.*?)<\/TotalVotes>/.exec(x)[1]);
	assert.deepEqual(total(ours), total(real));
	assert.equal(/<Cast>(\d+)<\/Cast>/.exec(ours)[1], '16202');
	// Byte for byte, but for the moment of creation.
	const when = /<kr:CreationDateTime>([^<]*)<\/kr:CreationDateTime>/;
	assert.equal(ours.replace(when, `<kr:CreationDateTime>${when.exec(real)[1]}</kr:CreationDateTime>`), real);
	// The hash code printed is that of the file written.
	assert.ok(printed.includes(execFileSync('sha256sum', [path.join(out, name)]).toString().slice(0, 4)));
	// And the CSV is the real CSV, byte for byte, under OSV's name.
	assert.ok(readdirSync(out).includes('osv4-3_telling_gr2022_westmaasenwaal.csv'), `${readdirSync(out)}`);
	assert.ok(readFileSync(path.join(out, 'osv4-3_telling_gr2022_westmaasenwaal.csv'))
		.equals(readFileSync(REAL_CSV)), 'the CSV differs from the real one');
	writeFileSync(path.join(os.tmpdir(), 'teller-golden-last.txt'), printed);
});

test('the proces-verbaal holds every station, every list total and the hash code on every page', () => {
	const out = path.join(dir, 'out');
	const pv = readdirSync(out).find((f) => f.endsWith('.pdf'));
	assert.equal(pv, 'Proces-verbaal_Na31-2_GR2022_WestMaasenWaal.pdf');
	const text = execFileSync('pdftotext', ['-layout', path.join(out, pv), '-']).toString();
	const pages = +/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(out, pv)]).toString())[1];
	const code = execFileSync('sha256sum', [path.join(out, 'Telling_GR2022_WestMaasenWaal.eml.xml')])
		.toString().slice(0, 64).match(/.{4}/g).join(' ');
	assert.equal(text.split(code).length - 1, pages, `the hash code on each of ${pages} pages`);
	for (let p = 1; p <= pages; p++) assert.ok(text.includes(`pagina ${p} van ${pages}`));
	const real = readFileSync(REAL_510B, 'utf8');
	for (const m of real.matchAll(/Id="0668::SB\d+">Stembureau (.*?) \(postcode/g))
		assert.ok(text.includes(m[1]), `station ${m[1]} in the PV`);
	const totals = [...total510(real).lists].map((l) => l.total);
	const fmt = (n) => [String(n), n.toLocaleString('nl-NL')];
	for (const t of totals) assert.ok(fmt(t).some((s) => text.includes(s)), `list total ${t} in the PV`);
	assert.ok(!text.includes('CONCEPT'), 'a final PV is no concept');
	for (const line of ['Zitting van het gemeentelijk stembureau', 'Gemeentehuis, Beneden-Leeuwen',
		'16 maart 2022', '21:30 uur', '23:55 uur', 'M. Voorzitter, voorzitter', 'L. Lid, lid'])
		assert.ok(text.split('\f')[0].includes(line), `the session's "${line}" on the first page`);
});

test('the exported 510b validates, is canonical, and one flipped byte fails verify and openssl', () => {
	const out = path.join(dir, 'out');
	const eml = path.join(out, 'Telling_GR2022_WestMaasenWaal.eml.xml');
	execFileSync('sh', [path.join(REPO, 'tests/data/validate'), eml]);
	const c14n = execFileSync('xmllint', ['--c14n', eml]);
	assert.ok(c14n.equals(readFileSync(eml)), 'xmllint --c14n F | cmp - F');
	const all = readdirSync(out).filter((f) => !f.endsWith('.sig') && !f.endsWith('.pem') &&
		!f.endsWith('.signature'))
		.map((f) => path.join(out, f));
	const v = execFileSync(TELLER, ['verify', ...all]).toString();
	assert.equal(v.split('signature holds').length - 1, 3, v);
	const key = path.join(out, 'signing-key.pub.pem');
	for (const f of all) {
		execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', key, '-rawin', '-in', f,
			'-sigfile', f + '.sig']);
		const copy = path.join(dir, 'flipped-' + path.basename(f));
		const b = readFileSync(f);
		b[Math.floor(b.length / 2)] ^= 0x01;
		writeFileSync(copy, b);
		execFileSync('cp', [f + '.sig', copy + '.sig']);
		assert.throws(() => execFileSync(TELLER, ['verify', '--key', key, copy], { stdio: 'pipe' }),
			`teller verify must fail on ${copy}`);
		assert.throws(() => execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', key,
			'-rawin', '-in', copy, '-sigfile', copy + '.sig'], { stdio: 'pipe' }),
		`openssl must fail on ${copy}`);
	}
});

test('the totals on the coordinator\'s screen are the totals in the file', async () => {
	execFileSync(TELLER, ['user', 'add', '--db', db, '--role', 'coordinator', 'coord'],
		{ input: 'coord-wachtwoord-2022\n' });
	const c = new Client({ base, alive: true, crashes: [] }, 'coord');
	assert.equal((await c.login('coord-wachtwoord-2022')).status, 200);
	assert.equal((await c.post('/api/account/password', { current: 'coord-wachtwoord-2022',
		new: 'coord-wachtwoord-2022!' })).status, 200);
	const t = (await c.get('/api/totals')).body;
	assert.equal(t.stations_definitive, 21);
	const real = total510(readFileSync(REAL_510B, 'utf8'));
	assert.deepEqual(t.votes, real.votes);
	assert.deepEqual(t.voters, real.voters);
	assert.deepEqual(t.differences, real.differences);
	assert.deepEqual(t.lists.map((l) => [l.number, l.total, l.candidates]),
		real.lists.map((l) => [l.number, l.total, l.candidates]));
});

test('the result of the own count is the published 520, and a central committee working from the 510b agrees', () => {
	const REAL_520 = path.join(EML, 'real/Resultaat_GR2022_WestMaasenWaal.eml.xml');
	const out = path.join(dir, 'result');
	const printed = execFileSync(TELLER, ['result', '--db', db, '--out', out]).toString();
	assert.match(printed, /List 3 F\.D\. Dreumel: 1372 votes, 2 full \+ 1 residual = 3 seats/);
	const when = /<kr:CreationDateTime>[^<]*<\/kr:CreationDateTime>/;
	const ours = readFileSync(path.join(out, 'Resultaat_GR2022_WestMaasenWaal.eml.xml'), 'utf8');
	assert.equal(ours.replace(when, ''), readFileSync(REAL_520, 'utf8').replace(when, ''));
	// The count is finished (its final export stands): the result is final, and made again
	// it is the same bytes.
	assert.doesNotMatch(printed, /CONCEPT/);
	const again = path.join(dir, 'result-again');
	execFileSync(TELLER, ['result', '--db', db, '--out', again]);
	for (const f of ['Resultaat_GR2022_WestMaasenWaal.eml.xml', 'Totaaltelling_GR2022_WestMaasenWaal.eml.xml'])
		assert.equal(sha(path.join(again, f)), sha(path.join(out, f)), f);
	// A central committee's own database, from the exported 510b: the same result.
	const csb = path.join(dir, 'csb.db');
	const a = path.join(EML, 'derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml');
	const k = path.join(EML, 'real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml');
	const b = path.join(dir, 'out', 'Telling_GR2022_WestMaasenWaal.eml.xml');
	const t = (...args) => execFileSync(TELLER, args, { stdio: 'pipe' });
	t('init', '--db', csb, '--municipality', '0668', '--name', 'West Maas en Waal');
	t('import', '--db', csb, '--hash', sha(a), a);
	t('import', '--db', csb, '--hash', sha(k), k);
	t('import', '--db', csb, '--hash', sha(b), b);
	const own = JSON.parse(t('result', '--db', db, '--json').toString());
	const from = JSON.parse(t('result', '--db', csb, '--json').toString());
	assert.equal(own.source, 'count');
	assert.equal(from.source, '510b');
	for (const o of [own, from]) {
		delete o.source;
		delete o.draft;
	}
	assert.deepEqual(from, own);
	// A 510b is refused where the database counts itself.
	assert.throws(() => t('import', '--db', db, '--hash', sha(b), b), /counts itself/);
});
