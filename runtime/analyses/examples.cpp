// examples.cpp: load each example's history, evaluate it, compare expectations.
#include "runtime/analyses/examples.h"

#include "lang/diagnostic.h"
#include "lang/resolve.h"
#include "runtime/analyses/example_outputs.h"
#include "runtime/evaluation/engine.h"
#include "lang/show.h"

#include <filesystem>

namespace carecap {

namespace {

std::string failure(const Span& span, const std::string& message) {
    return render(Diagnostic{Severity::error, span, message, "", {}});
}

// Money is compared to the penny, as it would be printed; all else exactly.
bool same(const Value& expected, const Value& actual, const Type& type) {
    if (type.kind == Kind::money || type.kind == Kind::rate)
        return std::get<Decimal>(actual).round_to(Decimal::ratio(1, 100), display_rounding) == std::get<Decimal>(expected);
    if (auto* e = std::get_if<Decimal>(&expected)) return *e == std::get<Decimal>(actual);
    return expected == actual;
}

void check(const Expectation& x, const Account& account, const RuleSet& rules, const History& history,
           std::vector<std::string>& failures) {
    if (x.kind == ExpectKind::statement) return check_statement_expectation(x, account, failures);
    if (x.kind == ExpectKind::projection) return check_projection_expectation(x, account, failures);
    const Expr& subject = *x.subject;
    auto meter_index = [&]() -> std::size_t {
        for (std::size_t i = 0; i < rules.meter_order.size(); ++i)
            if (rules.meter_order[i]->name == subject.name) return i;
        return 0;
    };
    // The expected value is worked out on the same day, with the same history, as
    // what it is compared with: `expect c on 2024-05-01 = cap` reads cap on that day.
    Date on = x.on                                       ? *x.on
              : x.kind == ExpectKind::accrued_between     ? x.to
              : history.care_periods.empty()              ? rules.header().in_force
                                                          : std::max(rules.header().in_force, history.care_periods.front().start);
    HistoryState state = history_state_on(history, on);
    std::vector<char> reached = account.reached_on(on);
    Evaluator evaluator({rules, history, state, on, &reached});
    switch (x.kind) {
    case ExpectKind::value: {
        Value expected = evaluator.eval(*x.expected);
        Value actual = evaluator.eval(subject);
        if (!same(expected, actual, subject.type))
            failures.push_back(failure(x.span, subject.name + " on " + on.to_string() + ": expected " +
                                                   show(expected, subject.type, &rules) + ", got " +
                                                   show(actual, subject.type, &rules)));
        break;
    }
    case ExpectKind::accrued_on:
    case ExpectKind::accrued_between: {
        std::size_t m = meter_index();
        Decimal actual = x.kind == ExpectKind::accrued_on
                             ? account.total_at_end_of(m, *x.on)
                             : account.total_at_end_of(m, x.to) - account.total_at_end_of(m, x.from.plus_days(-1));
        Value expected = evaluator.eval(*x.expected);
        if (!same(expected, actual, Type::of(Kind::money))) {
            std::string when = x.kind == ExpectKind::accrued_on ? "by the end of " + x.on->to_string()
                                                                 : "from " + x.from.to_string() + " to " + x.to.to_string();
            failures.push_back(failure(x.span, subject.name + " accrued " + when + ": expected " +
                                                   money(std::get<Decimal>(expected)) + ", got " + money(actual) +
                                                   ((actual * Decimal(100)).is_integer() ? std::string()
                                                                                         : " (exactly " + actual.to_exact() + ")")));
        }
        break;
    }
    case ExpectKind::statement:
    case ExpectKind::projection: break; // handled above
    case ExpectKind::reached_on:
    case ExpectKind::not_reached: {
        auto reached_day = account.meters[meter_index()].reached_on;
        bool ok = x.kind == ExpectKind::not_reached ? !reached_day : reached_day && *reached_day == *x.on;
        if (!ok)
            failures.push_back(failure(x.span, subject.name + ": expected " +
                                                   (x.kind == ExpectKind::not_reached ? std::string("the ceiling not to be reached")
                                                                                      : "the ceiling reached on " + x.on->to_string()) +
                                                   ", but " + (reached_day ? "it was reached on " + reached_day->to_string() : std::string("it was not reached"))));
        break;
    }
    }
}

} // namespace

std::vector<ExampleOutcome> run_examples(const RuleSet& rules, const std::vector<std::string>& history_roots) {
    std::vector<ExampleOutcome> outcomes;
    for (const ExampleDecl& example : rules.top().examples) {
        ExampleOutcome outcome;
        outcome.example = &example;
        std::string text, name;
        if (example.history_path.empty()) {
            text = example.inline_history;
            name = example.history_span.where();
        } else {
            // A rule file reads only files inside the rule directories (lang/resolve.h).
            std::string why;
            auto found = confine(example.history_path, example.history_span.file->name, history_roots, false, why);
            name = found ? found->string() : example.history_path;
            auto read = found ? read_text_file(name, rules.limits.history_bytes, why, "history_bytes") : std::nullopt;
            if (!read) {
                outcome.failures.push_back(failure(example.history_span, found ? "cannot read the history `" + name + "`: " + why
                                                                          : "cannot read the history: " + why));
                outcomes.push_back(std::move(outcome));
                continue;
            }
            text = std::move(*read);
        }
        HistoryLoad loaded = load_history(text, name, rules.limits);
        for (auto& e : loaded.errors)
            outcome.failures.push_back(failure(example.history_span, "the history is not valid: " +
                                                                         (e.path.empty() ? "" : e.path + ": ") + e.message));
        if (loaded.history) {
            Evaluation evaluation = evaluate_history(rules, *loaded.history);
            for (auto& e : evaluation.errors) outcome.failures.push_back(e.render());
            if (evaluation.account) {
                for (const Expectation& x : example.expectations) {
                    try {
                        check(x, *evaluation.account, rules, *loaded.history, outcome.failures);
                    } catch (const EvalError& e) {
                        outcome.failures.push_back(e.render());
                    }
                }
            }
        }
        outcome.passed = outcome.failures.empty();
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

} // namespace carecap
