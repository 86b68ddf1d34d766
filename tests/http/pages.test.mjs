// The single page and its assets (entry/API.md "Pages").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client } from './helpers.mjs';

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
		assert.match(r.text, /<script[^>]+src="?\/?app\.js/, url);
		assert.match(r.text, /<link[^>]+href="?\/?style\.css/, url);
		checkHeaders(r, url);
	}
});

test('/app.js and /style.css are served with their content types', async () => {
	const c = new Client(ctx.server, 'anon');
	const js = await c.get('/app.js');
	assert.equal(js.status, 200);
	assert.match(js.headers.get('content-type'), /^(text|application)\/javascript/);
	assert.ok(js.text.length > 100);
	checkHeaders(js, '/app.js');
	const css = await c.get('/style.css');
	assert.equal(css.status, 200);
	assert.match(css.headers.get('content-type'), /^text\/css/);
	assert.ok(css.text.length > 10);
	checkHeaders(css, '/style.css');
	const none = await c.get('/nothing.js');
	assert.equal(none.status, 404);
});
