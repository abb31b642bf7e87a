// statements.h: care account statements on the rules' schedule, and on the day a
// person asks for one (004, 3.7).
#pragma once

#include "runtime/evaluation/account.h"

#include <cstdint>
#include <optional>

namespace carecap {

// Works out every statement date of the account, issuing a statement or saying
// why none is due (the cap reached, nothing accrued since the last, no care).
// Needs the account's meters and stretches; throws EvalError on a rule error.
std::vector<Statement> care_account_statements(const Account& account);

// The day the care account opened: the meter that statements follow started
// accruing. Nothing when the rules declare no statements or it never started.
std::optional<Date> care_account_opened(const Account& account);

// The terms of the rules' `statements` declaration in force on `day`.
struct StatementTerms {
    std::int64_t every_months = 0;           // months between statements on the schedule
    std::int64_t expected_within_months = 0; // the expected date of reaching the cap is shown this near
};
StatementTerms statement_terms_on(const Account& account, Date day);

// A statement worked out on `day`, which may fall between the dates of the
// schedule: 004, 3.7 encourages real-time access to the care account, and a
// person may ask for a statement. The items are those of a scheduled statement;
// the adjustments listed are those since the last scheduled statement issued
// before `day` (or since the account opened). Unlike the schedule, a statement
// asked for after the cap was reached is still given: it shows the cap reached.
// Not issued (with the reason) before the account opened, after the history
// ends, or on a day without care. Throws EvalError on a rule error.
Statement statement_on_request(const Account& account, Date day);

} // namespace carecap
