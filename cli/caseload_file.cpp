// caseload_file.cpp: telling a caseload from a single history by content (cli/caseload_file.h).
#include "cli/caseload_file.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace carecap::cli {

FileKind file_kind(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return FileKind::unreadable;
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (first && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3); // a byte-order mark from a spreadsheet
        first = false;
        auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos) continue;
        if (line[start] == '[') return FileKind::single_history;
        if (line[start] != '{') return FileKind::csv;
        return nlohmann::json::accept(line) ? FileKind::json_lines : FileKind::single_history;
    }
    return FileKind::empty;
}

std::string not_a_caseload_message(const std::string& command) {
    return "this looks like a single history: use eval" +
           std::string(command == "compare" ? " (or compare with histories given one per file)" : "") +
           ", or put one history per line (docs/batch.md)";
}

} // namespace carecap::cli
