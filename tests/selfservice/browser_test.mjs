// browser_test.mjs: the online financial assessment (docs/self-service.md) in headless Chromium, driven by
// puppeteer-core: the five people of people.json fill the form with JavaScript on and with it off, and the
// contribution shown must be the one worked by hand; axe-core checks every page, error states included;
// hostile answers get an error beside their question; screenshots of the pages at 1200 px and 390 px are
// kept in OUT_DIR as artefacts (looked at, never compared). The care account view is opened too, at 1200 px
// and 360 px.
//
//   node browser_test.mjs CARECAP SOURCE_DIR CHROMIUM OUT_DIR
//
// Exits 77 (skipped) when the test tools are not installed (.ci/setup installs them) or there is no Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations, inBrowser, report, startServer, testTools } from './browser_tools.mjs';

const [carecap, root, chromium, outDir] = process.argv.slice(2);
const tools = testTools();
if (!tools) {
  console.log('skipped: puppeteer-core and axe-core are not installed (bash .ci/setup)');
  process.exit(77);
}
const { puppeteer, axeSource } = tools;
if (!chromium || !fs.existsSync(chromium)) {
  console.log('skipped: no chromium');
  process.exit(77);
}
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const people = JSON.parse(fs.readFileSync(new URL('./people.json', import.meta.url), 'utf8')).people;
const failures = [];
const check = (ok, what) => { if (!ok) { failures.push(what); console.log('FAIL:', what); } return ok; };
let audits = 0;

// `carecap serve --port 0 --self-service Birmingham`, and the reform rules too, for the care account view
// (docs/care-account-view.md); the assessment uses the first.
const serverArgs = ['--rules', path.join(root, 'rules/england/current.rules'),
  '--rules', 'reform=' + path.join(root, 'rules/england/reform.rules'),
  '--registry', path.join(root, 'rules/authorities.json'), '--self-service', 'Birmingham'];

async function newPage(browser, javascript) {
  const page = await browser.newPage();
  await page.setBypassCSP(true); // the pages allow no script at all: axe is put in by the test
  await page.setJavaScriptEnabled(javascript);
  await page.setViewport({ width: 1200, height: 900 });
  page.on('dialog', (d) => { check(false, `a dialog opened: ${d.message()}`); d.dismiss(); });
  return page;
}

// axe-core on the page as it stands (WCAG 2.0 to 2.2, A and AA), then screenshots when `shots` names them.
// Script is switched on for axe alone (it runs in the page) and off again if the journey had it off.
async function look(page, what, javascript, shots) {
  await page.setJavaScriptEnabled(true);
  const violations = await axeViolations(page, axeSource);
  ++audits;
  for (const v of violations)
    check(false, `${what}: axe ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (shots) {
    for (const width of [1200, 390]) {
      await page.setViewport({ width, height: 900 });
      await page.screenshot({ path: path.join(outDir, `${shots}-${width}.png`), fullPage: true });
    }
    await page.setViewport({ width: 1200, height: 900 });
  }
  await page.setJavaScriptEnabled(javascript);
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

// Every text box the person sees, emptied (select-all and delete), or filled with `text`.
async function typeEverywhere(page, text) {
  for (const input of await page.$$('input[type=text]')) {
    await input.click({ clickCount: 3 });
    await page.keyboard.press('Backspace');
    if (text) await input.type(text);
  }
}

async function press(page, go, javascript) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(`button[name="go"][value="${go}"]`)]);
  await page.setJavaScriptEnabled(javascript);
  return response;
}

// The error beside a question: inside the same group as the question's input, and linked from the summary.
async function errorBeside(page, question, input) {
  return page.evaluate((q, id) => {
    const error = document.getElementById(`${q}-error`);
    const field = document.getElementById(id);
    const summary = [...document.querySelectorAll('.summary a')].some((a) => a.getAttribute('href') === `#${id}`);
    return error && field && error.closest('.group').contains(field) && summary ? error.textContent : null;
  }, question, input);
}

// One person's journey. With `audit`, every page is checked by axe, and before each step is answered the
// step's error state too: every text box given "x" (and no choice made) must show errors, checked by axe.
async function journey(browser, base, person, javascript, audit, shots) {
  const page = await newPage(browser, javascript);
  const label = `${person.who}, JavaScript ${javascript ? 'on' : 'off'}`;
  const shot = (name) => (shots ? `${shots}-${name}` : null);
  await page.goto(base + '/self-service');
  if (audit) await look(page, `${label}: start`, javascript, shot('0-start'));
  await press(page, 'next', javascript);
  for (const [i, answers] of person.steps.entries()) {
    check(!(await page.$('.error')), `${label}: step ${i + 1} shows no error before it is answered`);
    if (audit) {
      await look(page, `${label}: step ${i + 1}`, javascript, shot(`${i + 1}-step`));
      await typeEverywhere(page, 'x');
      await press(page, 'next', javascript);
      check((await page.$$('.error')).length > 0, `${label}: step ${i + 1} answered "x" shows errors`);
      check((await page.title()).startsWith('Error: '), `${label}: step ${i + 1}'s errors are in the title`);
      await look(page, `${label}: step ${i + 1} errors`, javascript, shot(`${i + 1}-step-errors`));
      await typeEverywhere(page, '');
    }
    await fill(page, answers);
    await press(page, 'next', javascript);
  }
  check((await page.title()).startsWith('Check your answers'), `${label}: the check page`);
  if (audit) await look(page, `${label}: check`, javascript, shot('7-check'));
  await press(page, 'result', javascript);
  const shown = await page.$eval('#contribution', (e) => e.textContent).catch(() => '(none)');
  check(shown === `${person.contribution} a week`, `${label}: shown ${shown}, worked by hand ${person.contribution}`);
  if (audit) await look(page, `${label}: result`, javascript, shot('8-result'));
  await page.close();
}

// Hostile answers (docs/self-service.md "Bad and hostile answers"): an error beside the question, the page
// checked by axe, no markup run or echoed unescaped, and the server still answering.
async function hostile(browser, base, javascript) {
  const page = await newPage(browser, javascript);
  const label = `hostile, JavaScript ${javascript ? 'on' : 'off'}`;
  const cases = [
    ['cost', 'cost', { cost: '-5' }, '£0 or more'],
    ['cost', 'cost', { cost: '1' + '0'.repeat(40) }, 'at most 40 characters'],
    ['cost', 'cost', { cost: '1' + '0'.repeat(24) }, '£10,000,000 or less'],
    ['care_start', 'care_start_day', { care_start_year: '1700' }, 'from 1 April 2015'],
    ['cost', 'cost', { cost: '<script>alert(1)</script>' }, 'pounds and pence'],
  ];
  for (const [question, input, wrong, message] of cases) {
    await page.goto(base + '/self-service');
    await press(page, 'next', javascript);
    await fill(page, { ...people[0].steps[0], ...wrong });
    await press(page, 'next', javascript);
    const error = await errorBeside(page, question, input);
    check(error && error.includes(message), `${label}: ${JSON.stringify(wrong).slice(0, 60)}: ${message} beside ` +
      `${question}, found ${error}`);
    check(!(await page.$('main script, main b')), `${label}: no markup from an answer became part of the page`);
    if (javascript && message === 'pounds and pence') await look(page, `${label}: markup`, javascript, 'hostile-markup');
  }
  await page.close();
}

// Answers too large to be read (a field of 10 MB: the body is over --max-body), a page that does not
// exist, and pasted text that is not downloaded answers: each a page of its own, checked by axe.
async function refusals(browser, base) {
  const page = await newPage(browser, true);
  await page.goto(base + '/self-service');
  await page.$eval('#answers_json', (e) => { e.value = 'not answers <img src=x>'; });
  await press(page, 'reopen', true);
  const error = await errorBeside(page, 'answers_json', 'answers_json');
  check(error !== null, `pasted junk: an error beside the paste box, found ${error}`);
  check(!(await page.$('main img')), 'pasted markup is not echoed');
  await look(page, 'pasted junk', true, 'start-errors');
  await page.goto(base + '/self-service');
  await press(page, 'next', true);
  await page.$eval('#cost', (e) => { e.value = '9'.repeat(10 << 20); });
  const response = await press(page, 'next', true).catch((e) => ({ status: () => e.message }));
  check(response.status() === 413, `a field of 10 MB: 413, found ${response.status()}`);
  const text = await page.$eval('main', (e) => e.textContent).catch(() => '');
  check(text.includes('too long to send'), `a field of 10 MB: a page saying the answers were too long: ${text}`);
  await look(page, 'a field of 10 MB', true, 'too-long');
  await page.goto(base + '/self-service/nothing');
  await look(page, 'no such page', true, null);
  await page.goto(base + '/healthz');
  check((await page.content()).includes('"ok"'), 'the server still answers after all that');
  await page.close();
}

// The care account view (docs/care-account-view.md): the form, a history file chosen, the account page, and
// the form's error state, each checked by axe at 1200 px and again at 360 px, where nothing may scroll
// sideways, and the account printed on A4 (its PDF kept); with JavaScript on and off. The page's three entries are those worked by hand there.
async function account(browser, base, javascript) {
  const label = `care account, JavaScript ${javascript ? 'on' : 'off'}`;
  const page = await newPage(browser, javascript);
  const narrow = async (what, shot) => {
    await look(page, `${label}: ${what}`, javascript, null);
    for (const width of [1200, 360]) {
      await page.setViewport({ width, height: 900 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= width, `${label}: ${what} at ${width} px scrolls sideways (${wide} px wide)`);
      if (width === 360) await look(page, `${label}: ${what} at 360 px`, javascript, null);
      if (shot) await page.screenshot({ path: path.join(outDir, `${shot}-${width}.png`), fullPage: true });
    }
    await page.setViewport({ width: 1200, height: 900 });
  };
  await page.goto(base + '/self-service/account');
  await narrow('the form', javascript ? 'account-form' : null);
  const file = await page.$('#history_file');
  await file.uploadFile(path.join(root, 'examples/england/reaching-the-cap.json'));
  await press(page, 'show', javascript);
  const rows = await page.$$eval('#account-entries tbody tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td.amount')].map((td) => td.textContent)));
  const want = [['£86,000.00', '£86,000.00', '£0.00', '£0.00'], ['£0.00', '£86,000.00', '£0.00', '£0.00'],
    ['£0.00', '£86,000.00', '£30,857.14', '£30,857.14']];
  check(JSON.stringify(rows) === JSON.stringify(want), `${label}: entries ${JSON.stringify(rows)}`);
  await narrow('the account', javascript ? 'account' : null);
  // Printed: A4 less the print style's 16 mm margins is 178 mm, 673 px at 96 px an inch; nothing cut off.
  await page.emulateMediaType('print');
  await page.setViewport({ width: 673, height: 900 });
  const printed = await page.evaluate(() => document.documentElement.scrollWidth);
  check(printed <= 673, `${label}: printed on A4 the account is ${printed} px wide, more than 673`);
  if (javascript) await page.pdf({ path: path.join(outDir, 'account.pdf'), format: 'A4' });
  await page.emulateMediaType(null);
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(base + '/self-service/account');
  await page.$eval('#history', (e) => { e.value = '{"carecap_history": 1, <img src=x>'; });
  await press(page, 'show', javascript);
  check((await page.title()).startsWith('Error: '), `${label}: a bad history's error is in the title`);
  check(!(await page.$('main img')), `${label}: the bad history is not echoed as markup`);
  const error = await errorBeside(page, 'history', 'history');
  check(error !== null, `${label}: the error is beside the box and in the summary`);
  await narrow('a bad history', javascript ? 'account-error' : null);
  await page.close();
}

const { server, base } = await startServer(carecap, serverArgs);
await inBrowser(puppeteer, chromium, server, check, async (browser) => {
  await account(browser, base, true);
  await account(browser, base, false);
  // CARECAP_BROWSER_ONLY=account: the care account view alone, while working on it.
  for (const [n, person] of (process.env.CARECAP_BROWSER_ONLY === 'account' ? [] : people).entries()) {
    // axe on every page of every person with script on; screenshots of two (at home; a home and a partner).
    await journey(browser, base, person, true, true, n === 1 ? 'home' : n === 4 ? 'care-home' : null);
    await journey(browser, base, person, false, false, null);
  }
  if (process.env.CARECAP_BROWSER_ONLY !== 'account') {
    await hostile(browser, base, true);
    await hostile(browser, base, false);
    await refusals(browser, base);
  }
});
report(`${audits} pages`, outDir, failures);
