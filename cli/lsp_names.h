// lsp_names.h: what a name in a rule file means, for the editor: hover, go to definition and completion.
// Names are looked up as the checker looks them up (lang/check_expr.cpp: `today`, enumeration.member, the
// definition's own parameters, then the rule set's names, most recent amendment winning), in the names of
// the latest text that parsed, so the editor still answers while the file has errors.
#pragma once

#include "cli/lsp_documents.h"
#include "stdlib/date.h"

#include <cstddef>

namespace carecap::lsp {

// A Hover for the name at byte `offset` of the document: its kind, type, label and citation, and for a
// parameter its value in force on `today`. Null where there is no name.
json hover(const LspDocument& doc, std::size_t offset, Date today);

// The Location where the name at `offset` is declared, in whichever file of the amended chain declares it.
// On a declaration that restates a name of the file it amends, the declaration restated; on `amends NAME`,
// the file amended. Null where there is no name, or for a built-in function.
json definition(const LspDocument& doc, std::size_t offset);

// A CompletionList for `offset`: after `enumeration.`, that enumeration's members; elsewhere every name in
// scope there, the built-in functions and every enumeration's members. Empty in a comment or a string.
json completion(const LspDocument& doc, std::size_t offset);

} // namespace carecap::lsp
