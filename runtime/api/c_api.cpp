// c_api.cpp: the C ABI of include/carecap/carecap.h, a thin shell over carecap.hpp. Each entry point
// catches everything, because a C++ exception unwinding into a C or Python caller is undefined behaviour.
// It is built into the shared library only (see CMakeLists.txt), not into carecap_core.
#include "carecap/carecap.h"
#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/authorities/authority_rules.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The handle: the rule set is shared and const, so concurrent evaluations need no lock.
struct carecap_rules {
    std::shared_ptr<const carecap::RuleSet> rules;
    std::shared_ptr<const carecap::AuthorityRules> by_authority; // when loaded with a registry
    carecap::RuleChoice choice() const {
        return by_authority ? carecap::RuleChoice(*by_authority) : carecap::RuleChoice(*rules);
    }
};

namespace {

// A copy the caller frees with carecap_string_free; malloc so that no C++ allocation failure escapes.
char* copy_out(std::string_view text) {
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (!copy) return nullptr;
    if (!text.empty()) std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

void set_text(char** out, std::string_view text) {
    if (out) *out = copy_out(text);
}

// Runs `body`, turning any exception into a status and an error text in the CLI's words.
template <class Body>
carecap_status guarded(char** out_error, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        set_text(out_error, "carecap: error: out of memory\n");
        return CARECAP_ERROR_MEMORY;
    } catch (const std::exception& e) {
        try {
            set_text(out_error, std::string("carecap: internal error: ") + e.what() + "\n");
        } catch (...) {
            set_text(out_error, "carecap: internal error\n");
        }
        return CARECAP_ERROR_INTERNAL;
    } catch (...) {
        set_text(out_error, "carecap: internal error: an unknown exception\n");
        return CARECAP_ERROR_INTERNAL;
    }
}

// Copies a result out; the only failure left is malloc's.
carecap_status hand_over(std::string_view text, char** out, size_t* out_length) {
    *out = copy_out(text);
    if (!*out) return CARECAP_ERROR_MEMORY;
    if (out_length) *out_length = text.size();
    return CARECAP_OK;
}

// The errors of an evaluation, one per line, exactly as `carecap eval` writes them to stderr.
std::string join_errors(const std::vector<std::string>& errors) {
    std::string text;
    for (const auto& e : errors) {
        text += e;
        if (!e.ends_with('\n')) text += '\n';
    }
    return text;
}

enum class Mode { json, explain, statement, project };

// A NULL-terminated list of names as a vector.
std::vector<std::string> figure_names(const char* const* figures) {
    std::vector<std::string> names;
    for (; *figures; ++figures) names.emplace_back(*figures);
    return names;
}

carecap_status evaluate(Mode mode, const carecap_rules* rules, const char* history, size_t history_length,
                        const char* source_name, char** out_result, size_t* out_length, char** out_error,
                        const char* on_date = nullptr, const char* const* figures = nullptr) {
    if (out_error) *out_error = nullptr;
    if (out_length) *out_length = 0;
    if (out_result) *out_result = nullptr;
    const char* function = mode == Mode::json      ? "carecap_evaluate"
                           : mode == Mode::explain ? "carecap_explain"
                           : mode == Mode::project ? "carecap_project"
                                                   : "carecap_statement";
    return guarded(out_error, [&]() -> carecap_status {
        const char* document = mode == Mode::project ? "start" : "history";
        const char* missing = !rules ? "rules" : !history ? document : !out_result ? "out_result" : nullptr;
        if (missing) {
            set_text(out_error, std::string(function) + ": " + missing + " is NULL\n");
            return CARECAP_ERROR_ARGUMENT;
        }
        std::string_view text(history, history_length);
        std::string_view name = source_name ? std::string_view(source_name) : std::string_view("history");
        carecap::JsonResult result;
        std::string explanation;
        const carecap::RuleChoice choice = rules->choice();
        if (mode == Mode::json && figures) result = carecap::evaluate_json(choice, text, figure_names(figures), name);
        else if (mode == Mode::json) result = carecap::evaluate_json(choice, text, name);
        else if (mode == Mode::explain) result = carecap::explain_text(choice, text, explanation, name);
        else if (mode == Mode::project) result = carecap::project_json(choice, text, source_name ? name : "start");
        else result = carecap::statement_json(choice, text, on_date ? on_date : "", name);
        if (!result.ok) {
            set_text(out_error, join_errors(result.errors));
            return CARECAP_ERROR_HISTORY;
        }
        if (mode == Mode::explain) return hand_over(explanation, out_result, out_length);
        std::string json = carecap::json_text(result.json); // the bytes `carecap eval` prints
        return hand_over(json, out_result, out_length);
    });
}

} // namespace

extern "C" {

const char* carecap_version(void) {
    return CARECAP_VERSION;
}

const char* carecap_status_name(carecap_status status) {
    switch (status) {
    case CARECAP_OK: return "CARECAP_OK";
    case CARECAP_ERROR_ARGUMENT: return "CARECAP_ERROR_ARGUMENT";
    case CARECAP_ERROR_RULES: return "CARECAP_ERROR_RULES";
    case CARECAP_ERROR_HISTORY: return "CARECAP_ERROR_HISTORY";
    case CARECAP_ERROR_MEMORY: return "CARECAP_ERROR_MEMORY";
    case CARECAP_ERROR_INTERNAL: return "CARECAP_ERROR_INTERNAL";
    }
    // A C caller can pass any int; say so rather than read past the switch.
    return "CARECAP_UNKNOWN_STATUS";
}

carecap_status carecap_rules_load(const char* path, const char* const* rule_dirs, carecap_rules** out_rules,
                                  char** out_messages) {
    return carecap_rules_load_limited(path, rule_dirs, nullptr, out_rules, out_messages);
}

carecap_status carecap_rules_load_limited(const char* path, const char* const* rule_dirs, const char* const* limits,
                                          carecap_rules** out_rules, char** out_messages) {
    if (out_messages) *out_messages = nullptr;
    if (out_rules) *out_rules = nullptr;
    return guarded(out_messages, [&]() -> carecap_status {
        const char* missing = !path ? "path" : !out_rules ? "out_rules" : nullptr;
        if (missing) {
            set_text(out_messages, std::string("carecap_rules_load: ") + missing + " is NULL\n");
            return CARECAP_ERROR_ARGUMENT;
        }
        std::vector<std::string> roots;
        for (const char* const* dir = rule_dirs; dir && *dir; ++dir) roots.emplace_back(*dir);
        carecap::Limits chosen;
        for (const char* const* limit = limits; limit && *limit; ++limit) {
            std::string setting(*limit);
            auto eq = setting.find('=');
            auto problem = eq == std::string::npos
                               ? std::optional<std::string>("a limit is NAME=VALUE, not \"" + setting + "\"")
                               : carecap::set_limit(chosen, setting.substr(0, eq), setting.substr(eq + 1));
            if (problem) {
                set_text(out_messages, "carecap_rules_load_limited: " + *problem + "\n");
                return CARECAP_ERROR_ARGUMENT;
            }
        }
        carecap::LoadResult loaded = carecap::load_rules_for_histories(path, std::move(roots), chosen);
        // Everything that may throw happens before the first string is handed out, so that an
        // exception can never leak one.
        std::unique_ptr<carecap_rules> handle;
        if (loaded.rules) handle.reset(new carecap_rules{std::move(loaded.rules), nullptr});
        std::string rendered = carecap::render(loaded.diagnostics);
        if (out_messages && !rendered.empty()) {
            *out_messages = copy_out(rendered);
            if (!*out_messages) return CARECAP_ERROR_MEMORY;
        }
        if (!handle) return CARECAP_ERROR_RULES;
        *out_rules = handle.release();
        return CARECAP_OK;
    });
}

carecap_status carecap_rules_load_with_registry(const char* path, const char* registry_path,
                                                const char* const* rule_dirs, carecap_rules** out_rules,
                                                char** out_messages) {
    if (out_messages) *out_messages = nullptr;
    if (out_rules) *out_rules = nullptr;
    return guarded(out_messages, [&]() -> carecap_status {
        const char* missing = !path ? "path" : !registry_path ? "registry_path" : !out_rules ? "out_rules" : nullptr;
        if (missing) {
            set_text(out_messages, std::string("carecap_rules_load_with_registry: ") + missing + " is NULL\n");
            return CARECAP_ERROR_ARGUMENT;
        }
        std::vector<std::string> roots;
        for (const char* const* dir = rule_dirs; dir && *dir; ++dir) roots.emplace_back(*dir);
        carecap::AuthorityRulesLoad bound = carecap::load_rules_with_registry(path, registry_path, std::move(roots));
        std::unique_ptr<carecap_rules> handle;
        if (bound.rules)
            handle.reset(new carecap_rules{std::shared_ptr<const carecap::RuleSet>(bound.rules, &bound.rules->national()),
                                           bound.rules});
        std::string rendered = join_errors(bound.errors);
        if (out_messages && !rendered.empty()) {
            *out_messages = copy_out(rendered);
            if (!*out_messages) return CARECAP_ERROR_MEMORY;
        }
        if (!handle) return CARECAP_ERROR_RULES;
        *out_rules = handle.release();
        return CARECAP_OK;
    });
}

carecap_status carecap_evaluate(const carecap_rules* rules, const char* history, size_t history_length,
                                const char* source_name, char** out_result, size_t* out_length, char** out_error) {
    return evaluate(Mode::json, rules, history, history_length, source_name, out_result, out_length, out_error);
}

carecap_status carecap_evaluate_figures(const carecap_rules* rules, const char* history, size_t history_length,
                                        const char* source_name, const char* const* figures, char** out_result,
                                        size_t* out_length, char** out_error) {
    return evaluate(Mode::json, rules, history, history_length, source_name, out_result, out_length, out_error, nullptr,
                    figures);
}

carecap_status carecap_explain(const carecap_rules* rules, const char* history, size_t history_length,
                               const char* source_name, char** out_text, size_t* out_length, char** out_error) {
    return evaluate(Mode::explain, rules, history, history_length, source_name, out_text, out_length, out_error);
}

carecap_status carecap_statement(const carecap_rules* rules, const char* history, size_t history_length,
                                 const char* source_name, const char* on_date, char** out_result, size_t* out_length,
                                 char** out_error) {
    return evaluate(Mode::statement, rules, history, history_length, source_name, out_result, out_length, out_error,
                    on_date);
}

carecap_status carecap_project(const carecap_rules* rules, const char* start, size_t start_length,
                               const char* source_name, char** out_result, size_t* out_length, char** out_error) {
    return evaluate(Mode::project, rules, start, start_length, source_name, out_result, out_length, out_error);
}

const char* carecap_rules_hash(const carecap_rules* rules) {
    return rules ? rules->rules->content_hash.c_str() : nullptr;
}

carecap_status carecap_evaluate_line(const carecap_rules* rules, const char* history, size_t history_length,
                                     const char* source_name, unsigned long line_number, char** out_line,
                                     size_t* out_length) {
    if (out_length) *out_length = 0;
    if (out_line) *out_line = nullptr;
    return guarded(nullptr, [&]() -> carecap_status {
        if (!rules || !history || !out_line) return CARECAP_ERROR_ARGUMENT;
        // Named as `carecap batch` names a line of a caseload in its messages: FILE:LINE.
        std::string name = std::string(source_name ? source_name : "stdin") + ":" + std::to_string(line_number);
        carecap::JsonResult result =
            carecap::evaluate_json(rules->choice(), std::string_view(history, history_length), name);
        if (result.ok) return hand_over(carecap::json_text(result.json, true), out_line, out_length);
        nlohmann::ordered_json error; // the line number first, as docs/batch.md shows it
        error["line"] = line_number;
        error["errors"] = result.errors;
        carecap_status written = hand_over(carecap::json_text(error, true), out_line, out_length);
        return written == CARECAP_OK ? CARECAP_ERROR_HISTORY : written;
    });
}

void carecap_rules_free(carecap_rules* rules) {
    delete rules; // the destructors of a rule set do not throw
}

void carecap_string_free(char* text) {
    std::free(text);
}

} // extern "C"
