// browser_test.mjs: the online financial assessment (docs/self-service.md) in headless Chromium, driven by
// puppeteer-core: the five people of people.json fill the form with JavaScript on and with it off, and the
// contribution shown must be the one worked by hand; axe-core checks every page, error states included;
// screenshots of each page at 1200 px and 390 px are kept in OUT_DIR as artefacts (never compared).
//
//   node browser_test.mjs CARECAP SOURCE_DIR CHROMIUM OUT_DIR
//
// Exits 77 (skipped) when the test tools are not installed (.ci/setup installs them).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const [carecap, root, chromium, outDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
let puppeteer, axeSource;
try {
  puppeteer = require('puppeteer-core');
  axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.log('skipped: puppeteer-core and axe-core are not installed (bash .ci/setup)');
  process.exit(77);
}
if (!chromium || !fs.existsSync(chromium)) {
  console.log('skipped: no chromium');
  process.exit(77);
}
fs.mkdirSync(outDir, { recursive: true });
const people = JSON.parse(fs.readFileSync(new URL('./people.json', import.meta.url), 'utf8')).people;
const failures = [];
const check = (ok, what) => { if (!ok) { failures.push(what); console.log('FAIL:', what); } };

// `carecap serve --port 0 --self-service Birmingham`; the port is read from the line it prints.
function startServer() {
  const server = spawn(carecap, ['serve', '--port', '0', '--rules', path.join(root, 'rules/england/current.rules'),
    '--registry', path.join(root, 'rules/authorities.json'), '--self-service', 'Birmingham'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve({ server, base: m[1] });
    });
    server.on('exit', () => reject(new Error('the server stopped before listening')));
  });
}

// axe-core on the page as it stands: WCAG 2.0 to 2.2, A and AA.
async function axeCheck(page, what) {
  await page.setJavaScriptEnabled(true); // axe runs in the page; the form itself never needs script
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  for (const v of result.violations)
    check(false, `${what}: axe ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let shot = 0;
async function screenshots(page, name) {
  for (const width of [1200, 390]) {
    await page.setViewport({ width, height: 900 });
    await page.screenshot({ path: path.join(outDir, `${String(++shot).padStart(2, '0')}-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewport({ width: 1200, height: 900 });
}

// Types each answer as a person would: clicks the radio or tick box, picks the option, types the text.
async function fill(page, answers) {
  for (const [name, value] of Object.entries(answers)) {
    const kind = await page.$eval(`[name="${name}"]`, (e) => (e.tagName === 'SELECT' ? 'select' : e.type));
    if (kind === 'radio') await page.click(`input[name="${name}"][value="${value}"]`);
    else if (kind === 'checkbox') await page.click(`input[name="${name}"]`);
    else if (kind === 'select') await page.select(`select[name="${name}"]`, value);
    else {
      await page.$eval(`[name="${name}"]`, (e) => { e.value = ''; });
      await page.type(`[name="${name}"]`, value);
    }
  }
}

async function press(page, go, javascript) {
  await Promise.all([page.waitForNavigation(), page.click(`button[name="go"][value="${go}"]`)]);
  await page.setJavaScriptEnabled(javascript);
}

async function journey(browser, base, person, javascript, audit) {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(javascript);
  const label = `${person.who}, JavaScript ${javascript ? 'on' : 'off'}`;
  await page.goto(base + '/self-service');
  if (audit) { await axeCheck(page, 'start'); await screenshots(page, 'start'); await page.setJavaScriptEnabled(javascript); }
  await press(page, 'next', javascript);
  for (const [i, answers] of person.steps.entries()) {
    if (audit && Object.keys(answers).length) { // the error state first: Continue with nothing answered
      await press(page, 'next', javascript);
      const errors = await page.$$('.error');
      if (i !== 4 && i !== 5) check(errors.length > 0, `${label}: step ${i + 1} unanswered shows errors`);
      await axeCheck(page, `step ${i + 1} errors`);
      await screenshots(page, `step${i + 1}-errors`);
      await page.setJavaScriptEnabled(javascript);
      if (i === 4 || i === 5) { await page.goBack(); await page.reload(); }
    }
    if (audit) { await axeCheck(page, `step ${i + 1}`); await page.setJavaScriptEnabled(javascript); }
    await fill(page, answers);
    await press(page, 'next', javascript);
  }
  check((await page.title()).startsWith('Check your answers'), `${label}: the check page`);
  if (audit) { await axeCheck(page, 'check'); await screenshots(page, 'check'); await page.setJavaScriptEnabled(javascript); }
  await press(page, 'result', javascript);
  const shown = await page.$eval('#contribution', (e) => e.textContent).catch(() => '(none)');
  check(shown === `${person.contribution} a week`, `${label}: shown ${shown}, worked by hand ${person.contribution}`);
  if (audit) { await axeCheck(page, 'result'); await screenshots(page, 'result'); }
  await page.close();
}

const { server, base } = await startServer();
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
try {
  for (const [n, person] of people.entries()) {
    await journey(browser, base, person, true, n === 1); // the audit on the person at home, error states too
    await journey(browser, base, person, false, false);
  }
} catch (e) {
  check(false, `the journey stopped: ${e.stack}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(failures.length ? `${failures.length} failures` : 'ok');
process.exit(failures.length ? 1 : 0);
