// browser_tools.mjs: what the browser tests share (tests/selfservice/browser_test.mjs, the online financial
// assessment; tests/workbench/browser_test.mjs, the analysts' workbench): the test tools installed here by
// `bash .ci/setup` (puppeteer-core and axe-core, pinned in package-lock.json), starting `carecap serve` on a
// port the system chooses, axe-core's audit of a page, and running a test's steps in Chromium then reporting.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import readline from 'node:readline';

const require = createRequire(import.meta.url); // node_modules beside this file

// { puppeteer, axeSource }, or null when the tools are not installed.
export function testTools() {
  try {
    return { puppeteer: require('puppeteer-core'), axeSource: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') };
  } catch (e) {
    return null;
  }
}

// `carecap serve --port 0 ARGS...`; resolves to { server, base } once the line "listening on http://..." is read.
export function startServer(carecap, args) {
  const server = spawn(carecap, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve({ server, base: m[1] });
    });
    server.on('exit', () => reject(new Error('the server stopped before listening')));
  });
}

// axe-core's violations on the page as it stands, against WCAG 2.0 to 2.2, levels A and AA. The audit is
// run through the DevTools protocol, which the page's Content-Security-Policy does not govern.
export async function axeViolations(page, axeSource) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return result.violations;
}

// Starts Chromium, runs STEPS(browser), and whatever happens closes Chromium and stops the server; a step that
// throws is a failure reported through CHECK, not a crash of the test.
export async function inBrowser(puppeteer, chromium, server, check, steps) {
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
  try {
    await steps(browser);
  } catch (e) {
    check(false, `the test stopped: ${e.stack}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

// The test's last lines: what axe-core audited (AUDITED, e.g. "12 pages"), the screenshots kept in OUT_DIR,
// and "ok" or the number of failures; the process exits 1 if there were any.
export function report(audited, outDir, failures) {
  const pictures = fs.readdirSync(outDir).filter((f) => f.endsWith('.png')).length;
  console.log(`${audited} checked by axe-core; ${pictures} screenshots in ${outDir}`);
  console.log(failures.length ? `${failures.length} failures` : 'ok');
  process.exit(failures.length ? 1 : 0);
}
