// Screenshots (and an axe report) of every screen against dev/mock-api.mjs: node dev/screens.mjs [base] [outDir]
import { mkdirSync } from 'node:fs';
import { launch, axeViolations } from '../e2e/browser.mjs';

const base = process.argv[2] ?? 'http://localhost:5180';
const out = process.argv[3] ?? '../target/browser-tests/screens';
mkdirSync(out, { recursive: true });
const A = '00000000-0000-0000-0000-00000000a001';
const screens = [
  ['my-account', `/accounts/${A}/my-account`],
  ['invoice', `/accounts/${A}/invoices/00000000-0000-0000-0000-000000000011`],
  ['pay', `/accounts/${A}/pay`],
  ['new-card', `/accounts/${A}/payment-methods/new`],
  ['receipt', `/accounts/${A}/payments/p1`],
  ['contacts', `/accounts/${A}/contacts/edit`],
  ['subscriptions', `/accounts/${A}/subscriptions`],
  ['subscription', `/accounts/${A}/subscriptions/00000000-0000-0000-0000-00000000s001`],
  ['customer-accounts', `/customer-accounts`],
  ['not-found', `/accounts/00000000-0000-0000-0000-0000000000ff/my-account`],
];
const context = await launch();
const page = context.pages()[0] ?? (await context.newPage());
for (const [name, path] of screens) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 800 : 900 });
    await page.goto(base + path);
    await page.waitForSelector('h1');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  }
  console.log(name, (await axeViolations(page)).join('\n  ') || 'axe: no violations');
}
await context.close();
