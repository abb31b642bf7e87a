// projection_options.cpp: the options `project` and `sweep` share (projection_options.h).
#include "cli/projection_options.h"

#include "cli/command_line.h"

#include <iostream>

namespace carecap::cli {

void add_birth_options(CLI::App& command, BirthOptions& options) {
    auto* dob = command.add_option("--date-of-birth", options.date_of_birth,
                                   "the person's date of birth, YYYY-MM-DD (needed for care at home: the means test reads the age)");
    auto* age = command.add_option("--age", options.age, "or the person's age in whole years on the first day in care")
                    ->check(CLI::Range(0, 130));
    dob->excludes(age);
    age->excludes(dob);
}

std::optional<Date> date_of_birth_for(const BirthOptions& options, Date start, bool& bad) {
    if (!options.date_of_birth.empty()) {
        auto d = Date::parse(options.date_of_birth);
        if (!d) {
            std::cerr << error_prefix() << "--date-of-birth must be a date YYYY-MM-DD, not \"" << options.date_of_birth << "\"\n";
            bad = true;
            return std::nullopt;
        }
        if (*d > start) {
            std::cerr << error_prefix() << "--date-of-birth " << d->to_string() << " is after the first day in care, "
                      << start.to_string() << "\n";
            bad = true;
            return std::nullopt;
        }
        return d;
    }
    if (options.age < 0) return std::nullopt;
    auto d = birth_date_for_age(start, options.age);
    if (!d) {
        std::cerr << error_prefix() << "--age " << options.age << " puts the date of birth before 1800\n";
        bad = true;
        return std::nullopt;
    }
    return d;
}

void add_projection_options(CLI::App& command, ProjectionOptions& o, const ProjectionHelp& help) {
    auto amount = [&](const char* name, std::string& into, const char* text) {
        auto* option = command.add_option(name, into, text);
        if (help.amounts_required) option->required();
    };
    amount("--capital", o.capital, "chargeable capital at the start, in pounds");
    amount("--income", o.income, "weekly income, in pounds");
    command.add_option("--income-kind", o.income_kind, "the kind of that income (default state_pension)");
    amount("--fees", o.fees, "the weekly cost of care, in pounds");
    command.add_option("--setting", o.setting, "the care setting (default residential)");
    o.weeks_option = command.add_option("--weeks", o.weeks, help.weeks)->check(CLI::Range(1, 5200));
    command.add_option("--start", o.start, help.start);
}

void add_projection_choice(CLI::App& command, ProjectionOptions& o) {
    command.add_option("--projection", o.projection, "which projection, if the rules declare several");
}

std::optional<Decimal> money_option(const std::string& text, const std::string& name) {
    auto value = Decimal::parse(text);
    if (!value) {
        std::cerr << error_prefix() << "--" << name << " must be an amount like 145000 or 239.50, not \"" << text << "\"\n";
        return std::nullopt;
    }
    // Pounds and pence, as a history's money is (docs/history.md): a third decimal is a slip, not a value.
    if (auto point = text.find('.'); point != std::string::npos && text.size() - point - 1 > 2) {
        std::cerr << error_prefix() << "--" << name << " is pounds and pence, at most 2 decimal places, not \"" << text
                  << "\"\n";
        return std::nullopt;
    }
    if (value->is_negative()) {
        std::cerr << error_prefix() << "--" << name << " cannot be negative\n";
        return std::nullopt;
    }
    return value;
}

bool apply_start_option(const ProjectionOptions& o, Date& start) {
    if (o.start.empty()) return true;
    auto d = Date::parse(o.start);
    if (!d) {
        std::cerr << error_prefix() << "--start must be a date YYYY-MM-DD, not \"" << o.start << "\"\n";
        return false;
    }
    start = *d;
    return true;
}

void fill_projection_start(const ProjectionOptions& o, const Decimal& weekly_income, ProjectionStart& start) {
    start.income.push_back(IncomeItem{EnumWord{o.income_kind, "--income-kind"}, weekly_income});
    start.setting = o.setting;
    start.weeks = o.weeks;
}

void hint_when_age_missing(const std::string& errors, bool birth_given) {
    if (!birth_given && errors.find("`date_of_birth` has no value") != std::string::npos)
        std::cerr << "carecap: hint: these rules read the person's age: give --date-of-birth or --age\n";
}

} // namespace carecap::cli
