// browser_test.mjs: the analysts' workbench (docs/workbench.md) in headless Chromium, driven by puppeteer-core
// under the page's own Content-Security-Policy (not bypassed: a script or style it blocked would be a
// failure). An analyst chooses the reform rules, pastes examples/england/reaching-the-cap.json and works it
// out from the keyboard alone; the explanation and the statement must show the figures worked by hand in
// docs/care-account-view.md ("One history worked by hand"); a broken amending file must show its located
// error beside the box, and a good one (the cap at £100,000) the comparison, worked by hand below. axe-core
// audits each state; screenshots at 1200 px and 390 px are kept in OUT_DIR as artefacts (looked at, never
// compared).
//
//   node browser_test.mjs CARECAP SOURCE_DIR CHROMIUM OUT_DIR
//
// Exits 77 (skipped) when the test tools are not installed (.ci/setup installs them) or there is no Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations, inBrowser, report, startServer, testTools } from '../selfservice/browser_tools.mjs';

const [carecap, root, chromium, outDir] = process.argv.slice(2);
const tools = testTools();
if (!tools) {
  console.log('skipped: puppeteer-core and axe-core are not installed (bash .ci/setup)');
  process.exit(77);
}
if (!chromium || !fs.existsSync(chromium)) {
  console.log('skipped: no chromium');
  process.exit(77);
}
const { puppeteer, axeSource } = tools;
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const failures = [];
const check = (ok, what) => { if (!ok) { failures.push(what); console.log('FAIL:', what); } return ok; };
let audits = 0;

async function audit(page, what) {
  ++audits;
  for (const v of await axeViolations(page, axeSource))
    check(false, `${what}: axe ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Pasting: the whole text at once, as a paste is, with the input event a paste fires.
async function paste(page, id, text) {
  await page.$eval(`#${id}`, (e, t) => { e.value = t; e.dispatchEvent(new Event('input', { bubbles: true })); }, text);
}

// Tab from the focused element until `id` has the focus; false if it is not reached in `most` presses.
async function tabTo(page, id, most = 12) {
  for (let i = 0; i < most; ++i) {
    if (await page.evaluate(() => document.activeElement && document.activeElement.id) === id) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

const statusIs = (page, text) => page.waitForFunction((t) => document.getElementById('status').textContent === t,
  { timeout: 20000 }, text);

// The error shown beside a box: visible, named by the box's aria-describedby, and the box marked invalid.
async function errorBeside(page, id) {
  return page.evaluate((id) => {
    const box = document.getElementById(id), error = document.getElementById(`${id}-error`);
    const described = (box.getAttribute('aria-describedby') || '').split(' ').includes(`${id}-error`);
    return !error.hidden && described && box.getAttribute('aria-invalid') === 'true' ? error.textContent : null;
  }, id);
}

// A good amending file: the reform with the cap at £100,000 (`amends england.reform`, read in place of the
// reform rules the server loaded).
const higherCap = `rules workbench.higher_cap version "1"
  amends england.reform
  in force from 2023-10-01
  source "an illustration: the cap at 100,000 pounds"

parameter cap_level : money label "the cap on care costs"
  from 2023-10-01 = £100,000   cite "an illustration"
`;
// The same with a type misspelt on line 6: "parameter cap_level : " is 22 characters, so column 23.
const misspelt = higherCap.replace(': money label', ': monye label');

async function workbench(browser, base) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  page.on('dialog', (d) => { check(false, `a dialog opened: ${d.message()}`); d.dismiss(); });
  // Anything the Content-Security-Policy refused, and any error of the page's script, is a failure.
  // (A 400 the service answered is expected: the page shows it beside the field. Chromium logs it too.)
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('responded with a status of 400')) check(false, `the console says: ${m.text()}`);
  });
  page.on('pageerror', (e) => check(false, `the page's script failed: ${e.message}`));
  const response = await page.goto(base + '/workbench');
  check(response.status() === 200, `GET /workbench: ${response.status()}`);
  check(/script-src 'sha256-/.test(response.headers()['content-security-policy'] || ''), 'the page has its Content-Security-Policy');
  check(await page.$$eval('script[src], link[rel=stylesheet], img, iframe', (e) => e.length) === 0, 'the page loads nothing else');
  const unlabelled = await page.$$eval('input, select, textarea', (fields) =>
    fields.filter((f) => !f.labels || f.labels.length === 0).map((f) => f.id));
  check(unlabelled.length === 0, `every field has a label (${unlabelled})`);
  await audit(page, 'the empty page');

  // Working it out with nothing pasted: the error is beside the history box.
  await page.click('#work-out');
  check((await errorBeside(page, 'history')) !== null, 'with no history, an error beside its box');

  // From the keyboard alone: the rule set chosen with the arrow keys, then Tab to the button and Enter.
  await page.focus('#rules');
  const offered = await page.$$eval('#rules option', (o) => o.map((x) => x.value));
  for (let i = 0; i < offered.indexOf('reform'); ++i) await page.keyboard.press('ArrowDown');
  check(await page.$eval('#rules', (s) => s.value) === 'reform', 'the reform rules chosen from the keyboard');
  // Read from a file first (the box then holds the file), then pasted over, as an analyst may do either.
  const historyFile = path.join(root, 'examples/england/reaching-the-cap.json');
  const history = fs.readFileSync(historyFile, 'utf8');
  await (await page.$('#history-file')).uploadFile(historyFile);
  await statusIs(page, 'Read reaching-the-cap.json.');
  check(await page.$eval('#history', (e) => e.value) === history, 'the file read fills the history box');
  await paste(page, 'history', history);
  await page.focus('#history');
  check(await tabTo(page, 'work-out'), 'Tab reaches "Work it out" from the history box');
  await page.keyboard.press('Enter');
  await statusIs(page, 'Worked out under reform.');
  check((await errorBeside(page, 'history')) === null, 'the error has gone once a history is worked out');

  // docs/care-account-view.md: £2,000 - £200 = £1,800 a week counts; the cap of £86,000 is reached on day
  // ceil(86,000 x 7 / 1,800) = ceil(334.44) = 335 of care from 2 October 2023, that is 31 August 2024.
  const explanation = await page.$eval('#explanation', (e) => e.textContent);
  check(explanation.includes('reached on 2024-08-31'), 'the explanation says the cap is reached on 2024-08-31');
  check(explanation.includes('£1,800'), 'the explanation counts £1,800 a week');
  // The latest statement is that of 2 April 2024 (the one due on 2 October 2024 is not issued, the cap having
  // been reached): 184 days, 184 x 1,800 / 7 = 331,200 / 7 = £47,314.29 accrued, 55.02% of the cap, the cap
  // expected on 31 August 2024.
  const statement = await page.$eval('#statement', (host) => (host.shadowRoot ? host.shadowRoot.textContent : ''));
  check(statement.includes('£47,314.29'), 'the statement shows £47,314.29 accrued');
  check(statement.includes('55.02%'), 'the statement shows 55.02% of the cap');
  check(statement.includes('2 April 2024'), 'the statement is that of 2 April 2024');
  check(await page.$eval('#statement', (h) => !!(h.shadowRoot && h.shadowRoot.querySelector('svg'))), 'the statement has its chart');
  await audit(page, 'the history worked out');
  for (const width of [1200, 390]) {
    await page.setViewport({ width, height: 900 });
    await page.screenshot({ path: path.join(outDir, `workbench-${width}.png`), fullPage: true });
  }
  await page.setViewport({ width: 1200, height: 900 });

  // A broken amending file: checked as it is typed, its error located (file:line:col, the line, a caret)
  // beside the box, as `carecap check` gives it.
  await paste(page, 'amendment', misspelt);
  await page.waitForFunction(() => !document.getElementById('amendment-error').hidden, { timeout: 20000 });
  const error = await errorBeside(page, 'amendment');
  check(error !== null && error.includes('amendment.rules:6:23: error:'), `the error is located at 6:23 (${error})`);
  // The line as written, then the caret under the `m` of `monye`.
  const lines = error === null ? [] : error.split('\n');
  const written = lines.findIndex((l) => l.includes('parameter cap_level : monye label'));
  check(written > 0 && lines[written + 1].indexOf('^') === lines[written].indexOf('monye'),
    `the error shows the line and a caret under \`monye\` (${JSON.stringify(lines.slice(written, written + 2))})`);
  await audit(page, 'a broken amending file');

  // A good one: it loads, and the comparison (A: reform, B: reform with the cap at £100,000) is made.
  await paste(page, 'amendment', higherCap);
  await page.waitForFunction(() => document.getElementById('amendment-ok').textContent.startsWith('Loads:'), { timeout: 20000 });
  check((await errorBeside(page, 'amendment')) === null, 'the good amending file shows no error');
  await page.focus('#amendment');
  check(await tabTo(page, 'compare'), 'Tab reaches "Compare" from the amending file');
  await page.keyboard.press('Enter');
  await statusIs(page, 'Compared.');
  // Under B the cap is reached on day ceil(100,000 x 7 / 1,800) = ceil(388.89) = 389: 2 October 2023 + 388
  // days = 24 October 2024 (2 October 2024 is 366 days on, 2024 being a leap year; then 22 more).
  const rows = await page.$$eval('#comparison tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  check(rows.some((r) => r[3].includes('2024-08-31') && r[4].includes('2024-10-24')),
    `the comparison shows the cap reached on 2024-08-31 under A and 2024-10-24 under B (${JSON.stringify(rows.slice(0, 4))})`);
  check(rows.some((r) => r[5].includes('cap_level')), 'the comparison names cap_level as a cause');
  // The council pays after the cap: under A from 1 September to 29 December 2024, 120 days, 120 x 1,800 / 7
  // = £30,857.14 (docs/care-account-view.md); under B from 25 October, 7 + 30 + 29 = 66 days, 66 x 1,800 / 7
  // = 118,800 / 7 = 16,971.428... = £16,971.43.
  check(rows.some((r) => r[0].startsWith('meter_total (authority_spend)') && r[3] === '£30,857.14' && r[4] === '£16,971.43'),
    'the council spends £30,857.14 under A and £16,971.43 under B');
  await audit(page, 'the comparison');
  for (const width of [1200, 390]) {
    await page.setViewport({ width, height: 900 });
    await page.screenshot({ path: path.join(outDir, `comparison-${width}.png`), fullPage: true });
  }
  await page.close();
}

const { server, base } = await startServer(carecap, ['--workbench',
  '--rules', 'current=' + path.join(root, 'rules/england/current.rules'),
  '--rules', 'reform=' + path.join(root, 'rules/england/reform.rules')]);
await inBrowser(puppeteer, chromium, server, check, (browser) => workbench(browser, base));
report(`${audits} states`, outDir, failures);
