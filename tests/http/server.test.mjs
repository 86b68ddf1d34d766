// About the server: the local CA's certificate for the laptops (no session needed) and
// GET /api/server-info, the addresses and the CA fingerprint that go on account sheets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, Client, assertOk, assertError } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.admin = await login(c.server, 'beheerder');
	c.co = await login(c.server, 'coordinator');
	c.t1 = await login(c.server, 'invoerder1');
});

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

test('GET /api/server-info gives the administrator and the coordinator the URLs and the CA fingerprint', async () => {
	for (const who of [ctx.admin, ctx.co]) {
		const info = assertOk(await who.get('/api/server-info'), 200, who.name);
		assert.deepEqual(Object.keys(info).sort(), ['ca_fingerprint', 'urls']);
		// The test server listens on 127.0.0.1 only, without TLS: that one address.
		assert.deepEqual(info.urls, [`http://127.0.0.1:${ctx.server.port}/`]);
		assert.match(info.ca_fingerprint, FINGERPRINT);
	}
});

test('GET /api/server-info is refused to a typist and without a session', async () => {
	assertError(await ctx.t1.get('/api/server-info'), 403, 'forbidden');
	assertError(await new Client(ctx.server, 'x').get('/api/server-info'), 401, 'not_logged_in');
	assertError(await ctx.admin.post('/api/server-info', {}), 405, 'method_not_allowed');
});

test('GET /ca.crt and /ca.pem serve the CA certificate without a session, never a key', async () => {
	const anon = new Client(ctx.server, 'x');
	const der = await fetch(ctx.server.base + '/ca.crt');
	assert.equal(der.status, 200);
	assert.equal(der.headers.get('content-type'), 'application/x-x509-ca-cert');
	const bytes = Buffer.from(await der.arrayBuffer());
	assert.equal(bytes[0], 0x30, 'DER starts with a SEQUENCE');
	const pem = await anon.get('/ca.pem');
	assert.equal(pem.status, 200);
	assert.match(pem.text, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
	assert.doesNotMatch(pem.text + bytes.toString('latin1'), /PRIVATE/);
	// The same certificate in two encodings, with the fingerprint /api/server-info gives.
	const b64 = pem.text.replace(/-----[A-Z ]+-----|\n/g, '');
	assert.equal(Buffer.from(b64, 'base64').toString('hex'), bytes.toString('hex'));
	const { createHash } = await import('node:crypto');
	const fp = createHash('sha256').update(bytes).digest('hex').toUpperCase().match(/../g).join(':');
	const info = assertOk(await ctx.admin.get('/api/server-info'));
	assert.equal(info.ca_fingerprint, fp);
	assertError(await anon.post('/ca.crt', {}), 405, 'method_not_allowed');
});
