// compare_caseload.h: `carecap compare` over a caseload (cli/compare.cpp hands over when its one file is
// a caseload): every person under A and under B on worker threads, then the summary
// (runtime/analyses/caseload_compare.h). docs/compare.md, "A whole caseload".
#pragma once

#include "cli/command.h"

#include <string>

namespace carecap::cli {

struct CaseloadCompareOptions {
    std::string caseload, csv, svg;
    unsigned jobs = 0;
    bool csv_input = false; // the caseload is CSV (docs/batch.md, "Caseloads in CSV")
};

// Prints the summary; writes --csv and --svg. Exit status as compare's (docs/compare.md).
int compare_caseload(const CaseloadCompareOptions& o, const ChosenRules& a, const ChosenRules& b);

} // namespace carecap::cli
