// account_view.h: a care account read like a bank statement (docs/care-account-view.md): one entry a
// row, in date order: the days of care with what counted towards the cap and why, in the words the rule
// files give their figures (`label "..."`), and the events between them (adjustments and why, a change
// of the cap, a move, the cap reached), each with the running total after it, beside the council's
// spending. The current statement's seven items and its chart come from the statement itself
// (statement_report.h, statement_chart.h): they are not worked out a second way here.
#pragma once

#include "runtime/evaluation/account.h"
#include "runtime/reports/statement_report.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace carecap {

// One row of the account.
struct AccountLedgerEntry {
    bool is_event = false;                 // an event on one day, rather than days of care
    Date first, last;                      // inclusive; an event's are its day
    std::string what;                      // "Care home, independent personal budget, Anytown" or the event
    std::string why;                       // what counted and why, in plain words ("" for an event)
    std::vector<std::pair<std::string, std::string>> because; // the figures it was worked out from
    Decimal counted;                       // towards the cap on these days (an event: the change it made)
    Decimal total;                         // the running total at the end of the last day
    bool has_council = false;              // the rules record the council's spending
    Decimal council, council_total;        // spent on these days, and its running total
};

struct AccountLedger {
    std::string person, person_name, person_reference, authority;
    std::string meter_label;               // "care account"
    std::optional<Date> opened;            // the account started counting
    Date first, last;                      // the days the history covers
    Decimal total;                         // what counted, at the end
    std::optional<Decimal> cap;            // the cap in force on the last day
    std::optional<Date> reached_on;
    bool has_council = false;
    Decimal council_total;
    std::vector<AccountLedgerEntry> entries;
    std::optional<StatementReport> statement; // the last on the schedule, else one on request for the last day
    std::string no_statement_because;      // when there is none
    std::string rules_name, rules_version, rules_hash;
};

// The account's rows. Returns nothing, with the reason in `error`, when the rules keep no care account
// (no meter with a ceiling). Throws EvalError on a rule error (the explanation evaluates the history again).
std::optional<AccountLedger> account_ledger(const Account& account, std::string& error);

// The whole page, from <!DOCTYPE html> to </html>: the statement page's style, a table of the entries, the
// statement's seven items and its chart. Everything from the history or the rules is escaped.
std::string account_ledger_html(const AccountLedger& ledger);

} // namespace carecap
