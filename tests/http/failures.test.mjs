// A failure inside the server is answered 500 in Dutch and logged once, where it happened,
// with its cause (also under --quiet): never a silent 500. The database is damaged on purpose
// with the sqlite3 command-line tool (skipped when it is not installed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { assertError, login, useServer } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.coord = await login(c.server, 'coordinator');
	c.typist = await login(c.server, 'invoerder1');
});

let sqlite = true;
try {
	execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
} catch {
	sqlite = false;
}

test('a database failure: 500 in Dutch, and one log line naming the handler and the cause', { skip: !sqlite && 'sqlite3 is not installed' }, async () => {
	const log = () => ctx.server.child.stderrText;
	const before = log().length;
	execFileSync('sqlite3', [ctx.server.db, 'PRAGMA foreign_keys = OFF; DROP TABLE entry; DROP TABLE station;']);
	for (const [who, url] of [[ctx.coord, '/api/stations'], [ctx.coord, '/api/totals'], [ctx.typist, '/api/stations']]) {
		const r = await who.get(url);
		assertError(r, 500, 'internal', url);
		assert.match(r.body.error.message, /Er ging iets mis op de server/);
	}
	await new Promise((res) => setTimeout(res, 100));
	const lines = log().slice(before).split('\n').filter((l) => /internal error/.test(l));
	assert.ok(lines.length >= 3, 'logged: ' + log().slice(before));
	assert.match(lines[0], /^teller: internal error in \w+ \(GET \/api\/stations\): .*no such table: station/);
	for (const l of lines) assert.doesNotMatch(l, /teller_session=|csrf/i, 'no secret in the log');
});
