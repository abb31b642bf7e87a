// measure.js: added to a copy of the statement page by page_test.sh (case letter). Once the page is
// laid out it writes what it measured into <pre id="layout-report">, which --dump-dom then carries:
// the window's width, the page's, and each cell of the items table in characters of its own font.
window.addEventListener("load", () => {
  const charWidth = (el) => {
    const probe = document.createElement("span");
    probe.textContent = "0".repeat(20);
    probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
    el.appendChild(probe);
    const w = probe.getBoundingClientRect().width / 20;
    probe.remove();
    return w;
  };
  const cells = [...document.querySelectorAll("#statement-items tbody th, #statement-items tbody td")].map((c) => ({
    text: c.textContent.trim().slice(0, 40),
    chars: c.getBoundingClientRect().width / charWidth(c),
  }));
  const report = document.createElement("pre");
  report.id = "layout-report";
  report.textContent = JSON.stringify({
    viewport: window.innerWidth,
    scroll_width: document.documentElement.scrollWidth,
    cells,
  });
  document.body.appendChild(report);
  // In the frame page_test.sh lays the page out in: the frame's document, measured, replaces the outer one.
  if (window.parent !== window) window.parent.document.documentElement.innerHTML = document.documentElement.innerHTML;
});
