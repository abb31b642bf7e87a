// carecap.hpp: the embedding interface. A host loads a rule set once (it is
// immutable and may be shared between threads) and evaluates histories:
//
//   auto loaded = carecap::load_rules("rules/minimal/cap.rules");
//   if (!loaded.rules) { std::cerr << loaded.diagnostics; return 1; }
//   auto result = carecap::evaluate_json(*loaded.rules, history_json_text);
//
// To choose rules by authority, bind them to a registry (load_rules_with_registry) and pass
// the AuthorityRules where a RuleSet goes.
//   if (result.ok) std::cout << result.json.dump(2);
//   else for (auto& e : result.errors) std::cerr << e << "\n";
#pragma once

// The header stands alone: it includes nothing of the engine but options.hpp, whose plain structs
// the engine shares. The rule set and the authorities' rules are opaque to a host: it holds them by
// pointer and passes them back.
#include "carecap/options.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace carecap {

struct RuleSet;

// A loaded rule set, or the reasons it could not be loaded.
struct LoadedRules {
    std::shared_ptr<const RuleSet> rules; // null when there are errors
    // Every error and warning of every file in the amended chain, rendered as `carecap check` prints
    // them (file:line:col, the line and a caret); empty when there are none.
    std::string diagnostics;
};

// Loads and checks a rule file (and the files it amends) with the inputs the
// care history format provides. `rule_roots` are further directories amended
// files may come from. `limits` bound the rule files and, kept by the rule set,
// every evaluation under it (docs/limits.md). `rules_path` lists the directories `amends NAME`
// (without `in "file"`) looks in, in order, after the amending file's own (the command line adds
// its shipped rules).
LoadedRules load_rules(const std::string& path, std::vector<std::string> rule_roots = {}, const Limits& limits = {},
                       std::vector<std::string> rules_path = {});

// The national rules at `path` bound to the authorities registry at `registry_path`
// (docs/authorities.md): every amending file the registry names for them is loaded here, once. A council's
// file may name the rules it amends by name alone (`amends england.current`): `rules_path` is where they are
// looked for, as for load_rules.
AuthorityRulesLoad load_rules_with_registry(const std::string& path, const std::string& registry_path,
                                            std::vector<std::string> rule_roots = {}, const Limits& limits = {},
                                            std::vector<std::string> rules_path = {});

// The rules a call evaluates under: one rule set for every authority (what a RuleSet converts
// to, so existing calls are unchanged), or rules chosen through a registry, each stretch of the
// history under the rules of the authority meeting the person's needs then.
struct RuleChoice {
    RuleChoice(const RuleSet& rules) : national(&rules) {}
    RuleChoice(const AuthorityRules& rules);
    const RuleSet* national;
    const AuthorityRules* by_authority = nullptr;
};

struct JsonResult {
    bool ok = false;
    nlohmann::json json;              // the result when ok
    std::vector<std::string> errors;  // rendered: JSON path or file:line:col, then the message
};

// Loads the history text and evaluates it: the JSON result of `carecap eval`.
JsonResult evaluate_json(const RuleChoice& rules, std::string_view history_json, std::string_view source_name = "history");
// The same with only the outputs named in `figures` in each stretch's `figures` (docs/language.md,
// "Outputs"); an empty list gives none. A name no rule set declares as an output is an error.
JsonResult evaluate_json(const RuleChoice& rules, std::string_view history_json, const std::vector<std::string>& figures,
                         std::string_view source_name = "history");

// One history as one line of `carecap batch` (docs/batch.md): the JSON result, byte for byte as
// evaluate_json's printed on one line, but written without building a JSON tree; or the compact line
// (`--compact`): the meters' totals and the totals of the outputs in `figures`, nothing else worked out.
enum class LineFormat { json, compact };
struct LineResult {
    bool ok = false;
    std::string line;                  // with its newline, when ok
    std::vector<std::string> errors;   // as JsonResult's
    bool first_meter_reached = false;  // the first meter (the care account) reached its ceiling
    std::string first_meter_total;     // its exact total ("601200/7"); empty without meters
};
// `figures`: the outputs reported (null: every output in JSON, none in a compact line); a name no rule set
// declares as an output is an error.
LineResult evaluate_to_line(const RuleChoice& rules, std::string_view history_json, LineFormat format,
                            const std::vector<std::string>* figures, std::string_view source_name = "history");

// The same evaluation explained in plain English (`carecap explain`, docs/explain.md): each figure
// worked out with its operands' values, the rule's file:line and the guidance it cites. `filter`
// narrows it to one figure (and what it rests on) or to the stretch holding one day; a figure or
// day that is not there is an error in `errors`.
JsonResult explain_text(const RuleChoice& rules, std::string_view history_json, std::string& text,
                        std::string_view source_name = "history", const ExplainFilter& filter = {});

// The same derivation as the versioned JSON tree of docs/explain.md ("carecap_explain": 1) in `json`.
JsonResult explain_json(const RuleChoice& rules, std::string_view history_json, const ExplainFilter& filter = {},
                        std::string_view source_name = "history");

// The care account statement (004, 3.7) on a date, as JSON (docs/statement.md): on `on_date`
// (YYYY-MM-DD) the statement of the schedule if one was issued that day, else one worked out on request
// for that day; when `on_date` is empty, the last statement issued on the schedule in the history.
JsonResult statement_json(const RuleChoice& rules, std::string_view history_json, std::string_view on_date = {},
                          std::string_view source_name = "history");

// The same statement as plain text, or as one self-contained HTML page with a chart of the progress
// towards the cap; `text` is set, and `json` holds the statement JSON, when ok.
JsonResult statement_text(const RuleChoice& rules, std::string_view history_json, std::string& text,
                          std::string_view on_date = {}, std::string_view source_name = "history");
JsonResult statement_html(const RuleChoice& rules, std::string_view history_json, std::string& html,
                          std::string_view on_date = {}, std::string_view source_name = "history");

// `carecap project --format json` for a starting position given as a JSON object whose members are the
// command's options (capital, income, fees; income_kind, setting, weeks, start, date_of_birth or age,
// projection: docs/embedding.md). The projection runs under the national rules; a member that is wrong is
// named by its path.
JsonResult project_json(const RuleChoice& rules, std::string_view start_json, std::string_view source_name = "start");

} // namespace carecap
