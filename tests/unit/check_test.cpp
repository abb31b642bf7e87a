// check_test.cpp: the checker's type and unit rules, one case per rule.
#include "rules_helper.h"

using carecap::testing::first_error;
using carecap::testing::header;

namespace {
std::string with(const std::string& body) {
    return header +
           "parameter weekly : money per week\n  from 2023-10-01 = £10 per week\n"
           "parameter daily : money per day\n  from 2023-10-01 = £2 per day\n"
           "parameter cap : money\n  from 2023-10-01 = £100\n"
           "input care_start : date\n" +
           body;
}
} // namespace

TEST_CASE("units: rates of different periods cannot be added without converting") {
    CHECK(first_error(with("definition x : money per week = weekly + daily\n")).find("without converting") != std::string::npos);
    CHECK(first_error(with("definition x : money per week = weekly + per_week(daily)\n")) == "");
}

TEST_CASE("units: a weekly rate times a duration is money") {
    CHECK(first_error(with("definition x : money = weekly * 14 days\n")) == "");
    CHECK(first_error(with("definition x : money per week = weekly * 14 days\n")).find("must be money per week") != std::string::npos);
}

TEST_CASE("units: dates move by durations, not money") {
    CHECK(first_error(with("definition x : date = care_start + 12 weeks\n")) == "");
    CHECK(first_error(with("definition x : date = care_start + cap\n")) == "cannot add money to a date");
    CHECK(first_error(with("definition x : duration = care_start - care_start\n")) == "");
}

TEST_CASE("a plain number is not money") {
    CHECK(first_error(with("definition x : money = cap + 5\n")).find("cannot add a whole number to money") != std::string::npos);
}

TEST_CASE("definitions cannot depend on themselves") {
    CHECK(first_error(with("definition a : money = b\ndefinition b : money = a\n")).find("depends on itself") != std::string::npos);
}

TEST_CASE("built-ins check their arguments the same way") {
    CHECK(first_error(with("definition x : money = round_up(cap, care_start)\n")).find("round_up: argument 2") == 0);
    CHECK(first_error(with("definition x : money = min(cap)\n")).find("min takes 2 to 16") == 0);
    CHECK(first_error(with("definition x : money = rond_up(cap, £1)\n")) == "unknown function `rond_up`");
}

TEST_CASE("today may only be compared with a date") {
    CHECK(first_error(with("definition x : bool = today >= care_start\n")) == "");
    CHECK(first_error(with("definition x : duration = today - care_start\n")).find("`today` can only be compared") == 0);
}

TEST_CASE("an input must be one the care history provides") {
    CHECK(first_error(header + "input weekly_costs : money per week\n").find("no input called `weekly_costs`") != std::string::npos);
}

TEST_CASE("every syntax error of a file is reported, not only the first") {
    auto r = carecap::testing::load_text(header + "definition a : money = (£1\ndefinition b : money = £1 +\n"
                                                  "definition c : money = £2\n");
    int errors = 0;
    for (auto& d : r.diagnostics) errors += d.severity == carecap::Severity::error;
    CHECK(errors == 2);
}
