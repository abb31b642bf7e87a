// workbench_amendment.h: rule text pasted into the analysts' workbench (docs/workbench.md), read as an
// amendment of one of the rule sets the server offers, by the loader and under the limits of `carecap check`.
#pragma once

#include "cli/serve_handler.h"
#include "lang/rule_set.h"

#include <string>
#include <vector>

namespace carecap::workbench {

// What the pasted text is called in its diagnostics ("amendment.rules:3:5: error: ...").
inline constexpr const char* amendment_file = "amendment.rules";

// The rules `text` makes as an amendment of `base`. The text must say `amends NAME` for `base`'s own name
// (england.reform): the file read in its place is `base`'s own, already loaded, and from there the chain is
// `base`'s, read from where it was at start-up (`roots` as given to `--rules-dir`). So pasted text can read
// no file the server did not already load, nor amend rules it does not offer. Errors, located, in the result.
LoadResult load_amendment(const serve::NamedRules& base, std::string text, const std::vector<std::string>& roots);

} // namespace carecap::workbench
