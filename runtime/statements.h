// statements.h: care account statements on the rules' schedule (004, 3.7).
#pragma once

#include "runtime/account.h"

namespace carecap {

// Works out every statement date of the account, issuing a statement or saying
// why none is due (the cap reached, nothing accrued since the last, no care).
// Needs the account's meters and stretches; throws EvalError on a rule error.
std::vector<Statement> care_account_statements(const Account& account);

} // namespace carecap
