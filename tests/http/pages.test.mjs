// The single page and its assets (entry/API.md "Pages").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useServer, Client, REPO } from './helpers.mjs';

const ctx = useServer();

function checkHeaders(r, what) {
	const csp = r.headers.get('content-security-policy');
	assert.ok(csp, `${what}: no Content-Security-Policy`);
	assert.match(csp, /default-src 'self'/, what);
	assert.match(csp, /script-src 'self'/, what);
	assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
	assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
}

test('GET / returns the HTML page with the Content-Security-Policy header, without a session', async () => {
	const c = new Client(ctx.server, 'anon');
	for (const url of ['/', '/index.html']) {
		const r = await c.get(url);
		assert.equal(r.status, 200, url);
		assert.match(r.headers.get('content-type'), /^text\/html/, url);
		assert.match(r.text, /<!doctype html>/i, url);
		assert.match(r.text, /<script type="module" src="\/main\.js"><\/script>/, url);
		// CSP-strict: no inline script, no inline event handler.
		assert.doesNotMatch(r.text, /<script(?![^>]*\bsrc=)[^>]*>/i, url);
		assert.doesNotMatch(r.text, /\son[a-z]+=/i, url);
		assert.match(r.text, /<link[^>]+href="?\/?style\.css/, url);
		assert.match(r.text, /<link[^>]+href="?\/?views\.css/, url);
		checkHeaders(r, url);
	}
});

test('/style.css and /views.css are served with their content type, each under 700 lines; the old /app.js is gone', async () => {
	const c = new Client(ctx.server, 'anon');
	for (const url of ['/style.css', '/views.css']) {
		const css = await c.get(url);
		assert.equal(css.status, 200, url);
		assert.match(css.headers.get('content-type'), /^text\/css/);
		assert.ok(css.text.length > 10);
		assert.ok(css.text.split('\n').length <= 700, url + ' has ' + css.text.split('\n').length + ' lines');
		checkHeaders(css, url);
	}
	for (const url of ['/app.js', '/nothing.js', '/Main.js', '/main.js/', '/main.jsx', '/view_entry.js',
		'/web/main.js', '/.js', '/embed.c']) {
		const r = await c.get(url);
		assert.equal(r.status, 404, url);
	}
	const post = await c.post('/main.js', {});
	assert.equal(post.status, 405);
});

// The page's ES modules: every web/*.js file, each reachable from /main.js by its imports,
// served as JavaScript with the CSP; no eval and no inline code in any of them.
test('every module of web/ is served as JavaScript with the CSP, and main.js imports them all', async () => {
	const c = new Client(ctx.server, 'anon');
	const files = readdirSync(path.join(REPO, 'web')).filter((f) => f.endsWith('.js')).sort();
	assert.ok(files.includes('main.js') && files.length > 3, files.join(' '));
	const seen = new Set();
	const todo = ['main.js'];
	while (todo.length) {
		const f = todo.shift();
		if (seen.has(f)) continue;
		seen.add(f);
		assert.match(f, /^[a-z-]+\.js$/, f);
		const r = await c.get('/' + f);
		assert.equal(r.status, 200, f);
		assert.equal(r.headers.get('content-type'), 'text/javascript; charset=utf-8', f);
		checkHeaders(r, '/' + f);
		assert.equal(r.text, readFileSync(path.join(REPO, 'web', f), 'utf8'), f + ': the embedded copy is stale');
		assert.doesNotMatch(r.text, /\beval\s*\(|new Function\s*\(|\.innerHTML\s*=/, f);
		assert.ok(r.text.split('\n').length <= 700, f + ': over 700 lines');
		for (const m of r.text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'\.\/([^']+)'/gm)) todo.push(m[1]);
	}
	assert.deepEqual([...seen].sort(), files, 'modules not imported from main.js (or missing)');
});
