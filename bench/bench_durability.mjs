#!/usr/bin/env node
/*
 * bench_durability: 100 crashes under load, and every acknowledged operation still there.
 *
 * Makes a temporary directory with the Juinen election (2 polling stations per typist), the
 * typists and a coordinator, and then, round after round: starts `teller serve --no-tls` on a
 * free port of 127.0.0.1, lets the typists (each from its own 127.0.0.x, with its own
 * keep-alive connection) claim, save, finalise and discard as fast as the server answers for
 * a random 0.3 to 2 s, crashes the server, starts it again and checks every station against
 * the acknowledged operations: status, revision and figures, the round's audit records in
 * order, `teller audit --verify` and SQLite's integrity_check (tests/http/durability.mjs says
 * how, the unanswered request at the crash included). Between rounds the coordinator resets
 * finalised stations.
 *
 * The crash is kill -9 (--kills, default 100 rounds) and then a power cut (--power, default
 * 0): tests/powercut.c, an LD_PRELOAD shim compiled with cc, keeps only what was synced, and
 * in every other round also a random half of the unsynced sectors.
 *
 * Prints a line per round, then the rounds, the acknowledged operations (per kind) and
 * "lost 0". Exit 0 when nothing acknowledged was lost and every check passed, 1 otherwise
 * (this benchmark is a test: it measures nothing that may vary). Talks to 127.0.0.1 only;
 * removes its directory (unless --keep) and stops its server.
 *
 * usage: node bench/bench_durability.mjs [--build DIR] [--typists N] [--kills R]
 *        [--power R] [--lying] [--min-ms MS] [--max-ms MS] [--seed S] [--keep]    (--help)
 * TELLER overrides the binary in DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Harness } from '../tests/http/durability.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = `usage: node bench/bench_durability.mjs [options]
  --build DIR       where teller is (default build; env BUILD; TELLER names the binary)
  --typists N       typists at once (default 20), each with 2 polling stations
  --kills R         rounds ended by kill -9 (default 100)
  --power R         rounds ended by a power cut after them (default 0)
  --lying           one more power cut on a disk that ignores fsync: must lose operations
                    (shows that the check can fail; the exit code says whether it did)
  --min-ms MS, --max-ms MS   how long the typists type before a crash (default 300, 2000)
  --seed S          the draws (durations, choices, the sectors a power cut keeps)
  --keep            keep the temporary directory`;

const O = { build: process.env.BUILD || 'build', typists: 20, kills: 100, power: 0, lying: false,
	minMs: 300, maxMs: 2000, seed: Date.now() % 1e9, keep: false };
const a = process.argv.slice(2);
for (let i = 0; i < a.length; i++) {
	const k = a[i];
	const num = () => {
		const v = Number(a[++i]);
		if (!Number.isInteger(v) || v < 0) {
			console.error(`${k} needs a whole number\n${usage}`);
			process.exit(2);
		}
		return v;
	};
	if (k === '--help' || k === '-h') {
		console.log(usage);
		process.exit(0);
	} else if (k === '--build') O.build = a[++i];
	else if (k === '--typists') O.typists = num();
	else if (k === '--kills') O.kills = num();
	else if (k === '--power') O.power = num();
	else if (k === '--lying') O.lying = true;
	else if (k === '--min-ms') O.minMs = num();
	else if (k === '--max-ms') O.maxMs = num();
	else if (k === '--seed') O.seed = num();
	else if (k === '--keep') O.keep = true;
	else {
		console.error(`unknown option ${k}\n${usage}`);
		process.exit(2);
	}
}
if (O.typists < 1 || O.typists > 200 || O.maxMs < O.minMs) {
	console.error(usage);
	process.exit(2);
}

const teller = path.resolve(REPO, process.env.TELLER || path.join(O.build, 'teller'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'teller-bench-durability-'));
const t0 = Date.now();
console.log(`bench_durability: ${O.typists} typists, ${O.kills} kill -9 rounds, ${O.power} power-cut rounds` +
	`${O.lying ? ', then a disk that ignores fsync' : ''}; seed ${O.seed}; ${teller}`);
const h = new Harness({ teller, dir, typists: O.typists, minMs: O.minMs, maxMs: O.maxMs, seed: O.seed,
	log: (l) => console.log('  ' + l) });
let failed = false;
try {
	await h.setup();
	await h.run(O.kills, { mode: 'kill' });
	if (!h.result().problems.length) await h.run(O.power, { mode: 'power', keep: 'alternate' });
	const clean = h.result();
	if (O.lying && !clean.problems.length) {
		await h.run(1, { mode: 'power', lying: true });
		const found = h.result().problems.length;
		console.log(`\n  a disk that ignores fsync: ${found} problems found (${found ? 'as it must' : 'NONE: the check is blind'})`);
		if (!found) failed = true;
	}
	const r = clean;
	console.log(`\n  rounds                 ${r.rounds} (${O.kills} kill -9, ${O.power} power cut)`);
	console.log(`  acknowledged           ${r.acknowledged} operations (${Object.entries(r.ops).map(([k, v]) => `${k} ${v}`).join(', ')})`);
	console.log(`  unanswered, yet saved  ${r.inflightApplied} (the request in flight at a crash; allowed either way)`);
	console.log(`  lost                   ${r.lost}`);
	console.log(`  wall time              ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	if (r.problems.length) {
		failed = true;
		console.log(`\n  FAILED: ${r.problems.length} problems:`);
		for (const p of r.problems.slice(0, 30)) console.log('    ' + p.slice(0, 400));
	}
} catch (e) {
	failed = true;
	console.log('\n  bench_durability could not run: ' + (e.stack || e));
} finally {
	await h.close();
	if (O.keep) console.log('  kept ' + dir);
	else rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
