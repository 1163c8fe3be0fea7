// Debian's Chromium driven by playwright-core (no browser downloads here), with the launch flags
// a root container needs and no background traffic, a fresh profile per launch, and an axe check helper.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'peakhub-chromium-'));
  // PEAKHUB_NETLOG=<folder>: Chromium's own network log per browser (sockets, streams, each request's
  // phases), to tell a request the browser never sent from one the server never answered
  const netlog = process.env.PEAKHUB_NETLOG
    ? [`--log-net-log=${mkdtempSync(join(process.env.PEAKHUB_NETLOG, 'netlog-'))}/netlog.json`]
    : [];
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...netlog,
    ],
  });
}

/** axe's WCAG 2.1 A/AA rules on the page as it is; the violations, shortened for a message. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}
