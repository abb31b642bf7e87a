// workbench.h: `carecap serve --workbench`, the analysts' workbench (docs/workbench.md): one page at
// /workbench that works through the service's own JSON endpoints, and the two endpoints it needs beside
// them, POST /v1/workbench/check (pasted amending rule text, checked as `carecap check` checks a file) and
// POST /v1/workbench/compare (one history under a rule set and under that rule set amended by pasted text).
#pragma once

#include "cli/serve_handler.h"

#include <string>
#include <vector>

namespace carecap::workbench {

// Serves the workbench. `rule_roots` are the directories given to `--rules-dir`, where the chain of a rule
// set the server offers may be read again when pasted text amends it. Call once, before serving starts.
void enable(std::vector<std::string> rule_roots);

// The page (cli/workbench_page.cpp): the rule sets offered, as choices, escaped; its script is inline.
std::string page_html(const serve::RuleSets& rule_sets);
// The Content-Security-Policy the page is sent with: no source but the page itself, whose one script is
// allowed by its SHA-256, and requests to this server alone.
const std::string& page_security_policy();

} // namespace carecap::workbench
