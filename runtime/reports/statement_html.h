// statement_html.h: a care account statement as one self-contained, accessible
// HTML page (docs/statement.md): inline CSS, an inline SVG chart, nothing fetched.
#pragma once

#include "runtime/reports/statement_report.h"
#include "runtime/reports/svg.h" // html_escape

#include <string>
#include <string_view>

namespace carecap {

// The whole page, from <!DOCTYPE html> to </html>.
std::string statement_to_html(const StatementReport& report);

} // namespace carecap
