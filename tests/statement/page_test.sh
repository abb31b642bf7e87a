#!/usr/bin/env bash
# page_test.sh CASE CARECAP SOURCE_DIR WORK_DIR CHROMIUM PYTHON: one check of the statement page.
#   dom         the DOM Chromium builds holds the seven items (by id), their figures, the caveat and the chart
#   screenshot  a screenshot is a non-empty PNG, kept as WORK_DIR/statement.png
#   print       printed to PDF, the page is A4 and the statement fits on two sheets
#   escapes     text from the history that looks like markup stays text
#   letter_desktop, letter_phone   the page as a letter, laid out at 1200 and 390 px: no rule identifier in
#               the person's view, the person, reference, authority contact and how to query it shown,
#               no column narrower than 8 characters (check_letter.py); the screenshot is kept, not compared
set -euo pipefail
case_name=$1 carecap=$2 source=$3 work=$4 chromium=$5 python=$6
if [[ -z $chromium || $chromium == *NOTFOUND ]]; then echo "chromium is not installed (.ci/setup installs it)"; exit 77; fi
rm -rf "$work" && mkdir -p "$work/profile"
fail() { echo "FAIL: $*" >&2; exit 1; }
# A profile of its own under the build directory; --no-sandbox because tests may run as root.
browse() { timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
             --no-first-run --disable-extensions "$@" 2>"$work/chromium.log"; }

rules=$source/rules/england/reform.rules
page=$work/statement.html
# statements.json on 2025-04-02, a date of the schedule (every 6 months from 2023-10-02). The figures the
# page must show are worked out by hand in docs/statement.md and tests/golden/statement/README.md:
# 2023-10-02 to 2025-04-02 is 549 days at £800/7 a day: 549 x 800 / 7 = £62,742.857... -> £62,742.86;
# the cap, £86,000, needs ceil(86,000 x 7 / 800) = 753 days: 2023-10-02 + 752 days = 23 October 2025,
# within 12 months of the statement, so it is shown.
"$carecap" statement --rules "$rules" "$source/examples/england/statements.json" --on 2025-04-02 \
  --format html --out "$page"
[[ -s $page ]] || fail "no page written"

case $case_name in
dom)
  browse --dump-dom "file://$page" >"$work/dom.html" || fail "chromium could not load the page: $(tail -5 "$work/chromium.log")"
  "$python" "$source/tests/statement/check_dom.py" "$work/dom.html"
  ;;
screenshot)
  browse --screenshot="$work/statement.png" --window-size=1000,2000 --hide-scrollbars "file://$page" \
    || fail "chromium could not take the screenshot: $(tail -5 "$work/chromium.log")"
  [[ -s $work/statement.png ]] || fail "the screenshot is empty"
  magic=$(head -c 8 "$work/statement.png" | od -An -tx1 | tr -d ' \n')
  [[ $magic == 89504e470d0a1a0a ]] || fail "not a PNG: the file starts with $magic"
  echo "screenshot: $work/statement.png ($(wc -c <"$work/statement.png") bytes)"
  ;;
print)
  browse --print-to-pdf="$work/statement.pdf" --no-pdf-header-footer "file://$page" \
    || fail "chromium could not print the page: $(tail -5 "$work/chromium.log")"
  "$python" - "$work/statement.pdf" <<'PY'
import re, sys
pdf = open(sys.argv[1], "rb").read()
assert pdf.startswith(b"%PDF-"), "not a PDF"
boxes = {tuple(round(float(v)) for v in m.split()[2:]) for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
# A4 is 210 x 297 mm: 595 x 842 points (1 pt = 1/72 in).
assert boxes == {(595, 842)}, f"pages are not A4: {boxes}"
pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
# The table on the first sheet with the notes, the chart on the second (@page and break-inside: avoid).
assert 1 <= pages <= 2, f"{pages} pages"
print(f"A4, {pages} pages: {sys.argv[1]}")
PY
  ;;
escapes)
  # The history's words reach the page (authority, person); markup in them must stay text.
  sed -e 's/"Anytown"/"<img src=x onerror=alert(1)> \& <b>Co<\/b>"/' \
      -e 's/"id": "statements"/"id": "<script>alert(2)<\/script>"/' \
      "$source/examples/england/statements.json" >"$work/hostile.json"
  grep -q 'onerror' "$work/hostile.json" || fail "the hostile history was not made"
  "$carecap" statement --rules "$rules" "$work/hostile.json" --on 2025-04-02 --format html --out "$work/hostile.html"
  browse --dump-dom "file://$work/hostile.html" >"$work/hostile-dom.html" || fail "chromium could not load the page"
  "$python" "$source/tests/statement/check_dom.py" --hostile "$work/hostile-dom.html"
  ;;
letter_desktop|letter_phone)
  width=1200; [[ $case_name == letter_phone ]] && width=390
  # The history of the other cases with the letter's optional fields and a change of 3 weeks, which
  # the rules refuse (less than 6 weeks: 004, 3.4).
  "$python" - "$source/examples/england/statements.json" "$work/letter.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
h["person"].update({"name": "Mrs Ada Example", "reference": "AT-2023-0042"})
h["authority_contact"] = {"name": "Anytown Borough Council", "address": "Town Hall, High Street, Anytown AT1 1AA",
                          "telephone": "01234 567890", "email": "care.accounts@anytown.example"}
# After the statement of 2 October 2024, so that the statement of 2 April 2025 lists it: 3 weeks at £800.
h["adjustments"] = [{"date": "2024-12-02", "amount": "-2400.00", "kind": "temporary_change",
                     "reason": "3 weeks in hospital", "covers_from": "2024-11-04", "covers_to": "2024-11-24"}]
json.dump(h, open(sys.argv[2], "w"), indent=2)
PY
  "$carecap" statement --rules "$rules" "$work/letter.json" --on 2025-04-02 --format html --out "$work/letter.html"
  # Headless Chromium makes no window narrower than 500 px, so the page is laid out in a frame $width px
  # wide (srcdoc: the frame shares the outer page's origin). measure.js goes in a copy of the page (the
  # page itself has no script); it measures inside the frame and then puts the frame's document, with
  # its report, in place of the outer one, which --dump-dom writes out.
  "$python" - "$work/letter.html" "$source/tests/statement/measure.js" "$work" "$width" <<'PY'
import html, sys
page, script, work, width = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3], sys.argv[4]
def framed(inner):
    return (f'<!DOCTYPE html><html><body style="margin:0"><iframe srcdoc="{html.escape(inner, quote=True)}" '
            f'style="width:{width}px;height:3600px;border:0"></iframe></body></html>')
open(f"{work}/measured.html", "w").write(framed(page.replace("</body>", "<script>\n" + script + "</script>\n</body>")))
open(f"{work}/framed.html", "w").write(framed(page))
PY
  grep -q 'layout-report' "$work/measured.html" || fail "measure.js was not added"
  window=$(( width > 500 ? width : 500 ))
  browse --dump-dom --window-size=$window,900 --virtual-time-budget=5000 "file://$work/measured.html" \
    >"$work/letter-dom.html" || fail "chromium could not load the page: $(tail -5 "$work/chromium.log")"
  browse --screenshot="$work/letter-$width.png" --window-size=$window,3600 --hide-scrollbars "file://$work/framed.html" \
    || fail "chromium could not take the screenshot"
  echo "screenshot kept: $work/letter-$width.png"
  "$python" "$source/tests/statement/check_letter.py" "$work/letter-dom.html" "$width" "$rules" \
    "$source/rules/england/current.rules"
  ;;
*) fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
