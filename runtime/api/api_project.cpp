// api_project.cpp: project_json of include/carecap/carecap.hpp, `carecap project` for hosts: the starting
// position comes as a JSON object with the command's options as members (docs/embedding.md), and every
// problem with it is named by its JSON path, as a history's are.
#include "carecap/carecap.hpp"

#include "lang/rule_set.h"
#include "runtime/evaluation/projection.h"
#include "runtime/history/json_tree.h"
#include "runtime/reports/result.h"
#include "stdlib/date.h"

#include <algorithm>
#include <optional>
#include <string>

namespace carecap {

namespace {

using history_json::Node;

// Reads the members of the starting position, collecting a message for each one that is wrong.
class StartReader {
public:
    StartReader(const Node& root, std::string source) : root_(root), source_(std::move(source)) {}

    const Node* member(std::string_view name) const {
        for (std::size_t i = 0; i < root_.keys.size(); ++i)
            if (root_.keys[i] == name) return &root_.items[i];
        return nullptr;
    }

    // Money as text ("239.50") or a whole number; never negative, because a starting figure below nothing is
    // a mistake, not a debt.
    std::optional<Decimal> money(std::string_view name) {
        const Node* n = member(name);
        if (!n) return fail(name, "is required: an amount of money like \"145000\" or \"239.50\""), std::nullopt;
        bool usable = n->kind == Node::Kind::string ||
                      (n->kind == Node::Kind::number && n->text.find_first_of(".eE") == std::string::npos);
        auto value = usable ? Decimal::parse(n->text) : std::nullopt;
        if (!value) return fail(name, "expected an amount of money as text, like \"239.50\", found " + history_json::as_written(*n)), std::nullopt;
        if (value->is_negative()) return fail(name, "cannot be negative"), std::nullopt;
        return value;
    }

    std::string text(std::string_view name, std::string fallback) {
        const Node* n = member(name);
        if (!n) return fallback;
        if (n->kind != Node::Kind::string) fail(name, "expected a string, found " + history_json::kind_of(*n));
        return n->text;
    }

    std::optional<std::int64_t> whole(std::string_view name, std::int64_t low, std::int64_t high) {
        const Node* n = member(name);
        if (!n) return std::nullopt;
        std::int64_t value = 0;
        bool ok = n->kind == Node::Kind::number && !n->text.empty() &&
                  n->text.find_first_not_of("0123456789") == std::string::npos && n->text.size() < 10;
        if (ok) value = std::stoll(n->text);
        if (!ok || value < low || value > high)
            fail(name, "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                           ", found " + history_json::as_written(*n));
        return value;
    }

    std::optional<Date> date(std::string_view name) {
        const Node* n = member(name);
        if (!n) return std::nullopt;
        auto d = n->kind == Node::Kind::string ? Date::parse(n->text) : std::nullopt;
        if (!d) fail(name, "expected a date \"YYYY-MM-DD\", found " + history_json::as_written(*n));
        return d;
    }

    void fail(std::string_view name, const std::string& message) {
        errors.push_back(source_ + ": " + history_json::member_path("", name) + ": " + message);
    }

    std::vector<std::string> errors;

private:
    const Node& root_;
    std::string source_;
};

const char* const known_members[] = {"capital", "income", "income_kind", "fees", "setting", "weeks",
                                     "start", "date_of_birth", "age", "projection"};

// The starting position the members give, with the rules' date in force as the default first day.
std::optional<ProjectionStart> read_start(StartReader& in, const Node& root, const RuleSet& rules) {
    for (const auto& key : root.keys)
        if (std::find(std::begin(known_members), std::end(known_members), key) == std::end(known_members))
            in.fail(key, "is not a member of a starting position (docs/embedding.md lists them)");
    ProjectionStart start;
    auto capital = in.money("capital"), income = in.money("income"), fees = in.money("fees");
    std::string kind = in.text("income_kind", "state_pension");
    start.setting = in.text("setting", "residential");
    start.weeks = in.whole("weeks", 1, 5200).value_or(260);
    start.start = in.date("start").value_or(rules.header().in_force);
    start.date_of_birth = in.date("date_of_birth");
    if (auto age = in.whole("age", 0, 150)) {
        if (start.date_of_birth) in.fail("age", "give date_of_birth or age, not both");
        start.date_of_birth = birth_date_for_age(start.start, *age);
    }
    if (start.date_of_birth && *start.date_of_birth > start.start)
        in.fail("date_of_birth", "is after the first day in care, " + start.start.to_string());
    if (!in.errors.empty() || !capital || !income || !fees) return std::nullopt;
    start.capital = *capital;
    start.weekly_fees = *fees;
    start.income.push_back(IncomeItem{EnumWord{kind, "income_kind"}, *income});
    return start;
}

} // namespace

JsonResult project_json(const RuleChoice& rules, std::string_view start_json, std::string_view source_name) {
    JsonResult result;
    const std::string name(source_name);
    HistoryError failure;
    auto root = history_json::parse_tree(start_json, source_name, Limits{}, failure);
    if (!root || root->kind != Node::Kind::object) {
        result.errors.push_back(name + ": " + (root ? "expected an object (a starting position), found " +
                                                          history_json::kind_of(*root)
                                                    : (failure.path.empty() ? "" : failure.path + ": ") + failure.message));
        return result;
    }
    StartReader in(*root, name);
    auto start = read_start(in, *root, *rules.national);
    std::string which = in.text("projection", "");
    result.errors = std::move(in.errors);
    if (!start) return result;
    ProjectionOutcome outcome = project(*rules.national, *start, which);
    for (auto& e : outcome.errors) result.errors.push_back(e.render(source_name));
    if (!outcome.result) return result;
    result.json = projection_to_json(*outcome.result);
    result.ok = true;
    return result;
}

} // namespace carecap
