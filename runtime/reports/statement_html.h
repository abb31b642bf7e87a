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

// The page's parts, for another page that shows the statement (the care account view,
// account_view.h): the seven items as a table, the notes beneath them, the chart in its section,
// and the page's style sheet (screen, phone and print).
std::string statement_items_table(const StatementReport& report);
std::string statement_notes_html(const StatementReport& report);
std::string statement_chart_html(const StatementReport& report);
const char* statement_page_style();

} // namespace carecap
