// A killed server (kill -9) loses no answer that the learner was told was saved: the server
// runs here as its own process on its own database, is killed mid-quiz and started again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = 3170;
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'malaka-crash-'));
let server;

function start() {
  server = spawn(process.env.MALAKA_SERVER_BIN || 'target/release/malaka-server', [], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, DATABASE_URL: `sqlite://${dir}/malaka.db?mode=rwc`, MALAKA_DEMO: '1', LEPTOS_SITE_ADDR: `127.0.0.1:${port}`, LEPTOS_SITE_ROOT: 'target/site', RUST_LOG: 'warn' },
    stdio: 'ignore',
  });
}

async function healthy() {
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return; } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not start');
}

/** A same-origin form post, as a browser without JavaScript sends it. */
function post(path, form, cookie) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: base, cookie: cookie ?? '' },
    body: new URLSearchParams(form).toString(),
  });
}

after(() => { server?.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

test('answers saved before a kill -9 are there after the restart', async () => {
  start();
  await healthy();
  const signIn = await post('/api/sign-in', { email: 'officer@demo.malaka.uz', password: 'malaka-demo' });
  const cookie = signIn.headers.get('set-cookie').split(';')[0] + '; malaka_lang=en';
  const started = await post('/api/start-quiz', { course: 'data-literacy' }, cookie);
  const attemptPath = started.headers.get('location');
  assert.match(attemptPath, /^\/courses\/data-literacy\/quiz\/\d+$/);
  const attempt = attemptPath.split('/').pop();

  // Answer every single-choice question on the page with its first option.
  const page = await (await fetch(`${base}${attemptPath}`, { headers: { cookie } })).text();
  const radios = [...page.matchAll(/name="answer\[([^\]]+)\]\[choice\]" value="(\d+)"/g)];
  const chosen = new Map();
  for (const [, key, value] of radios) if (!chosen.has(key)) chosen.set(key, value);
  assert.ok(chosen.size > 0, 'the attempt has choice questions');
  const form = { course: 'data-literacy', attempt, intent: 'save' };
  for (const [key, value] of chosen) form[`answer[${key}][choice]`] = value;
  const saved = await post('/api/save-quiz', form, cookie);
  assert.equal(saved.status, 302);
  assert.match(saved.headers.get('location'), /\?saved=1$/, 'the learner is told the answers are saved');

  server.kill('SIGKILL');
  await new Promise((resolve) => server.once('exit', resolve));
  start();
  await healthy();

  const after = await (await fetch(`${base}${attemptPath}`, { headers: { cookie } })).text();
  for (const [key, value] of chosen) {
    const input = after.match(new RegExp(`<input[^>]*name="answer\\[${key}\\]\\[choice\\]" value="${value}"[^>]*>`));
    assert.ok(input && input[0].includes('checked'), `answer to ${key} survived`);
  }
});
