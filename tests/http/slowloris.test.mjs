// Slow clients cannot shut typists out (issue 11, finding 3; base/limits.h LIMIT_HTTP_*).
// A hostile laptop on the LAN opens many connections and sends their request heads a byte at
// a time. The server must keep serving a typist from another address, give one address no
// more than a browser's handful of connections, and close a connection that has not sent a
// complete request head within a short deadline (or its whole request, body included,
// within a longer one). All traffic goes to 127.0.0.1; the many addresses are local ones of
// 127.0.0.0/8 that each socket binds before it connects (Linux routes all of 127/8 to lo).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {
	useServer, HOST, TELLER, makeForm, demoPassword, newPassword,
} from './helpers.mjs';

const PER_ADDRESS = 16;      // LIMIT_HTTP_CONNECTIONS_PER_ADDRESS: a laptop on the LAN
const PER_LOOPBACK = 64;     // LIMIT_HTTP_CONNECTIONS_LOOPBACK: 127.0.0.1 itself (the tests' browser)
const CONNECTIONS = 8192;    // LIMIT_HTTP_CONNECTIONS_MAX
const FDS_SPARE = 256;       // LIMIT_HTTP_FDS_SPARE
const HEAD_SECONDS = 10;     // LIMIT_HTTP_HEAD_SECONDS
const REQUEST_SECONDS = 20;  // LIMIT_HTTP_REQUEST_SECONDS
const SLOW_ADDRESSES = 100;  // 127.0.0.2 .. 127.0.0.101
const SLOW_PER_ADDRESS = 10; // 1,000 slow connections in all
const TYPIST_ADDRESS = '127.0.0.200';

const ctx = useServer();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

// The soft and hard limit of open files of a process, from /proc/<pid>/limits.
function openFiles(pid = 'self') {
	const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n')
		.find((l) => l.startsWith('Max open files'));
	const [soft, hard] = line.slice('Max open files'.length).trim().split(/\s+/);
	const n = (v) => (v === 'unlimited' ? Infinity : Number(v));
	return { soft: n(soft), hard: n(hard) };
}

// A raw connection from localAddress. head: bytes sent at once. Tracks when it opened and
// when the server closed it; everything it receives is in .data.
function connection(localAddress, head = '') {
	const c = { localAddress, data: '', openedAt: 0, closedAt: 0, byUs: false };
	c.sock = net.connect({ host: HOST, port: ctx.server.port, localAddress });
	c.sock.setNoDelay(true);
	c.ready = new Promise((resolve) => {
		c.sock.on('connect', () => {
			c.openedAt = now();
			assert.equal(c.sock.localAddress, localAddress, 'the socket is bound to its address');
			if (head) c.sock.write(head);
			resolve();
		});
		c.sock.on('close', resolve);
	});
	c.closed = new Promise((resolve) => c.sock.on('close', () => {
		c.closedAt = now();
		resolve();
	}));
	c.sock.on('data', (d) => { c.data += d.toString('latin1'); });
	c.sock.on('error', () => {});
	c.open = () => c.closedAt === 0;
	c.end = () => { c.byUs = true; c.sock.destroy(); };
	return c;
}

// A slowloris connection: a request head that never ends, one more byte every second.
const SLOW_HEAD = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\nX-Slow: ';
function trickle(conns) {
	const t = setInterval(() => {
		for (const c of conns) if (c.open()) c.sock.write('a');
	}, 1000);
	return () => clearInterval(t);
}

// A laptop with a browser's keep-alive connections, from its own address.
class Laptop {
	constructor(address, name) {
		this.address = address;
		this.name = name;
		this.agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
		this.cookie = null;
		this.csrf = null;
		this.times = [];
	}

	req(method, path, body) {
		const headers = {};
		const text = body === undefined ? '' : JSON.stringify(body);
		if (this.cookie) headers.Cookie = this.cookie;
		if (method !== 'GET') {
			headers['Content-Type'] = 'application/json';
			headers['Content-Length'] = Buffer.byteLength(text);
			if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
		}
		const t0 = now();
		return new Promise((resolve, reject) => {
			const rq = http.request({
				host: HOST, port: ctx.server.port, localAddress: this.address, method, path,
				headers, agent: this.agent, timeout: 5000,
			}, (res) => {
				let data = '';
				res.setEncoding('utf8');
				res.on('data', (d) => { data += d; });
				res.on('end', () => {
					const ms = now() - t0;
					this.times.push({ what: `${method} ${path}`, ms });
					const sc = res.headers['set-cookie'];
					if (sc) this.cookie = sc[0].split(';')[0];
					let json = null;
					try { json = JSON.parse(data); } catch { json = null; }
					resolve({ status: res.statusCode, body: json, text: data, ms });
				});
			});
			rq.on('timeout', () => rq.destroy(new Error(`${method} ${path}: no answer within 5 s`)));
			rq.on('error', reject);
			rq.end(text);
		});
	}

	async ok(method, path, body) {
		const r = await this.req(method, path, body);
		assert.equal(r.status, 200, `${this.name}: ${method} ${path}: ${r.status} ${r.text}`);
		return r.body;
	}

	// Logs in with the demo password and changes it when the account must.
	async login() {
		const first = await this.ok('POST', '/api/login',
			{ username: this.name, password: demoPassword(this.name) });
		this.csrf = first.csrf_token;
		if (first.must_change_password) {
			await this.ok('POST', '/api/account/password',
				{ current: demoPassword(this.name), new: newPassword(this.name) });
			this.csrf = (await this.ok('GET', '/api/me')).csrf_token;
		}
	}

	close() { this.agent.destroy(); }
}

test('teller serve raises its limit of open files to hold every connection it allows', async () => {
	// Started with a soft limit of 256, as a service or a shell may give it.
	const { port } = await new Promise((resolve) => {
		const s = net.createServer().listen(0, HOST, () => {
			const a = s.address();
			s.close(() => resolve(a));
		});
	});
	const child = spawn('sh', ['-c', 'ulimit -Sn 256 && exec "$0" "$@"', TELLER, 'serve', '--db',
		ctx.server.db, '--listen', `${HOST}:${port}`, '--no-tls', '--quiet'],
	{ stdio: ['ignore', 'ignore', 'pipe'] });
	let err = '';
	child.stderr.on('data', (d) => { err += d; });
	const exited = new Promise((r) => child.on('exit', r));
	try {
		const deadline = Date.now() + 10000;
		let up = false;
		while (!up && Date.now() < deadline && child.exitCode === null) {
			try {
				const r = await fetch(`http://${HOST}:${port}/api/me`);
				await r.arrayBuffer();
				up = r.status === 401;
			} catch {
				await sleep(50);
			}
		}
		assert.ok(up, 'the second server answers: ' + err);
		const lim = openFiles(child.pid);
		assert.ok(lim.soft >= Math.min(lim.hard, CONNECTIONS + FDS_SPARE),
			`soft limit of open files ${lim.soft} (hard ${lim.hard})`);
	} finally {
		child.kill('SIGTERM');
		await exited;
	}
});

test(`127.0.0.1 itself keeps ${PER_LOOPBACK} connections (the machine's own browser)`, async () => {
	const mine = [];
	for (let i = 0; i < PER_LOOPBACK + 10; i++) mine.push(connection('127.0.0.1'));
	await Promise.all(mine.map((c) => c.ready));
	await sleep(1000);
	try {
		// The tests' own client may hold a keep-alive connection or two from 127.0.0.1 too.
		const open = mine.filter((c) => c.open()).length;
		assert.ok(open <= PER_LOOPBACK && open >= PER_LOOPBACK - 4,
			`connections from 127.0.0.1 the server kept: ${open} of ${PER_LOOPBACK + 10}`);
	} finally {
		for (const c of mine) c.end();
	}
});

test(`one address gets at most ${PER_ADDRESS} connections; the next address its own`, async () => {
	const mine = [];
	for (let i = 0; i < PER_ADDRESS + 20; i++) mine.push(connection('127.0.0.150'));
	const other = [];
	for (let i = 0; i < PER_ADDRESS; i++) other.push(connection('127.0.0.151'));
	await Promise.all([...mine, ...other].map((c) => c.ready));
	await sleep(1000);
	try {
		const open = mine.filter((c) => c.open()).length;
		assert.equal(open, PER_ADDRESS, `connections from 127.0.0.150 the server kept: ${open} of ${PER_ADDRESS + 20}`);
		// The server tells the addresses apart: 127.0.0.151 keeps its own allowance.
		assert.equal(other.filter((c) => c.open()).length, PER_ADDRESS,
			'connections from 127.0.0.151 the server kept');
		// A browser's handful (6) is well within the allowance, and those connections work.
		const kept = mine.find((c) => c.open());
		kept.sock.write('GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
		const until = Date.now() + 3000;
		while (!kept.data.includes('\r\n\r\n') && Date.now() < until) await sleep(20);
		assert.match(kept.data, /^HTTP\/1\.1 401 /, 'a kept connection is served');
	} finally {
		for (const c of [...mine, ...other]) c.end();
	}
});

describe('slow clients', { concurrency: true }, () => {
	test('a typist from another address is served while 1,000 slow connections from 100 ' +
		'addresses are open; each slow one is closed when its head deadline passes', async (t) => {
		assert.ok(openFiles().soft > SLOW_ADDRESSES * SLOW_PER_ADDRESS + 200,
			`this test needs more than ${SLOW_ADDRESSES * SLOW_PER_ADDRESS + 200} open files (ulimit -n)`);
		const slow = [];
		for (let a = 0; a < SLOW_ADDRESSES; a++) {
			for (let i = 0; i < SLOW_PER_ADDRESS; i++) slow.push(connection(`127.0.0.${a + 2}`, SLOW_HEAD));
			if (a % 10 === 9) await Promise.all(slow.slice(-10 * SLOW_PER_ADDRESS).map((c) => c.ready));
		}
		const stop = trickle(slow);
		// A connection that sends nothing, and one that got an answer and then stays idle on
		// keep-alive: both owe the server a complete head within the deadline.
		const silent = connection('127.0.0.102');
		const idle = connection('127.0.0.103', 'GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
		const laptop = new Laptop(TYPIST_ADDRESS, 'invoerder1');
		try {
			await Promise.all([silent.ready, idle.ready]);
			const opened = slow.filter((c) => c.openedAt > 0).length;
			assert.equal(opened, slow.length, 'every slow connection was accepted by the kernel');
			await sleep(1000);
			const open = slow.filter((c) => c.open()).length;
			assert.equal(open, slow.length, 'the server holds all 1,000 slow connections for now');

			// The typist logs in (with the first password change) and saves a form.
			const t0 = now();
			await laptop.login();
			const el = await laptop.ok('GET', '/api/election');
			await laptop.ok('POST', '/api/stations/1/entries/1/claim', {});
			const saved = await laptop.ok('PUT', '/api/stations/1/entries/1',
				{ ...makeForm(el, { variant: 1 }), progress: 'klaar' });
			const total = now() - t0;
			assert.ok(saved.revision > 0);
			const slowest = laptop.times.reduce((a, b) => (b.ms > a.ms ? b : a));
			t.diagnostic(`typist from ${TYPIST_ADDRESS} with ${open} slow connections open: ` +
				`login to save ${total.toFixed(0)} ms in ${laptop.times.length} requests, slowest ` +
				`${slowest.what} ${slowest.ms.toFixed(0)} ms, save ${laptop.times.at(-1).ms.toFixed(0)} ms`);
			assert.ok(laptop.times.at(-1).ms < 2000, `the save took ${laptop.times.at(-1).ms} ms`);
			assert.ok(slowest.ms < 2000, `${slowest.what} took ${slowest.ms} ms`);
			assert.ok(total < 5000, `login to save took ${total} ms`);
			assert.ok(slow.every((c) => c.open()), 'no slow connection closed before its deadline');
			assert.match(idle.data, /^HTTP\/1\.1 401 /, 'the idle connection got its answer');

			// The deadline: every slow connection, still trickling, is closed by the server.
			const limit = (HEAD_SECONDS + 3) * 1000;
			await Promise.race([
				Promise.all([...slow, silent, idle].map((c) => c.closed)),
				sleep(limit + 1000),
			]);
			const late = slow.filter((c) => c.open() || c.closedAt - c.openedAt > limit);
			assert.equal(late.length, 0, `${late.length} slow connections not closed within ` +
				`${HEAD_SECONDS + 3} s (half-sent heads are kept too long)`);
			const lived = slow.map((c) => (c.closedAt - c.openedAt) / 1000);
			t.diagnostic(`slow connections closed by the server after ${Math.min(...lived).toFixed(1)} ` +
				`to ${Math.max(...lived).toFixed(1)} s`);
			const early = slow.filter((c) => c.closedAt - c.openedAt < (HEAD_SECONDS - 1) * 1000);
			assert.equal(early.length, 0, `${early.length} slow connections closed well before the deadline`);
			for (const c of [silent, idle]) {
				assert.ok(!c.open(), `the ${c === silent ? 'silent' : 'idle keep-alive'} connection is closed`);
				assert.ok(c.closedAt - c.openedAt <= limit, 'within the deadline');
			}
		} finally {
			stop();
			laptop.close();
			for (const c of [...slow, silent, idle]) c.end();
		}
	});

	test('a request body sent a byte at a time is cut off when the request deadline passes', async () => {
		const head = 'POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
			'Content-Length: 1000\r\n\r\n{';
		const c = connection('127.0.0.104', head);
		await c.ready;
		const stop = trickle([c]);
		try {
			await Promise.race([c.closed, sleep((REQUEST_SECONDS + 4) * 1000)]);
			assert.ok(!c.open(), `a slow body still open after ${REQUEST_SECONDS + 4} s`);
			const s = (c.closedAt - c.openedAt) / 1000;
			assert.ok(s > HEAD_SECONDS + 1, `closed after ${s.toFixed(1)} s: the head was complete`);
			assert.ok(s <= REQUEST_SECONDS + 3, `closed after ${s.toFixed(1)} s`);
		} finally {
			stop();
			c.end();
		}
	});
});
