// `npm ci` only when node_modules is older than package.json / package-lock.json (a stamp file
// records the last install), so `./hub up` and Maven rebuilds do not reinstall every time.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';

const stamp = 'node_modules/.peakhub-ci-stamp';
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const inputs = Math.max(mtime('package.json'), mtime('package-lock.json'));

if (existsSync(stamp) && mtime(stamp) >= inputs) {
  console.log('[web] node_modules is up to date (npm ci skipped)');
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}
