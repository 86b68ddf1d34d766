// A later session on the real count of West Maas en Waal (issue 12): the count is
// entered twice through the API and finished by its final export; then `teller
// session new` opens session 2, `teller investigate` opens two investigations, one
// is concluded without new results and one with a corrected candidate vote entered
// twice through the API. The export of session 2 differs from the official 510b only
// in that station (and the total of the two candidates, and its creation time); the
// first session's files are written again byte for byte by `teller exports --id`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, HOST, REPO, TELLER } from './helpers.mjs';

const EML = path.join(REPO, 'tests/data/eml');
const REAL_510B = path.join(EML, 'real/Telling_GR2022_WestMaasenWaal.eml.xml');
const NAME_510B = 'Telling_GR2022_WestMaasenWaal.eml.xml';
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

function stationsOf(xml) {
	const out = [];
	const re = /<ReportingUnitVotes><ReportingUnitIdentifier Id="0668::SB(\d+)">[^<]*<\/ReportingUnitIdentifier>(.*?)<\/ReportingUnitVotes>/g;
	let m;
	while ((m = re.exec(xml)) !== null) out.push({ number: +m[1], form: unitCounts(m[2]) });
	return out;
}

let dir, db, child;
const typists = {};
// teller ARGS: { status, out, err } (never throws)
const teller = (...args) => {
	const r = spawnSync(TELLER, args, { cwd: REPO, encoding: 'utf8' });
	return { status: r.status, out: r.stdout, err: r.stderr };
};

before(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'teller-later-'));
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
	const base = `http://${HOST}:${port}`;
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
	rmSync(dir, { recursive: true, force: true });
});

// One typist's whole entry of a station: claim, save, finalise (warnings confirmed).
async function enter(c, n, entry, form, want) {
	assert.equal((await c.claim(n, entry)).status, 200, `claim SB${n} entry ${entry}`);
	const r = await c.save(n, entry, form, 'votes');
	assert.equal(r.status, 200, `save SB${n}: ${r.text}`);
	assert.deepEqual(r.body.errors, [], `SB${n} has errors: ${r.text}`);
	const f = await c.finalise(n, entry, true);
	assert.equal(f.status, 200, `finalise SB${n}: ${f.text}`);
	assert.equal(f.body.status, want);
}

test('a later session corrects one station of the real count; the first session stays as it was', async () => {
	const real = readFileSync(REAL_510B, 'utf8');
	const stations = stationsOf(real);
	assert.equal(stations.length, 21);
	for (const s of stations) {
		await enter(typists.eerste, s.number, 1, s.form, 'first_done');
		await enter(typists.tweede, s.number, 2, s.form, 'definitive');
	}
	const out1 = path.join(dir, 'out1');
	assert.equal(teller('export', '--db', db, '--out', out1).status, 0);
	const first = /^#(\d+) final/m.exec(teller('exports', '--db', db).out)[1];

	// session 2, two investigations
	let r = teller('session', 'new', '--db', db, '--date', '2022-03-23', '--place', 'Gemeentehuis');
	assert.equal(r.status, 0, r.err);
	r = teller('session', '--db', db);
	assert.match(r.out, /^session 1 .* finished .*\nsession 2 +date 2022-03-23 +place Gemeentehuis +open +\(current\)\n$/, r.out);
	const [A, B, C] = [stations[0], stations[1], stations[2]];
	assert.equal(teller('investigate', '--db', db, '--station', String(A.number), '--reason',
		'Verzoek van het centraal stembureau', '--csb-reference', 'CSB-2022-4', '--recount').status, 0);
	assert.equal(teller('investigate', '--db', db, '--station', String(B.number), '--reason',
		'Eigen initiatief: telverschil').status, 0);
	// a station without an investigation cannot be entered
	r = await typists.eerste.claim(C.number, 1);
	assert.equal(r.status, 409, r.text);
	assert.equal(r.body.error.code, 'no_investigation');
	// B: nothing found
	r = teller('investigate', '--db', db, '--station', String(B.number), '--conclude', '--findings',
		'Geen verschil gevonden', '--corrected', 'no');
	assert.equal(r.status, 0, r.err);

	// A: one vote of the first list moved from its most voted candidate to another
	const fixed = structuredClone(A.form);
	const votes = fixed.lists[0].candidates;
	const top = votes.indexOf(Math.max(...votes));
	assert.ok(votes[top] > 0, JSON.stringify(fixed.lists[0]));
	votes[top] -= 1;
	votes[top === 0 ? 1 : 0] += 1;
	await enter(typists.eerste, A.number, 1, fixed, 'first_done');
	// concluding "corrected" before the new figures are definitive is refused
	r = teller('investigate', '--db', db, '--station', String(A.number), '--conclude', '--findings',
		'Een stem verkeerd toegekend', '--corrected', 'yes');
	assert.equal(r.status, 2);
	assert.match(r.err, /not definitive yet/);
	// the same typist for both corrected entries is refused
	r = await typists.eerste.claim(A.number, 2);
	assert.equal(r.status, 403, r.text);
	assert.equal(r.body.error.code, 'second_entry_same_typist');
	await enter(typists.tweede, A.number, 2, fixed, 'definitive');
	r = teller('investigate', '--db', db, '--station', String(A.number), '--conclude', '--findings',
		'Een stem verkeerd toegekend', '--corrected', 'yes');
	assert.equal(r.status, 0, r.err);

	// the export of session 2: only station A differs from the official file
	const out2 = path.join(dir, 'out2');
	r = teller('export', '--db', db, '--out', out2);
	assert.equal(r.status, 0, r.err);
	const ours = readFileSync(path.join(out2, NAME_510B), 'utf8');
	const got = stationsOf(ours);
	assert.equal(got.length, 21);
	for (let i = 0; i < 21; i++)
		assert.deepEqual(got[i], i === 0 ? { number: A.number, form: fixed } : stations[i]);
	assert.match(teller('session', '--db', db).out, /^session 2 .* finished /m);
	// the corrigendum: schema-valid, canonical; beside station A, B's investigation only
	const corr = path.join(out2, NAME_510B);
	execFileSync('sh', [path.join(REPO, 'tests/data/validate'), corr]);
	assert.ok(execFileSync('xmllint', ['--c14n', corr]).equals(readFileSync(corr)), 'canonical');
	assert.equal(ours.split('<kr:ReportingUnitInvestigations').length - 1, 2);
	// differs from the official file only in station A, the totals and the creation time
	const unit = (x, n) => new RegExp(`<ReportingUnitVotes><ReportingUnitIdentifier Id="0668::SB${n}">.*?</ReportingUnitVotes>`).exec(x)[0];
	const strip = (x) => x.replace(unit(x, A.number), '').replace(unit(x, B.number), '')
		.replace(/<TotalVotes>.*?<\/TotalVotes>/, '')
		.replace(/<kr:CreationDateTime>[^<]*<\/kr:CreationDateTime>/, '');
	assert.equal(strip(ours), strip(real));
	assert.equal(unit(ours, B.number).replace(/<kr:ReportingUnitInvestigations.*?<\/kr:ReportingUnitInvestigations>/, ''),
		unit(real, B.number));
	// the Na 14-2 names both stations, the reason and the findings, with the corrigendum's code
	const na14 = readdirSync(out2).find((f) => f.startsWith('Proces-verbaal_Na14-2'));
	assert.ok(na14, `${readdirSync(out2)}`);
	const text = execFileSync('pdftotext', ['-layout', path.join(out2, na14), '-']).toString()
		.replace(/\s+/g, ' ');
	for (const words of ['Verzoek van het centraal stembureau', 'CSB-2022-4', 'Eigen initiatief',
		'Een stem verkeerd toegekend', 'Geen verschil gevonden'])
		assert.ok(text.includes(words), `"${words}" in the Na 14-2`);
	assert.ok(text.includes(sha(corr).match(/.{4}/g).join(' ')), 'the corrigendum\'s hash code');

	// the first session's files, written again byte for byte
	const again = path.join(dir, 'again');
	r = teller('exports', '--db', db, '--id', first, '--out', again);
	assert.equal(r.status, 0, r.err);
	const kept = readdirSync(again).sort();
	assert.ok(kept.includes(NAME_510B), `${kept}`);
	for (const f of kept) assert.equal(sha(path.join(again, f)), sha(path.join(out1, f)), f);
	assert.equal(teller('audit', '--db', db, '--verify').status, 0);
});

test('a later session in which nothing changed writes no corrigendum', () => {
	let r = teller('session', 'new', '--db', db, '--date', '2022-03-30');
	assert.equal(r.status, 0, r.err);
	assert.equal(teller('investigate', '--db', db, '--station', '5', '--reason',
		'Eigen initiatief: controle').status, 0);
	// the final export waits for the investigation's conclusion
	const out3 = path.join(dir, 'out3');
	r = teller('export', '--db', db, '--out', out3);
	assert.equal(r.status, 2, r.err);
	assert.match(r.err, /investigation is still open/);
	assert.equal(teller('investigate', '--db', db, '--station', '5', '--conclude', '--findings',
		'Alles klopt', '--corrected', 'no').status, 0);
	r = teller('export', '--db', db, '--out', out3);
	assert.equal(r.status, 0, r.err);
	const files = readdirSync(out3).filter((f) => !f.endsWith('.sig') && !f.endsWith('.pem') &&
		!f.endsWith('.signature'));
	assert.deepEqual(files, ['Proces-verbaal_Na14-2_zitting3_GR2022_WestMaasenWaal.pdf']);
	const text = execFileSync('pdftotext', [path.join(out3, files[0]), '-']).toString();
	assert.match(text, /geen corrigendum/i);
});
