// The running stack (./hub test starts it) as the browser tests see it: the gateway for the
// browser, Keycloak's login page, and the admin APIs (with the seeder's admin token, as
// infra/e2e's Java tests do) to arrange profiles and read what billing holds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { launch, axeViolations } from './browser.mjs';

const env = (name, fallback) => process.env[name] ?? fallback;
export const GATEWAY = `http://localhost:${env('HUB_GATEWAY_PORT', '8080')}`;
export const KEYCLOAK = `http://localhost:${env('HUB_KEYCLOAK_PORT', '8180')}`;
export const IDENTITY = `http://localhost:${env('HUB_IDENTITY_PORT', '8081')}`;
export const BILLING = `http://localhost:${env('HUB_BILLING_PORT', '8082')}`;
export const CASES = `http://localhost:${env('HUB_CASE_PORT', '8084')}`;
export const PASSWORD = 'demo1234';
export const ACME = 'a0000000-0000-4000-8000-000000000101';
export const GLOBEX = 'a0000000-0000-4000-8000-000000000102';
export const INITECH = 'a0000000-0000-4000-8000-000000000103';
export const USERS = {
  carol: 'c0000000-0000-4000-8000-000000000003',
  erin: 'e0000000-0000-4000-8000-000000000001',
};
/** Where screenshots of failed scenarios go (gateway-service/target/browser-tests). */
export const OUT = new URL('../../target/browser-tests/', import.meta.url).pathname;

export async function adminToken() {
  const r = await fetch(`${KEYCLOAK}/realms/peak/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=hub-seeder&client_secret=hub-seeder-secret',
  });
  if (!r.ok) throw new Error(`admin token: ${r.status}`);
  return (await r.json()).access_token;
}

/** A call to a service's own API with the admin token; answers {status, body}. */
export async function admin(base, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${await adminToken()}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: r.status, body: json };
}

/**
 * Whether Keycloak's own sign-in page lets `user` in with `password` (a fresh browser, closed
 * afterwards): true when it lands back in the hub, false when Keycloak's page stays with its error.
 */
export async function signInAttempt(user, password) {
  const context = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(GATEWAY + '/login/start?return=/');
    await page.waitForSelector('#username', { timeout: 30_000 });
    await page.fill('#username', user);
    await page.fill('#password', password);
    await page.click('#kc-login');
    const error = page.locator('#input-error, .kc-feedback-text, .pf-m-danger, .alert-error');
    for (const end = Date.now() + 30_000; Date.now() < end; await page.waitForTimeout(200)) {
      const url = new URL(page.url());
      if (url.origin === GATEWAY && !url.pathname.startsWith('/login')) return true;
      if ((await error.count()) > 0) return false;
    }
    throw new Error(`signing in as ${user}: neither the hub nor Keycloak's error appeared in 30 s`);
  } finally {
    await context.close();
  }
}

/** A fresh browser (own profile, no cookies) signed in as `user` through Keycloak's own page. */
export async function signIn(user, path = '/') {
  const context = await launch();
  watchRequests(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  await page.goto(GATEWAY + path);
  await page.waitForSelector('#username', { timeout: 30_000 });
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#kc-login');
  await page.waitForURL((url) => url.origin === GATEWAY && !url.pathname.startsWith('/login'), { timeout: 30_000 });
  return { context, page };
}

/** Runs a scenario; on failure keeps a full-page screenshot under target/browser-tests/failures. */
export async function scenario(name, page, body) {
  try {
    await body();
  } catch (error) {
    mkdirSync(`${OUT}failures`, { recursive: true });
    const file = `${OUT}failures/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    await page?.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`[browser-tests] screenshot of the failure: ${file}`);
    if (page) reportPendingRequests(page.context());
    dumpThreads(file.replace(/\.png$/, ''));
    throw error;
  }
}

/** The browser's requests not yet answered, per context (kept for a failure's report). */
const pending = new WeakMap();

function watchRequests(context) {
  const open = new Map();
  pending.set(context, open);
  context.on('request', (request) => open.set(request, Date.now()));
  context.on('requestfinished', (request) => open.delete(request));
  context.on('requestfailed', (request) => open.delete(request));
}

/** A failed scenario names the requests its browser was still waiting for, and for how long. */
function reportPendingRequests(context) {
  const open = pending.get(context);
  if (!open) return;
  const now = Date.now();
  const lines = [...open].map(([r, since]) => `  ${r.method()} ${r.url()} waiting ${now - since} ms`);
  console.error(`[browser-tests] requests without an answer at the failure: ${lines.length}\n${lines.join('\n')}`);
}

/**
 * A thread dump of each service of the stack beside the screenshot, so a request that hung can be
 * traced to the thread that holds it: jcmd's Thread.dump_to_file, which (unlike Thread.print) lists
 * the virtual threads the servlet services answer requests on.
 */
function dumpThreads(base) {
  const root = new URL('../../../', import.meta.url).pathname;
  const home = process.env.HUB_HOME ?? '.hub';
  const pids = join(isAbsolute(home) ? home : join(root, home), 'pids');
  if (!existsSync(pids)) return;
  const jcmd = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'jcmd') : 'jcmd';
  for (const name of readdirSync(pids).filter((f) => /-service\.pid$|^portal-bff\.pid$/.test(f))) {
    const service = name.replace(/\.pid$/, '');
    const file = `${base}.${service}.threads.txt`;
    try {
      const pid = readFileSync(join(pids, name), 'utf8').trim();
      execFileSync(jcmd, [pid, 'Thread.dump_to_file', '-overwrite', file], { timeout: 20_000, stdio: 'ignore' });
      console.error(`[browser-tests] threads of ${service}: ${file}`);
    } catch (e) {
      console.error(`[browser-tests] no thread dump of ${service}: ${e.message.split('\n')[0]}`);
    }
  }
}

/** Every screen the tests visit is checked with axe: no WCAG 2.1 A/AA violation. */
export async function assertAccessible(assert, page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe on ${screen}:\n${violations.join('\n')}`);
}
