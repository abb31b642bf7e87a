// caseload_file.h: what kind of file a command was given, told by its content (docs/batch.md, "What kind of
// file"): a caseload of JSON lines, a caseload in CSV, or a single care history.
#pragma once

#include <string>

namespace carecap::cli {

enum class FileKind { json_lines, csv, single_history, empty, unreadable };

// Reads no further than the first line that is not blank: a caseload's first line is a whole JSON object
// (or, for CSV, a header that does not start with '{' or '['); a history written over several lines, or a
// JSON array, starts with a line that is not. A one-line file holding one history is a caseload of one.
FileKind file_kind(const std::string& path);

// The one message for a file of the wrong kind for a command that wants a caseload.
std::string not_a_caseload_message(const std::string& command);

} // namespace carecap::cli
