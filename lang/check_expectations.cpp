// check_expectations.cpp: statement and projection expectations, judged against the rules'
// declarations (a statement needs `statements`, a projection needs `projection`).
#include "lang/check_expectations.h"

#include "lang/diagnostic.h"

namespace carecap {

namespace {

std::string names_of(const std::vector<ExpectedItem>& items) {
    std::string out;
    for (auto& i : items) out += (out.empty() ? "" : ", ") + std::string(i.name);
    return out;
}

std::optional<Type> item_type(const std::vector<ExpectedItem>& items, const std::string& name) {
    for (auto& i : items)
        if (name == i.name) return i.type;
    return std::nullopt;
}

std::optional<Type> check_statement(const Expectation& x, const RuleSet& rules, const Report& error) {
    if (!rules.statements) {
        error(x.span, "these rules declare no statements, so there is no statement to expect",
              "declare `statements METER ...` first");
        return std::nullopt;
    }
    if (x.statement_aspect != StatementAspect::item) return std::nullopt;
    auto type = item_type(statement_items(), x.item);
    if (!type) {
        std::vector<std::string> names;
        for (auto& i : statement_items()) names.push_back(i.name);
        std::string near = closest_name(x.item, names);
        error(x.item_span, "`" + x.item + "` is not an item of a statement",
              near.empty() ? "the items are " + names_of(statement_items()) : "did you mean `" + near + "`?");
    }
    return type;
}

std::optional<Type> check_projection(const Expectation& x, const RuleSet& rules, const Report& error) {
    if (x.projection.empty() && rules.projections.size() != 1) {
        error(x.span, rules.projections.empty() ? "these rules declare no projection, so there is none to expect"
                                                : "the rules declare " + std::to_string(rules.projections.size()) +
                                                      " projections: name the one meant",
              rules.projections.empty() ? "declare `projection NAME ...` first" : "write `expect projection NAME from ...`");
    } else if (!x.projection.empty() && !rules.projections.count(x.projection)) {
        error(x.projection_span, "there is no projection `" + x.projection + "`", "");
    }
    if (x.weeks < 1 || x.weeks > 5200)
        error(x.span, "a projection runs for 1 to 5,200 weeks, not " + std::to_string(x.weeks), "");
    if (x.age && *x.age > 130) error(x.span, "an age from 0 to 130 is needed, not " + std::to_string(*x.age), "");
    if (x.projection_aspect != ProjectionAspect::figure) {
        if (!rules.meters.count(x.item)) {
            std::vector<std::string> names;
            for (auto& [n, m] : rules.meters) names.push_back(n);
            std::string near = closest_name(x.item, names);
            error(x.item_span, "there is no meter `" + x.item + "`", near.empty() ? "" : "did you mean `" + near + "`?");
        }
        return std::nullopt;
    }
    auto type = item_type(projection_figures(), x.item);
    if (!type) error(x.item_span, "`" + x.item + "` is not a figure of a projection",
                     "the figures are " + names_of(projection_figures()) + "; or `METER reached on DATE`");
    return type;
}

} // namespace

const std::vector<ExpectedItem>& statement_items() {
    static const std::vector<ExpectedItem> items = {
        {"cap_level", Type::of(Kind::money)},             // 1. the current level of the cap
        {"total_cost", Type::rate_per(Per::week)},        // 2. the total weekly cost of meeting needs
        {"rate", Type::rate_per(Per::week)},              // 3. the current rate of progress
        {"living_costs", Type::rate_per(Per::week)},      // 4. daily living costs
        {"accrued", Type::of(Kind::money)},               // 5. the accrued costs
    };
    return items;
}

const std::vector<ExpectedItem>& projection_figures() {
    static const std::vector<ExpectedItem> figures = {
        {"capital_end", Type::of(Kind::money)},  // capital left at the end of the last week
        {"total_paid", Type::of(Kind::money)},   // what the person paid over all the weeks
    };
    return figures;
}

std::optional<Type> check_statement_or_projection(const Expectation& x, const RuleSet& rules, const Report& error) {
    return x.kind == ExpectKind::statement ? check_statement(x, rules, error) : check_projection(x, rules, error);
}

} // namespace carecap
