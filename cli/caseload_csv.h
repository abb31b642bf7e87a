// caseload_csv.h: the records of a caseload, one care history each, from JSON lines or from CSV
// (docs/batch.md, "Caseloads in CSV": one row per item of a history, with the person's id and the kind of
// item; a person's rows together). A CSV person becomes the JSON history the loader reads, and the
// loader's JSON paths are turned back into the CSV's line and column.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace carecap::cli {

struct CaseloadRecord {
    std::uint64_t line = 0;              // the first line of the record
    std::string where;                   // "FILE:LINE", for messages
    std::string text;                    // the history as JSON
    std::vector<std::string> errors;     // problems found reading the CSV itself (then no text)
    // CSV: where each item came from, "care_periods[1]" -> its line
    std::map<std::string, std::uint64_t> item_lines;
    // A JSON path of the history ("care_periods[1].weekly_cost") as the file has it: unchanged for JSON
    // lines; for CSV, "line 7, column weekly_cost".
    std::string place(const std::string& json_path) const;
    // A loader's message "WHERE: PATH: what" with PATH given as place() gives it.
    std::string locate(const std::string& message) const;
};

class CaseloadReader {
public:
    CaseloadReader(std::string path, bool csv) : path_(std::move(path)), csv_(csv) {}
    bool open();                        // false after printing why it cannot be read
    bool next(CaseloadRecord& record);  // false at the end
    bool read_ok() const { return !in_.bad(); }
    bool wrong_kind() const { return wrong_kind_; }

private:
    bool next_json(CaseloadRecord& record);
    bool next_csv(CaseloadRecord& record);
    bool read_header();
    void add_row(const std::vector<std::string>& cells, std::uint64_t line, CaseloadRecord& record,
                 nlohmann::ordered_json& history, std::map<std::string, std::size_t>& counts);

    std::string path_;
    bool csv_;
    std::ifstream in_;
    std::uint64_t line_no_ = 0;
    bool wrong_kind_ = false;
    bool any_record_ = false;
    std::vector<std::string> columns_;  // CSV header
    std::vector<std::string> pending_;  // CSV: a row read that starts the next person
    std::uint64_t pending_line_ = 0;
    std::map<std::string, std::uint64_t> seen_people_; // CSV: each person's first line
};

} // namespace carecap::cli
