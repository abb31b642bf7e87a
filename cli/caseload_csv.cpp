// caseload_csv.cpp: a caseload's records from JSON lines or CSV (cli/caseload_csv.h).
#include "cli/caseload_csv.h"

#include "cli/caseload_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <iostream>

namespace carecap::cli {

namespace {

// How a cell becomes JSON: text as it is (money and dates too: the loader reads them exactly from
// strings), a boolean, a whole number, words separated by ';', or items separated by ';' whose fields
// are separated by ':' in the order the table gives.
enum class Cell { text, boolean, whole, words, items };

struct Field {
    const char* column;
    Cell cell;
    const char* item_fields = ""; // for items: "kind:weekly"
};

// Each kind of row: the JSON place of its item ("" for the person's own fields) and its columns.
struct RecordKind {
    const char* name;
    const char* array; // the history's array of such items, or an object for deferred_payment
    std::vector<Field> fields;
};

const std::vector<RecordKind>& record_kinds() {
    static const std::vector<RecordKind> kinds{
        {"person", "", {{"date_of_birth", Cell::text}, {"authority", Cell::text}, {"as_of", Cell::text},
                        {"assessment_requested", Cell::text}, {"need_identified", Cell::text},
                        {"permanent_residence_from", Cell::text}}},
        {"eligibility", "eligibility", {{"date", Cell::text}, {"eligible", Cell::boolean}}},
        {"care_period", "care_periods",
         {{"id", Cell::text}, {"start", Cell::text}, {"end", Cell::text}, {"setting", Cell::text},
          {"budget", Cell::text}, {"weekly_cost", Cell::text}, {"weekly_charge", Cell::text},
          {"invoiced_weekly", Cell::text}, {"top_ups", Cell::items, "payer:weekly"},
          {"other_services", Cell::items, "kind:weekly"}, {"services", Cell::items, "kind:weekly"},
          {"pays_accommodation_separately", Cell::boolean},
          {"residence", Cell::text}, {"arrangement_fee", Cell::text}}},
        {"financial_assessment", "financial_assessments",
         {{"date", Cell::text}, {"capital", Cell::text}, {"property", Cell::text}, {"income", Cell::items, "kind:weekly"},
          {"disability_related_expenditure", Cell::text}, {"housing_costs", Cell::text}, {"premiums", Cell::words},
          {"home_occupied_by", Cell::words}, {"joint_capital", Cell::items, "value:owners"},
          {"partner.date_of_birth", Cell::text}, {"partner.in_same_care_home", Cell::boolean},
          {"partner_income", Cell::items, "kind:weekly"}, {"pension_passed_to_partner", Cell::text},
          {"night_care_at_home", Cell::boolean}}},
        {"move", "moves", {{"date", Cell::text}, {"to_authority", Cell::text}}},
        {"adjustment", "adjustments",
         {{"date", Cell::text}, {"amount", Cell::text}, {"reason", Cell::text}, {"covers_from", Cell::text},
          {"covers_to", Cell::text}, {"kind", Cell::text}}},
        {"deferred_payment", "deferred_payment", {{"start", Cell::text}, {"end", Cell::text}, {"weekly", Cell::text}}},
        {"deferred_payment_fee", "deferred_payment.fees", {{"date", Cell::text}, {"amount", Cell::text}, {"reason", Cell::text}}},
    };
    return kinds;
}

std::vector<std::string> split(const std::string& s, char by) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(by, start)) != std::string::npos; start = at + 1) out.push_back(s.substr(start, at - start));
    out.push_back(s.substr(start));
    return out;
}

// One cell as JSON, or an error saying what was expected.
nlohmann::ordered_json cell_json(const Field& f, const std::string& text, std::string& problem) {
    switch (f.cell) {
    case Cell::text: return text;
    case Cell::boolean:
        if (text == "true" || text == "false") return text == "true";
        problem = "expected true or false, found \"" + text + "\"";
        return nullptr;
    case Cell::whole:
        if (text.find_first_not_of("0123456789") == std::string::npos) return std::stoll(text);
        problem = "expected a whole number, found \"" + text + "\"";
        return nullptr;
    case Cell::words: return split(text, ';');
    case Cell::items: break;
    }
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    const std::vector<std::string> names = split(f.item_fields, ':');
    for (const std::string& item : split(text, ';')) {
        std::vector<std::string> parts = split(item, ':');
        if (parts.size() != names.size()) {
            problem = "each item is " + std::string(f.item_fields) + ", items separated by ';': found \"" + item + "\"";
            return nullptr;
        }
        nlohmann::ordered_json j;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i] == "owners" && parts[i].find_first_not_of("0123456789") == std::string::npos && !parts[i].empty())
                j[names[i]] = std::stoll(parts[i]);
            else j[names[i]] = parts[i];
        }
        items.push_back(j);
    }
    return items;
}

// Reads one CSV row (quoted cells may hold commas, quotes doubled, and line breaks); false at the end.
bool read_row(std::istream& in, std::vector<std::string>& cells, std::uint64_t& line_no) {
    cells.clear();
    std::string line;
    if (!std::getline(in, line)) return false;
    ++line_no;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0;; ++i) {
        if (i == line.size()) {
            if (quoted && std::getline(in, line)) { // a line break inside quotes
                ++line_no;
                cell += '\n';
                i = static_cast<std::size_t>(-1);
                continue;
            }
            if (!cell.empty() && cell.back() == '\r' && !quoted) cell.pop_back();
            cells.push_back(cell);
            return true;
        }
        char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) cells.push_back(std::exchange(cell, {}));
        else cell += c;
    }
}

bool blank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.find_first_not_of(" \t\r") == std::string::npos; });
}

} // namespace

std::string CaseloadRecord::place(const std::string& json_path) const {
    if (item_lines.empty()) return json_path;
    // The longest item prefix: "deferred_payment.fees[0]" before "deferred_payment".
    std::string best;
    for (const auto& [key, item_line] : item_lines)
        if (!key.empty() && json_path.rfind(key, 0) == 0 && key.size() > best.size()) best = key;
    std::string rest = json_path.substr(best.size());
    if (!rest.empty() && rest[0] == '.') rest.erase(0, 1);
    if (best.empty() && rest.rfind("person.", 0) == 0) rest.erase(0, 7);
    std::string column = rest.substr(0, rest.find_first_of("[")); // top_ups[0].weekly is in the column top_ups
    auto found = item_lines.find(best);
    std::string out = "line " + std::to_string(found == item_lines.end() ? line : found->second);
    return column.empty() ? out : out + ", column " + column;
}

std::string CaseloadRecord::locate(const std::string& message) const {
    if (item_lines.empty() || !message.starts_with(where + ": ")) return message;
    std::size_t start = where.size() + 2, end = message.find(": ", start);
    if (end == std::string::npos) return message;
    std::string path = message.substr(start, end - start);
    if (path.find(' ') != std::string::npos) return message; // not a JSON path
    return message.substr(0, start) + place(path) + message.substr(end);
}

bool CaseloadReader::open() {
    in_.open(path_, std::ios::binary);
    if (!in_) {
        std::cerr << path_ << ": error: cannot read the caseload: " << std::strerror(errno) << "\n";
        return false;
    }
    return !csv_ || read_header();
}

bool CaseloadReader::read_header() {
    if (!read_row(in_, columns_, line_no_)) return true; // empty: no people
    if (!columns_.empty() && columns_[0].rfind("\xEF\xBB\xBF", 0) == 0) columns_[0].erase(0, 3);
    for (const char* needed : {"person", "record"})
        if (std::find(columns_.begin(), columns_.end(), needed) == columns_.end()) {
            std::cerr << path_ << ":1: error: a CSV caseload needs a column `" << needed
                      << "` (docs/batch.md, \"Caseloads in CSV\"); the header has: ";
            for (std::size_t i = 0; i < columns_.size(); ++i) std::cerr << (i ? ", " : "") << columns_[i];
            std::cerr << "\n";
            return false;
        }
    return true;
}

bool CaseloadReader::next(CaseloadRecord& record) { return csv_ ? next_csv(record) : next_json(record); }

bool CaseloadReader::next_json(CaseloadRecord& record) {
    std::string line;
    while (std::getline(in_, line)) {
        ++line_no_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        record = CaseloadRecord{};
        record.line = line_no_;
        record.where = path_ + ":" + std::to_string(line_no_);
        // A history written over several lines is not a caseload: one message, not one per line.
        if (!any_record_ && !nlohmann::json::accept(line)) {
            std::cerr << path_ << ": error: " << not_a_caseload_message("compare") << "\n";
            wrong_kind_ = true;
            return false;
        }
        any_record_ = true;
        record.text = std::move(line);
        return true;
    }
    return false;
}

// One row into the person's history: its cells into the item its `record` column names.
void CaseloadReader::add_row(const std::vector<std::string>& cells, std::uint64_t line, CaseloadRecord& record,
                             nlohmann::ordered_json& history, std::map<std::string, std::size_t>& counts) {
    auto at = [&](std::size_t column) { return column < cells.size() ? cells[column] : std::string(); };
    auto where = [&](const std::string& column) { return path_ + ":" + std::to_string(line) + ": column " + column + ": "; };
    std::string kind_name = at(std::size_t(std::find(columns_.begin(), columns_.end(), "record") - columns_.begin()));
    const auto& kinds = record_kinds();
    auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const RecordKind& k) { return kind_name == k.name; });
    if (kind == kinds.end()) {
        std::string known;
        for (const auto& k : kinds) known += (known.empty() ? "" : ", ") + std::string(k.name);
        record.errors.push_back(where("record") + "unknown kind of row \"" + kind_name + "\"; the kinds are " + known);
        return;
    }
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const std::string& column = columns_[c];
        std::string text = at(c);
        if (column == "person" || column == "record" || text.empty()) continue;
        auto field = std::find_if(kind->fields.begin(), kind->fields.end(), [&](const Field& f) { return column == f.column; });
        if (field == kind->fields.end()) {
            record.errors.push_back(where(column) + "a " + std::string(kind->name) + " row has no field " + column +
                                    ": leave the cell empty");
            continue;
        }
        std::string problem;
        nlohmann::ordered_json value = cell_json(*field, text, problem);
        if (!problem.empty()) record.errors.push_back(where(column) + problem);
        std::string name = column;
        if (auto dot = name.find('.'); dot != std::string::npos) item[name.substr(0, dot)][name.substr(dot + 1)] = value;
        else item[name] = value;
    }
    std::string array = kind->array;
    if (array.empty()) { // the person's own fields
        record.item_lines[""] = line;
        for (auto& [k, v] : item.items())
            if (k == "date_of_birth") history["person"][k] = v;
            else history[k] = v;
    } else if (array == "deferred_payment") {
        record.item_lines[array] = line;
        for (auto& [k, v] : item.items()) history[array][k] = v;
    } else if (array == "deferred_payment.fees") {
        std::size_t n = counts[array]++;
        record.item_lines[array + "[" + std::to_string(n) + "]"] = line;
        history["deferred_payment"]["fees"].push_back(item);
    } else {
        std::size_t n = counts[array]++;
        record.item_lines[array + "[" + std::to_string(n) + "]"] = line;
        history[array].push_back(item);
    }
}

// A person's rows, together, into one history.
bool CaseloadReader::next_csv(CaseloadRecord& record) {
    const std::size_t person_column = std::size_t(std::find(columns_.begin(), columns_.end(), "person") - columns_.begin());
    std::vector<std::string> cells;
    std::uint64_t line = 0;
    if (!pending_.empty()) {
        cells = std::move(pending_);
        pending_.clear();
        line = pending_line_;
    } else {
        do {
            if (!read_row(in_, cells, line_no_)) return false;
        } while (blank(cells));
        line = line_no_;
    }
    record = CaseloadRecord{};
    record.line = line;
    record.where = path_ + ":" + std::to_string(line);
    const std::string person = person_column < cells.size() ? cells[person_column] : "";
    if (person.empty()) record.errors.push_back(path_ + ":" + std::to_string(line) + ": column person: empty: every row names its person");
    if (auto seen = seen_people_.find(person); seen != seen_people_.end() && !person.empty())
        record.errors.push_back(path_ + ":" + std::to_string(line) + ": column person: " + person +
                                "'s rows are not together (the first is on line " + std::to_string(seen->second) +
                                "): keep each person's rows one after another");
    seen_people_.emplace(person, line);
    nlohmann::ordered_json history = {{"carecap_history", 1}, {"person", {{"id", person}}}};
    std::map<std::string, std::size_t> counts;
    add_row(cells, line, record, history, counts);
    while (read_row(in_, cells, line_no_)) {
        if (blank(cells)) continue;
        if ((person_column < cells.size() ? cells[person_column] : "") != person) {
            pending_ = std::move(cells);
            pending_line_ = line_no_;
            break;
        }
        add_row(cells, line_no_, record, history, counts);
    }
    if (record.errors.empty()) record.text = history.dump();
    return true;
}

} // namespace carecap::cli
