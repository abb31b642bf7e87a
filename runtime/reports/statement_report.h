// statement_report.h: one care account statement with what is needed to show it
// to a person: the seven items of 004, 3.7 and the caveat, where the statement
// sits on the schedule, and the account's progress towards the cap for the chart.
#pragma once

#include "runtime/evaluation/account.h"
#include "runtime/evaluation/statements.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace carecap {

inline constexpr int statement_format_version = 1;

// A straight piece of the running total: from the start of day `from` (after that
// day's adjustments) to the end of day `to`, rising evenly from `start` to `end`.
// Accrual within a stretch is linear, so these pieces are the exact running total.
struct ProgressPiece {
    Date from, to;
    Decimal start, end;
};

// The level of the cap in force from `from` to `to`, both inclusive.
struct CapPiece {
    Date from, to;
    Decimal level;
};

struct StatementReport {
    Statement statement;                   // issued: the items are set
    bool on_request = false;               // worked out on a day asked for, not a date of the schedule
    StatementTerms terms;                  // in force on the statement date
    Date opened;                           // the care account opened (started accruing)
    std::optional<Date> previous;          // the last scheduled statement issued before this one
    std::optional<Date> cap_reached_on;    // the cap reached on or before the statement date
    std::vector<ProgressPiece> progress;   // the opening to the statement date
    std::vector<CapPiece> cap;             // the cap over the same days
    std::string person;
    std::string person_name, person_reference; // from the history, for the letter; empty: not given
    AuthorityContact contact;
    std::string meter;                     // the meter the statements follow
    std::string citation;                  // the guidance the rules' `statements` declaration cites
    std::string rules_name, rules_version, rules_hash;
};

// The statement on `on` (the scheduled statement of that date if one was issued,
// else one worked out on request), or, without `on`, the last statement issued on
// the schedule. Sets `error` and returns nothing when none can be given.
// Throws EvalError on a rule error.
std::optional<StatementReport> statement_report(const Account& account, std::optional<Date> on, std::string& error);

// An item as a person reads it, for the text and HTML forms.
struct StatementItem {
    int number = 0;           // 1 to 7, as 004, 3.7 lists them
    std::string id;           // a stable name: "cap-level", "accrued-costs" ...
    std::string title;
    std::string value;        // the figure or date, with its unit
    std::vector<std::string> details; // item 6: one line for each adjustment
    std::string explanation;  // what the item means, for the person's kind of budget
};
std::vector<StatementItem> statement_items(const StatementReport& report);

// The notes below the items: the caveat of 004, 3.7 first, then how the expected
// date was found and, for a statement on request, what that means.
std::vector<std::string> statement_notes(const StatementReport& report);

// The "statement" object of docs/statement.md.
nlohmann::json statement_to_json(const StatementReport& report);

// Plain text, one item a line.
std::string statement_to_text(const StatementReport& report);

// "2 April 2024"
std::string long_date(Date d);

} // namespace carecap
