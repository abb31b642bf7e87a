/* c_api_test.c: the contract of include/carecap/carecap.h that the examples do not exercise: NULL
 * arguments, every out-parameter on failure, status names, the version, and one rule set shared by many
 * threads giving each the same bytes as a lone evaluation.
 *
 *   c_api_test RULES HISTORY RULES_DIR */
#include <carecap/carecap.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define EXPECT(condition)                                                              \
    do {                                                                               \
        if (!(condition)) {                                                            \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #condition);      \
            ++failures;                                                                \
        }                                                                              \
    } while (0)

static int starts_with(const char *text, const char *prefix) {
    return text && strncmp(text, prefix, strlen(prefix)) == 0;
}

static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    char *text;
    long size;
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    size = ftell(file);
    rewind(file);
    text = malloc((size_t)size + 1);
    if (text && fread(text, 1, (size_t)size, file) != (size_t)size) {
        free(text);
        text = NULL;
    }
    fclose(file);
    if (text) text[size] = '\0';
    *length = (size_t)size;
    return text;
}

/* What a thread is given and what it found. */
struct job {
    const carecap_rules *rules;
    const char *history;
    size_t history_length;
    const char *expected_json;
    const char *expected_text;
    int mismatches;
};

enum { threads = 8, rounds = 20 };

/* Evaluates and explains over and over on the shared handle; every result must be the lone one. */
static void *work(void *argument) {
    struct job *job = argument;
    for (int i = 0; i < rounds; ++i) {
        char *out = NULL, *error = NULL;
        size_t length = 0;
        int explain = i % 2;
        carecap_status status =
            explain ? carecap_explain(job->rules, job->history, job->history_length, "h", &out, &length, &error)
                    : carecap_evaluate(job->rules, job->history, job->history_length, "h", &out, &length, &error);
        const char *expected = explain ? job->expected_text : job->expected_json;
        if (status != CARECAP_OK || error || length != strlen(expected) || memcmp(out, expected, length) != 0)
            ++job->mismatches;
        carecap_string_free(out);
        carecap_string_free(error);
    }
    return NULL;
}

/* Rules chosen through the registry (docs/authorities.md): a Wolverhampton resident moving to
 * Birmingham, each part under its authority's rules. RULES_DIR is the repository's rules/. */
static void check_registry(const char *rules_dir) {
    char reform[4096], registry[4096], example[4096];
    carecap_rules *bound = NULL;
    char *messages = NULL, *result = NULL, *error = NULL;
    char *history;
    size_t history_length = 0;
    snprintf(reform, sizeof reform, "%s/england/reform.rules", rules_dir);
    snprintf(registry, sizeof registry, "%s/authorities.json", rules_dir);
    snprintf(example, sizeof example, "%s/../examples/england/trailblazer-move.json", rules_dir);

    /* A registry that is not there: an error about the rules, naming it. */
    EXPECT(carecap_rules_load_with_registry(reform, "no/such/registry.json", NULL, &bound, &messages) ==
           CARECAP_ERROR_RULES);
    EXPECT(bound == NULL);
    EXPECT(starts_with(messages, "no/such/registry.json: cannot read the registry"));
    carecap_string_free(messages);
    EXPECT(carecap_rules_load_with_registry(reform, NULL, NULL, &bound, &messages) == CARECAP_ERROR_ARGUMENT);
    carecap_string_free(messages);

    EXPECT(carecap_rules_load_with_registry(reform, registry, NULL, &bound, &messages) == CARECAP_OK);
    EXPECT(messages == NULL);
    history = read_file(example, &history_length);
    EXPECT(history != NULL);
    if (!bound || !history) {
        carecap_rules_free(bound);
        free(history);
        return;
    }
    EXPECT(carecap_evaluate(bound, history, history_length, "trailblazer-move.json", &result, NULL, &error) == CARECAP_OK);
    /* 180 days at £500/7 in Wolverhampton from 2023-01-02, nothing in Birmingham until the national
     * start 2023-10-01, then 183 days there: (90,000 + 91,500)/7 = 181,500/7. */
    EXPECT(result && strstr(result, "\"total_exact\": \"181500/7\""));
    EXPECT(result && strstr(result, "\"name\": \"england.trailblazers_january_2023\""));
    carecap_string_free(result);
    carecap_string_free(error);
    result = error = NULL;
    {
        /* A choice of the outputs the rules declare: only those come back; a name that is none is refused. */
        /* The trailblazer move has no financial assessment, so of the reform's outputs only metered_rate
         * and authority_pays can be worked out on its stretches (docs/result.md); choose the first. */
        const char *const chosen[] = {"metered_rate", NULL};
        const char *const wrong[] = {"metered_rat", NULL};
        EXPECT(carecap_evaluate_figures(bound, history, history_length, "t.json", chosen, &result, NULL, &error) ==
               CARECAP_OK);
        EXPECT(result && strstr(result, "\"metered_rate\": ") && !strstr(result, "\"authority_pays\""));
        carecap_string_free(result);
        EXPECT(carecap_evaluate_figures(bound, history, history_length, "t.json", wrong, &result, NULL, &error) ==
               CARECAP_ERROR_HISTORY);
        EXPECT(result == NULL && starts_with(error, "unknown figure `metered_rat`: did you mean `metered_rate`?"));
        carecap_string_free(error);
    }
    carecap_rules_free(bound);
    free(history);
}

/* The version in the header is the library's; status names, including a number that is not a status;
 * freeing NULL does nothing. */
static void check_version_and_names(void) {
    EXPECT(strcmp(carecap_version(), CARECAP_VERSION) == 0);

    EXPECT(strcmp(carecap_status_name(CARECAP_OK), "CARECAP_OK") == 0);
    EXPECT(strcmp(carecap_status_name(CARECAP_ERROR_HISTORY), "CARECAP_ERROR_HISTORY") == 0);
    EXPECT(strcmp(carecap_status_name((carecap_status)99), "CARECAP_UNKNOWN_STATUS") == 0);

    carecap_rules_free(NULL);
    carecap_string_free(NULL);
}

/* Loading: NULL arguments, a missing file, optional messages; gives the rules at `path` loaded with
 * `rules_dir` on the rules path, or NULL. */
static carecap_rules *load_rules(const char *path, const char *rules_dir) {
    carecap_rules *rules = NULL;
    char *messages = NULL;
    carecap_status status;

    /* NULL arguments are the caller's fault, said in words, and every out-parameter is reset. */
    rules = (carecap_rules *)&messages; /* garbage the call must overwrite */
    status = carecap_rules_load(NULL, NULL, &rules, &messages);
    EXPECT(status == CARECAP_ERROR_ARGUMENT);
    EXPECT(rules == NULL);
    EXPECT(starts_with(messages, "carecap_rules_load: path is NULL"));
    carecap_string_free(messages);
    EXPECT(carecap_rules_load(path, NULL, NULL, NULL) == CARECAP_ERROR_ARGUMENT);

    /* A rule file that is not there: the command line's message, which names it. */
    status = carecap_rules_load("no/such/file.rules", NULL, &rules, &messages);
    EXPECT(status == CARECAP_ERROR_RULES);
    EXPECT(rules == NULL);
    EXPECT(starts_with(messages, "no/such/file.rules"));
    carecap_string_free(messages);

    /* Messages are optional, and a clean file has none. */
    status = carecap_rules_load(path, NULL, &rules, NULL);
    EXPECT(status == CARECAP_OK);
    carecap_rules_free(rules);
    {
        const char *dirs[2];
        dirs[0] = rules_dir;
        dirs[1] = NULL;
        status = carecap_rules_load(path, dirs, &rules, &messages);
    }
    EXPECT(status == CARECAP_OK);
    EXPECT(rules != NULL);
    EXPECT(messages == NULL);
    return status == CARECAP_OK ? rules : NULL;
}

/* NULL arguments to an evaluation, and histories that are not histories. */
static void check_bad_evaluations(const carecap_rules *rules, const char *history, size_t history_length) {
    char *json = NULL, *text = NULL, *error = NULL;
    size_t length = 0;
    carecap_status status;

    json = error = (char *)history;
    length = 7;
    EXPECT(carecap_evaluate(NULL, history, history_length, NULL, &json, &length, &error) == CARECAP_ERROR_ARGUMENT);
    EXPECT(json == NULL && length == 0);
    EXPECT(starts_with(error, "carecap_evaluate: rules is NULL"));
    carecap_string_free(error);
    EXPECT(carecap_explain(rules, NULL, 0, NULL, &text, NULL, &error) == CARECAP_ERROR_ARGUMENT);
    EXPECT(starts_with(error, "carecap_explain: history is NULL"));
    carecap_string_free(error);
    EXPECT(carecap_evaluate(rules, history, history_length, NULL, NULL, NULL, NULL) == CARECAP_ERROR_ARGUMENT);

    /* A bad history: no result, the error names the source, "history" by default. */
    json = (char *)history;
    status = carecap_evaluate(rules, "{", 1, NULL, &json, &length, &error);
    EXPECT(status == CARECAP_ERROR_HISTORY);
    EXPECT(json == NULL && length == 0);
    EXPECT(starts_with(error, "history: "));
    carecap_string_free(error);
    /* A NUL inside the given length is invalid JSON at its place, never the end of the history. */
    {
        static const char with_nul[] = "{\"carecap_history\": 1}\0{\"care_periods\": []}";
        status = carecap_evaluate(rules, with_nul, sizeof with_nul - 1, NULL, &json, &length, &error);
        EXPECT(status == CARECAP_ERROR_HISTORY);
        EXPECT(json == NULL && length == 0);
        /* `{"carecap_history": 1}` is 22 bytes: the NUL is the 23rd, line 1, column 23. */
        EXPECT(error && strstr(error, "at line 1, column 23: a NUL byte (0x00)") != NULL);
        carecap_string_free(error);
    }
    status = carecap_evaluate(rules, "{\"care_periods\": 1}", 19, "mine.json", &json, NULL, &error);
    EXPECT(status == CARECAP_ERROR_HISTORY);
    EXPECT(starts_with(error, "mine.json: "));
    carecap_string_free(error);
    /* An empty history is a history error too. */
    EXPECT(carecap_evaluate(rules, "", 0, NULL, &json, NULL, NULL) == CARECAP_ERROR_HISTORY);
}

/* The host's limits: a rule set loaded with a history limit of 100 bytes refuses this history (675
 * bytes) naming the limit; an unknown limit is the caller's mistake, said in words. */
static void check_limits(const char *rules_path, const char *history, size_t history_length) {
    const char *small[2];
    const char *unknown[2];
    carecap_rules *limited = NULL;
    char *result = NULL, *error = NULL, *messages = NULL;
    small[0] = "history_bytes=100";
    small[1] = NULL;
    unknown[0] = "speed=9";
    unknown[1] = NULL;
    EXPECT(carecap_rules_load_limited(rules_path, NULL, small, &limited, NULL) == CARECAP_OK);
    EXPECT(carecap_evaluate(limited, history, history_length, "h", &result, NULL, &error) == CARECAP_ERROR_HISTORY);
    EXPECT(result == NULL && error && strstr(error, "(the limit history_bytes)"));
    carecap_string_free(error);
    carecap_rules_free(limited);
    EXPECT(carecap_rules_load_limited(rules_path, NULL, unknown, &limited, &messages) == CARECAP_ERROR_ARGUMENT);
    EXPECT(limited == NULL && messages && strstr(messages, "there is no limit called `speed`"));
    carecap_string_free(messages);
}

/* A statement: these minimal rules declare no statement schedule, so there is none to give, and the
 * reason comes back as a history error; a NULL history is the caller's mistake. */
static void check_statement(const carecap_rules *rules, const char *history, size_t history_length) {
    char *result = NULL, *error = NULL;
    EXPECT(carecap_statement(rules, history, history_length, "h", NULL, &result, NULL, &error) ==
           CARECAP_ERROR_HISTORY);
    EXPECT(result == NULL && error != NULL);
    carecap_string_free(error);
    EXPECT(carecap_statement(rules, NULL, 0, "h", "2024-01-01", &result, NULL, &error) == CARECAP_ERROR_ARGUMENT);
    EXPECT(starts_with(error, "carecap_statement: history is NULL"));
    carecap_string_free(error);
}

/* The calls for hosts that split a caseload and project: the hash every result carries, a batch line for a
 * good history and an error object for a bad one (numbered as batch numbers it), and a projection's NULLs. */
static void check_lines_and_projection(const carecap_rules *rules, const char *history, size_t history_length,
                                       const char *json) {
    char *line = NULL, *error = NULL, *result = NULL;
    size_t length = 0;
    const char *hash = carecap_rules_hash(rules);
    EXPECT(starts_with(hash, "sha256:") && strstr(json, hash) != NULL);
    EXPECT(carecap_rules_hash(NULL) == NULL);
    EXPECT(carecap_evaluate_line(rules, history, history_length, "caseload", 3, &line, &length) == CARECAP_OK);
    EXPECT(line && length == strlen(line) && line[0] == '{' && strchr(line, '\n') == line + length - 1);
    carecap_string_free(line);
    EXPECT(carecap_evaluate_line(rules, "{}", 2, "caseload", 7, &line, NULL) == CARECAP_ERROR_HISTORY);
    EXPECT(starts_with(line, "{\"line\":7,\"errors\":[\"caseload:7: "));
    carecap_string_free(line);
    EXPECT(carecap_evaluate_line(rules, NULL, 0, NULL, 1, &line, NULL) == CARECAP_ERROR_ARGUMENT && line == NULL);
    EXPECT(carecap_project(rules, NULL, 0, NULL, &result, NULL, &error) == CARECAP_ERROR_ARGUMENT);
    EXPECT(starts_with(error, "carecap_project: start is NULL") && result == NULL);
    carecap_string_free(error);
    EXPECT(carecap_project(rules, "{\"weeks\": 0}", 12, NULL, &result, NULL, &error) == CARECAP_ERROR_HISTORY);
    EXPECT(strstr(error, "start: weeks: expected a whole number from 1 to 5200, found 0") != NULL);
    carecap_string_free(error);
}

/* Many threads, one handle: each must get the lone results, `json` and `text`. */
static void check_threads(const carecap_rules *rules, const char *history, size_t history_length, const char *json,
                          const char *text) {
    pthread_t ids[threads];
    struct job jobs[threads];
    int t, mismatches = 0;
    for (t = 0; t < threads; ++t) {
        jobs[t].rules = rules;
        jobs[t].history = history;
        jobs[t].history_length = history_length;
        jobs[t].expected_json = json;
        jobs[t].expected_text = text;
        jobs[t].mismatches = 0;
        EXPECT(pthread_create(&ids[t], NULL, work, &jobs[t]) == 0);
    }
    for (t = 0; t < threads; ++t) {
        pthread_join(ids[t], NULL);
        mismatches += jobs[t].mismatches;
    }
    EXPECT(mismatches == 0);
}

int main(int argc, char **argv) {
    carecap_rules *rules = NULL;
    char *json = NULL, *text = NULL, *error = NULL;
    size_t history_length = 0, length = 0;
    char *history;
    carecap_status status;

    if (argc != 4) {
        fprintf(stderr, "usage: c_api_test RULES HISTORY RULES_DIR\n");
        return 2;
    }
    history = read_file(argv[2], &history_length);
    if (!history) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 1;
    }
    check_version_and_names();
    rules = load_rules(argv[1], argv[3]);
    if (!rules) return 1;
    check_bad_evaluations(rules, history, history_length);

    /* The text need not end with a NUL: from here on the history is an exact-size copy. */
    {
        char *exact = malloc(history_length);
        if (!exact) return 1;
        memcpy(exact, history, history_length);
        free(history);
        history = exact;
    }

    /* The lone results: JSON ending with a newline, the explanation, and no error text. */
    status = carecap_evaluate(rules, history, history_length, "h", &json, &length, &error);
    EXPECT(status == CARECAP_OK);
    EXPECT(error == NULL);
    EXPECT(json && length == strlen(json) && length > 2 && json[0] == '{' && strcmp(json + length - 2, "}\n") == 0);
    status = carecap_explain(rules, history, history_length, "h", &text, NULL, &error);
    EXPECT(status == CARECAP_OK);
    EXPECT(text && strstr(text, "reached on 2026-08-01"));
    if (!json || !text) return 1;

    check_limits(argv[1], history, history_length);
    check_statement(rules, history, history_length);
    check_lines_and_projection(rules, history, history_length, json);
    check_threads(rules, history, history_length, json, text);

    carecap_string_free(json);
    carecap_string_free(text);
    carecap_rules_free(rules);
    free(history);
    check_registry(argv[3]);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("the C ABI keeps its contract, on %d threads at once\n", (int)threads);
    return 0;
}
