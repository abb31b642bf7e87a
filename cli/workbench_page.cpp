// workbench_page.cpp: the workbench's one page (docs/workbench.md): markup, inline style and one small
// inline script, nothing fetched but the service's own JSON and HTML answers. Every field has a label;
// errors appear beside the field they concern and are announced; everything works from the keyboard.
#include "cli/workbench.h"

#include "lang/rule_set.h"
#include "runtime/reports/svg.h" // html_escape
#include "stdlib/sha256.h"

#include <algorithm>
#include <cstdint>

namespace carecap::workbench {
namespace {

// The colours are those of the self-service pages (cli/selfservice_pages.cpp): each at least 4.5:1 on
// white (#0b0c0c 19.6:1, #505a5f 6.9:1, #d4351c 4.5:1, white on #00703c 5.8:1).
constexpr std::string_view style = R"(
body{font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.4;color:#0b0c0c;margin:0;background:#fff}
main{max-width:75em;margin:0 auto;padding:0 1em 2em}
h1{font-size:1.6em;margin:.5em 0}
h2{font-size:1.3em;margin:1.2em 0 .4em;border-top:2px solid #b1b4b6;padding-top:.4em}
label{font-weight:bold;display:block;margin:.6em 0 .2em}
.hint{color:#505a5f;margin:0 0 .3em;font-weight:normal}
select,textarea,input[type=file]{font-size:1em;border:2px solid #0b0c0c;padding:.2em;max-width:100%}
textarea{width:100%;box-sizing:border-box;font-family:Consolas,"Courier New",monospace;font-size:.9em}
textarea[aria-invalid=true]{border-color:#d4351c;border-width:3px}
button{font-size:1em;padding:.4em .8em;margin:.6em .5em .3em 0;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;cursor:pointer}
:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Consolas,"Courier New",monospace;font-size:.9em;margin:.3em 0}
.error{color:#d4351c;border-left:5px solid #d4351c;padding-left:.6em}
.ok{border-left:5px solid #00703c;padding-left:.6em}
.ok:empty{display:none}
/* A long explanation scrolls in its own box, which takes the focus so that the keyboard can scroll it. */
.scroll{max-height:32em;overflow:auto;border:1px solid #b1b4b6;padding:0 .5em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.3em .6em .3em 0;text-align:left;vertical-align:top}
td.money{text-align:right;font-variant-numeric:tabular-nums}
)";

// The page's behaviour: each button posts what was pasted to the service's own endpoints and shows the
// answer; nothing is kept. Text from answers goes in as text (textContent), never as markup, except the
// statement page, which the service itself wrote and escaped, shown inside a shadow root with its own style.
constexpr std::string_view script = R"(
'use strict';
const $ = (id) => document.getElementById(id);
const query = (name, value) => name + '=' + encodeURIComponent(value);
function say(text) { $('status').textContent = text; }
function showError(id, text) {
  const box = $(id + '-error');
  box.textContent = text;
  box.hidden = !text;
  $(id).setAttribute('aria-invalid', text ? 'true' : 'false');
}
async function post(path, body, type) {
  let answer;
  try { answer = await fetch(path, { method: 'POST', headers: { 'Content-Type': type }, body }); }
  catch (e) { return { ok: false, message: 'the service could not be reached', text: 'The service could not be reached: is carecap serve still running?' }; }
  const text = await answer.text();
  if (answer.ok) return { ok: true, text };
  let message = '', lines = [text];
  try { const e = JSON.parse(text).error; message = e.message; lines = [e.message + ':'].concat(e.errors); } catch (e) {}
  return { ok: false, message, text: lines.join('\n') };
}
// A starting position (docs/embedding.md) has no carecap_history member; anything else is sent as a history.
function isStartingPosition(text) {
  try { const j = JSON.parse(text); return j !== null && typeof j === 'object' && !Array.isArray(j) && !('carecap_history' in j); }
  catch (e) { return false; }
}
function historyText() {
  const text = $('history').value;
  if (text.trim()) return text;
  showError('history', 'Paste a care history or a starting position, or choose a file.');
  $('history').focus();
  return null;
}
function showStatement(html) {
  const page = new DOMParser().parseFromString(html, 'text/html');
  const host = $('statement');
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  const body = page.querySelector('main') || page.body;
  root.replaceChildren(...[...page.querySelectorAll('style'), ...body.childNodes].map((n) => document.importNode(n, true)));
}
async function workOut() {
  const text = historyText();
  if (text === null) return;
  showError('history', '');
  $('explanation').textContent = '';
  $('statement-note').textContent = '';
  if ($('statement').shadowRoot) $('statement').shadowRoot.replaceChildren();
  const rules = query('rules', $('rules').value);
  say('Working it out...');
  if (isStartingPosition(text)) {
    const projected = await post('/v1/project?' + rules, text, 'application/json');
    if (!projected.ok) { showError('history', projected.text); say('The starting position has errors.'); $('history').focus(); return; }
    $('explanation').textContent = projected.text;
    $('statement-note').textContent = 'A starting position has a projection, shown above, and no statement.';
    say('Projected under ' + $('rules').value + '.');
    return;
  }
  const explained = await post('/v1/explain?' + rules, text, 'application/json');
  if (!explained.ok) { showError('history', explained.text); say('The history has errors.'); $('history').focus(); return; }
  $('explanation').textContent = explained.text;
  const statement = await post('/v1/statement?' + rules + '&format=html', text, 'application/json');
  if (statement.ok) showStatement(statement.text);
  else $('statement-note').textContent = statement.text;
  say('Worked out under ' + $('rules').value + '.');
}
let checks = 0;
async function checkAmendment() {
  const text = $('amendment').value, mine = ++checks;
  if (!text.trim()) { showError('amendment', ''); $('amendment-ok').textContent = ''; return; }
  const checked = await post('/v1/workbench/check?' + query('rules', $('rules').value), text, 'text/plain; charset=utf-8');
  if (mine !== checks) return; // a later check is under way
  if (!checked.ok) { showError('amendment', checked.text); $('amendment-ok').textContent = ''; return; }
  const answer = JSON.parse(checked.text);
  showError('amendment', '');
  $('amendment-ok').textContent = 'Loads: ' + answer.rules.name + ' version "' + answer.rules.version + '", amending ' +
    answer.amends + '.' + (answer.warnings.length ? '\n' + answer.warnings.join('\n') : '');
}
// One cell: `kind` 'heading' for a column's heading, 'money' for a figure (right-aligned).
function cell(row, text, kind) {
  const td = document.createElement(kind === 'heading' ? 'th' : 'td');
  if (kind === 'heading') td.scope = 'col';
  if (kind === 'money') td.className = 'money';
  td.textContent = text;
  row.append(td);
}
function showComparison(document_) {
  const a = document_.a, b = document_.b, out = $('comparison');
  const side = (s) => s.name + ' version "' + s.version + '" (' + s.file + ')';
  const intro = document.createElement('p');
  intro.textContent = 'A: ' + side(a) + '. B: ' + side(b) + '.';
  out.replaceChildren(intro);
  const differences = document_.histories[0].differences || [];
  if (!differences.length) {
    const none = document.createElement('p');
    none.textContent = 'No figure differs: the history gives the same account under both.';
    out.append(none);
    return;
  }
  const table = document.createElement('table'), caption = document.createElement('caption');
  caption.textContent = differences.length + (differences.length === 1 ? ' difference' : ' differences');
  const head = table.createTHead().insertRow(), body = table.createTBody();
  table.append(caption);
  for (const h of ['Figure', 'From', 'To', 'Under A', 'Under B', 'Why']) cell(head, h, 'heading');
  for (const d of differences) {
    const row = body.insertRow();
    cell(row, d.figure + (d.meter ? ' (' + d.meter + ')' : '') + (d.item ? ': ' + d.item : ''));
    cell(row, d.from); cell(row, d.to); cell(row, String(d.a), 'money'); cell(row, String(d.b), 'money');
    cell(row, d.causes.map((c) => c.kind === 'earlier' ? c.note : c.kind + ' ' + c.name).join('; '));
  }
  out.append(table);
}
async function compare() {
  const text = historyText();
  if (text === null) return;
  const against = $('compare-with').value;
  $('comparison').replaceChildren();
  showError('history', '');
  let compared;
  say('Comparing...');
  if (against === '') {
    if (!$('amendment').value.trim()) {
      showError('amendment', 'Paste an amending rule file to compare with, or choose a rule set to compare with.');
      $('amendment').focus();
      say('There is nothing to compare with.');
      return;
    }
    compared = await post('/v1/workbench/compare?' + query('rules', $('rules').value),
      JSON.stringify({ amendment: $('amendment').value, history: text }), 'application/json');
  } else {
    compared = await post('/v1/compare?' + query('a', $('rules').value) + '&' + query('b', against), text, 'application/json');
  }
  if (!compared.ok) {
    const field = compared.message === 'the amending rule text does not load' ? 'amendment' : 'history';
    showError(field, compared.text);
    $(field).focus();
    say('The comparison could not be made.');
    return;
  }
  showComparison(JSON.parse(compared.text));
  say('Compared.');
}
$('work-out').addEventListener('click', workOut);
$('compare').addEventListener('click', compare);
let pause = null;
$('amendment').addEventListener('input', () => { clearTimeout(pause); pause = setTimeout(checkAmendment, 400); });
$('rules').addEventListener('change', checkAmendment);
$('history-file').addEventListener('change', async () => {
  const file = $('history-file').files[0];
  if (!file) return;
  $('history').value = await file.text();
  showError('history', '');
  say('Read ' + file.name + '.');
});
)";

// The SHA-256 of `bytes`, base64 (RFC 4648), as a Content-Security-Policy hash source takes it.
std::string sha256_base64(std::string_view bytes) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string hex = sha256_hex(bytes), raw, out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    for (std::size_t i = 0; i < raw.size(); i += 3) {
        std::uint32_t group = 0;
        std::size_t n = std::min<std::size_t>(3, raw.size() - i);
        for (std::size_t k = 0; k < 3; ++k)
            group = (group << 8) | (k < n ? static_cast<unsigned char>(raw[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k) out.push_back(k <= n ? digits[(group >> (18 - 6 * k)) & 63] : '=');
    }
    return out;
}

std::string rule_set_options(const serve::RuleSets& rule_sets) {
    std::string options;
    for (const serve::NamedRules& r : rule_sets)
        options += "<option value=\"" + html_escape(r.name) + "\">" + html_escape(r.name) + ": " +
                   html_escape(r.rules->header().name) + " version \"" + html_escape(r.rules->header().version) +
                   "\"</option>\n";
    return options;
}

} // namespace

const std::string& page_security_policy() {
    static const std::string policy = "default-src 'none'; script-src 'sha256-" + sha256_base64(script) +
                                      "'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; "
                                      "form-action 'none'; frame-ancestors 'none'";
    return policy;
}

std::string page_html(const serve::RuleSets& rule_sets) {
    const std::string options = rule_set_options(rule_sets);
    return R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rules workbench - carecap</title>
<style>)" + std::string(style) + R"(</style>
</head>
<body>
<main>
<h1>Rules workbench</h1>
<p>Choose a rule set, paste a care history or a starting position, and see how the rules work it out. Paste an
amending rule file to see what it would change. Nothing you paste is kept.</p>
<noscript><p class="error">The workbench needs JavaScript switched on.</p></noscript>
<p id="status" role="status" aria-live="polite"></p>
<h2>Rules and history</h2>
<label for="rules">Rule set</label>
<select id="rules">
)" + options + R"(</select>
<label for="history">Care history or starting position (JSON)</label>
<p class="hint" id="history-hint">A history begins <code>{"carecap_history": 1</code> (docs/history.md); a starting position has
<code>capital</code>, <code>income</code> and <code>fees</code> (docs/embedding.md).</p>
<textarea id="history" rows="14" spellcheck="false" aria-describedby="history-hint history-error"></textarea>
<pre id="history-error" class="error" hidden></pre>
<label for="history-file">Or read it from a file</label>
<input type="file" id="history-file" accept=".json,application/json">
<div><button type="button" id="work-out">Work it out</button></div>
<section aria-labelledby="explanation-heading">
<h2 id="explanation-heading">Explanation</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="explanation-heading"><pre id="explanation"></pre></div>
</section>
<section aria-labelledby="statement-heading">
<h2 id="statement-heading">Statement</h2>
<p id="statement-note"></p>
<div id="statement"></div>
</section>
<h2>Compare two versions of the rules</h2>
<label for="compare-with">Compare the rule set chosen above (A) with (B)</label>
<select id="compare-with">
<option value="">the amending rule file below</option>
)" + options + R"(</select>
<label for="amendment">Amending rule file</label>
<p class="hint" id="amendment-hint">It must amend the rule set chosen above (<code>amends</code> its name). It is checked as you type,
as <code>carecap check</code> checks a file.</p>
<textarea id="amendment" rows="12" spellcheck="false" aria-describedby="amendment-hint amendment-error amendment-ok"></textarea>
<pre id="amendment-error" class="error" hidden></pre>
<pre id="amendment-ok" class="ok" aria-live="polite"></pre>
<div><button type="button" id="compare">Compare</button></div>
<section aria-labelledby="comparison-heading">
<h2 id="comparison-heading">Comparison</h2>
<div id="comparison"></div>
</section>
</main>
<script>)" + std::string(script) + R"(</script>
</body>
</html>
)";
}

} // namespace carecap::workbench
