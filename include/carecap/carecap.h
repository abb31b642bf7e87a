/* carecap.h: the C ABI of carecap, for hosts that are not C++ (C, Python ctypes, anything with an FFI).
 *
 * A host loads a rule set once into an opaque handle, then evaluates care histories (JSON text in, JSON
 * text or a plain-English explanation out) as often as it likes, from as many threads as it likes:
 *
 *     carecap_rules *rules = NULL;
 *     char *messages = NULL, *json = NULL, *error = NULL;
 *     if (carecap_rules_load("rules/minimal/cap.rules", NULL, &rules, &messages) != CARECAP_OK) {
 *         fputs(messages ? messages : "out of memory\n", stderr);
 *         carecap_string_free(messages);
 *         return 1;
 *     }
 *     carecap_string_free(messages);
 *     if (carecap_evaluate(rules, text, length, "history.json", &json, NULL, &error) == CARECAP_OK)
 *         fputs(json, stdout);
 *     else
 *         fputs(error ? error : "out of memory\n", stderr);
 *     carecap_string_free(json);
 *     carecap_string_free(error);
 *     carecap_rules_free(rules);
 *
 * Ownership: every string and handle this library returns is owned by the caller and must be released
 * with the matching free function (carecap_string_free, carecap_rules_free), never with free(): the
 * library and the host need not share an allocator. The functions that return `const char *`
 * (carecap_version, carecap_status_name) return static text that is never freed.
 *
 * Errors: every function that can fail returns a carecap_status, and the text of the error, when asked
 * for, is exactly what the `carecap` command line prints to standard error for the same input: rule-file
 * errors as FILE:LINE:COL with the line and a caret, history errors as NAME: JSON-PATH: message. No C++
 * exception ever leaves this library.
 *
 * Threads: a loaded rule set is immutable. Any number of threads may call carecap_evaluate and
 * carecap_explain on the same handle at the same time, with no locking by the host; loads may also run
 * concurrently. The one rule: carecap_rules_free must not run while another call is still using that
 * handle.
 *
 * The header is plain C89 and may be included from C++ as well. Documented in docs/embedding.md. */
#ifndef CARECAP_CARECAP_H
#define CARECAP_CARECAP_H

#include <stddef.h>

/* The version of this header. Compare with carecap_version() to detect a header that does not match the
 * library loaded at run time. */
#define CARECAP_VERSION_MAJOR 0
#define CARECAP_VERSION_MINOR 1
#define CARECAP_VERSION_PATCH 0
#define CARECAP_VERSION "0.1.0"

/* Only the functions below are exported from the shared library; everything else in it is hidden. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define CARECAP_API __attribute__((visibility("default")))
#else
#define CARECAP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* What a call came to. The numbers are part of the ABI and will not change. */
typedef enum carecap_status {
    CARECAP_OK = 0,             /* success */
    CARECAP_ERROR_ARGUMENT = 1, /* the caller broke the contract: a required pointer was NULL */
    CARECAP_ERROR_RULES = 2,    /* the rule file, or one it amends, cannot be read or has errors */
    CARECAP_ERROR_HISTORY = 3,  /* the history is not valid (JSON syntax, a missing or mistyped field, an
                                   overlap...) or the rules cannot evaluate it (a word they do not know) */
    CARECAP_ERROR_MEMORY = 4,   /* memory ran out; the error text may then be NULL */
    CARECAP_ERROR_INTERNAL = 5  /* a bug in carecap, never the input's fault: please report it */
} carecap_status;

/* A loaded, checked rule set: the file and every file it amends. Opaque; immutable once loaded. */
typedef struct carecap_rules carecap_rules;

/* The version of the library, e.g. "0.1.0". Static text: do not free. */
CARECAP_API const char *carecap_version(void);

/* The name of a status, e.g. "CARECAP_ERROR_HISTORY"; "CARECAP_UNKNOWN_STATUS" for a number that is not
 * one. Static text: do not free. */
CARECAP_API const char *carecap_status_name(carecap_status status);

/* Loads and checks the rule file at `path` (and every file it amends).
 *   rule_dirs     further directories an amended file may come from (as `carecap --rules-dir`), as an
 *                 array ending with a NULL pointer; NULL for none.
 *   out_rules     receives the handle on success, NULL otherwise. Required. Free with carecap_rules_free.
 *   out_messages  may be NULL. Otherwise receives every diagnostic rendered as `carecap check` prints it
 *                 (errors on failure, any warnings on success), or NULL when there is nothing to say.
 *                 Free with carecap_string_free.
 * Returns CARECAP_OK, CARECAP_ERROR_RULES, CARECAP_ERROR_ARGUMENT, CARECAP_ERROR_MEMORY or
 * CARECAP_ERROR_INTERNAL. */
CARECAP_API carecap_status carecap_rules_load(const char *path, const char *const *rule_dirs,
                                              carecap_rules **out_rules, char **out_messages);

/* carecap_rules_load with the host's limits (docs/limits.md): `limits` is an array of "NAME=VALUE" texts,
 * for example "history_bytes=1048576", ending with a NULL pointer; NULL for the defaults. The rule set
 * keeps them: every evaluation under it honours its evaluation and history limits. An unknown name or a
 * bad value gives CARECAP_ERROR_ARGUMENT with the reason in *out_messages. */
CARECAP_API carecap_status carecap_rules_load_limited(const char *path, const char *const *rule_dirs,
                                                      const char *const *limits, carecap_rules **out_rules,
                                                      char **out_messages);

/* The national rules at `path` bound to the authorities registry at `registry_path` (docs/authorities.md):
 * every rule file the registry names to amend them for an authority's residents is loaded and checked
 * here. Evaluations under the handle then put each part of a history under the rules of the authority
 * meeting the person's needs then (its `authority` and each move's `to_authority`). The other arguments,
 * the results and the thread safety are those of carecap_rules_load; a registry that cannot be read or
 * has errors (each named by its JSON path) gives CARECAP_ERROR_RULES. */
CARECAP_API carecap_status carecap_rules_load_with_registry(const char *path, const char *registry_path,
                                                            const char *const *rule_dirs,
                                                            carecap_rules **out_rules, char **out_messages);

/* Releases a rule set. NULL is allowed and does nothing. No other call may be using the handle. */
CARECAP_API void carecap_rules_free(carecap_rules *rules);

/* Evaluates a care history (JSON text, docs/history.md) under the rules.
 *   rules           a loaded rule set. Required.
 *   history         the JSON text, `history_length` bytes; it need not end with a NUL. Required, even
 *                   when the length is 0.
 *   source_name     how error messages name the history, e.g. its file name; NULL means "history".
 *   out_result      receives, on success, the care account as JSON (docs/result.md): the same text
 *                   `carecap eval` prints, indented by two spaces and ending with a newline; NULL
 *                   otherwise. Required. Free with carecap_string_free.
 *   out_length      may be NULL. Otherwise receives the length of *out_result in bytes, without the
 *                   terminating NUL (0 when there is no result).
 *   out_error       may be NULL. Otherwise receives, on failure, the error text (one line per problem, as
 *                   `carecap eval` prints it); NULL on success. Free with carecap_string_free.
 * Returns CARECAP_OK, CARECAP_ERROR_HISTORY, CARECAP_ERROR_ARGUMENT, CARECAP_ERROR_MEMORY or
 * CARECAP_ERROR_INTERNAL. Safe to call from many threads at once on the same rules. */
CARECAP_API carecap_status carecap_evaluate(const carecap_rules *rules, const char *history,
                                            size_t history_length, const char *source_name,
                                            char **out_result, size_t *out_length, char **out_error);

/* The same evaluation with only some of the outputs the rules declare (docs/language.md, "Outputs") in
 * each stretch's `figures` and in `figure_totals`. `figures` is a NULL-terminated list of output names
 * ({"person_pays", "assessed_charge", NULL}); NULL gives every output, as carecap_evaluate does, and a
 * list holding only NULL gives none. A name no rule set declares as an output gives
 * CARECAP_ERROR_HISTORY with "unknown figure" and the outputs (or "did you mean") in *out_error. The other
 * arguments, results and thread safety are those of carecap_evaluate. */
CARECAP_API carecap_status carecap_evaluate_figures(const carecap_rules *rules, const char *history,
                                                    size_t history_length, const char *source_name,
                                                    const char *const *figures, char **out_result,
                                                    size_t *out_length, char **out_error);

/* The same evaluation explained in plain English: the text `carecap explain` prints. The arguments,
 * results and thread safety are those of carecap_evaluate; the explanation may mention text from the
 * history, so read `out_length` rather than stopping at the first NUL if that matters to you. */
CARECAP_API carecap_status carecap_explain(const carecap_rules *rules, const char *history,
                                           size_t history_length, const char *source_name,
                                           char **out_text, size_t *out_length, char **out_error);

/* The care account statement on a date (docs/statement.md) as JSON: what `carecap statement --format
 * json` prints. `on_date` is "YYYY-MM-DD", or NULL for the last statement of the history's schedule. The
 * other arguments, results and thread safety are those of carecap_evaluate; a date the account cannot
 * give a statement for is CARECAP_ERROR_HISTORY with the reason in *out_error. */
CARECAP_API carecap_status carecap_statement(const carecap_rules *rules, const char *history,
                                             size_t history_length, const char *source_name,
                                             const char *on_date, char **out_result, size_t *out_length,
                                             char **out_error);

/* The projection of `carecap project --format json` (capital spent down week by week under the rules'
 * projection) for a starting position given as a JSON object, `start_length` bytes: its members are the
 * command's options, "capital", "income" and "fees" required as amounts in text ("239.50"), and
 * "income_kind", "setting", "weeks", "start", "date_of_birth" or "age", "projection" optional
 * (docs/embedding.md). It runs under the national rules even for a handle loaded with a registry.
 * `source_name` names the position in messages (NULL means "start"); a member that is wrong is
 * CARECAP_ERROR_HISTORY with its JSON path in *out_error. The other arguments, results and thread safety
 * are those of carecap_evaluate. */
CARECAP_API carecap_status carecap_project(const carecap_rules *rules, const char *start, size_t start_length,
                                           const char *source_name, char **out_result, size_t *out_length,
                                           char **out_error);

/* The SHA-256 of the rule set's text, every file of its chain in order ("sha256:..."): the `rules.hash`
 * of every result. Owned by the handle and valid while it lives: do not free. NULL for a NULL handle. */
CARECAP_API const char *carecap_rules_hash(const carecap_rules *rules);

/* The line `carecap batch` writes for a history read as line `line_number` of the caseload named
 * `source_name` (NULL means "stdin"): the result as compact JSON, or on failure the error object
 * {"line":N,"errors":[...]} (docs/batch.md), either ending with a newline. *out_line is set in both cases
 * (free it with carecap_string_free); the status is CARECAP_OK for a result and CARECAP_ERROR_HISTORY for
 * an error object, so that a host splitting a caseload over machines writes the bytes one `batch` would. */
CARECAP_API carecap_status carecap_evaluate_line(const carecap_rules *rules, const char *history,
                                                 size_t history_length, const char *source_name,
                                                 unsigned long line_number, char **out_line, size_t *out_length);

/* Releases a string this library returned. NULL is allowed and does nothing. */
CARECAP_API void carecap_string_free(char *text);

#ifdef __cplusplus
}
#endif

#endif /* CARECAP_CARECAP_H */
