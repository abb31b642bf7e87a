/* evaluate.c: a small C host of carecap: evaluates a care history through the C ABI and prints the JSON.
 *
 *   evaluate [--rules FILE] [--rules-dir DIR]... [--explain] HISTORY
 *
 * FILE defaults to rules/minimal/cap.rules (run it from the top of the source tree). What it prints, on
 * standard output and standard error, and its exit status (0 success, 1 the rules or the history are at
 * fault, 2 a wrong command line) are those of `carecap eval --rules FILE HISTORY`, or with --explain of
 * `carecap explain`; the tests in tests/embedding/ hold it to that, byte for byte. Written in C89, so it
 * also proves the header is. */
#include <carecap/carecap.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file into a buffer the caller frees; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    size_t size = 0, capacity = 0;
    if (!file) return NULL;
    for (;;) {
        size_t got;
        if (size == capacity) {
            char *bigger;
            capacity = capacity ? capacity * 2 : 65536;
            bigger = (char *)realloc(text, capacity);
            if (!bigger) {
                free(text);
                fclose(file);
                errno = ENOMEM;
                return NULL;
            }
            text = bigger;
        }
        got = fread(text + size, 1, capacity - size, file);
        size += got;
        if (got == 0) break;
    }
    if (ferror(file)) {
        free(text);
        fclose(file);
        errno = EIO;
        return NULL;
    }
    fclose(file);
    *length = size;
    return text;
}

/* Prints the library's text for a failure, or the status name when there is none (memory ran out). */
static void report(carecap_status status, char *error) {
    if (error) fputs(error, stderr);
    else fprintf(stderr, "carecap: error: %s\n", carecap_status_name(status));
}

int main(int argc, char **argv) {
    const char *rules_path = "rules/minimal/cap.rules";
    const char *history_path = NULL;
    const char **rule_dirs;
    int dirs = 0, i, usage = 0, explain = 0, exit_status = 1;
    carecap_rules *rules = NULL;
    carecap_status status;
    char *history = NULL, *messages = NULL, *result = NULL, *error = NULL;
    size_t history_length = 0, result_length = 0;

    /* At most one directory per argument, and the list ends with NULL as carecap_rules_load wants. */
    rule_dirs = (const char **)calloc((size_t)argc + 1, sizeof *rule_dirs);
    if (!rule_dirs) return 1;
    for (i = 1; i < argc && !usage; ++i) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) rules_path = argv[++i];
        else if (strcmp(argv[i], "--rules-dir") == 0 && i + 1 < argc) rule_dirs[dirs++] = argv[++i];
        else if (strcmp(argv[i], "--explain") == 0) explain = 1;
        else if (!history_path && argv[i][0] != '-') history_path = argv[i];
        else usage = 1;
    }
    if (usage || !history_path) {
        fprintf(stderr, "usage: %s [--rules FILE] [--rules-dir DIR]... [--explain] HISTORY\n", argv[0]);
        free(rule_dirs);
        return 2;
    }

    /* The rule set is loaded once; a real host would keep the handle and evaluate many histories. */
    status = carecap_rules_load(rules_path, rule_dirs, &rules, &messages);
    if (messages) fputs(messages, stderr);
    if (status != CARECAP_OK) {
        if (!messages) report(status, NULL);
        goto done;
    }

    history = read_file(history_path, &history_length);
    if (!history) {
        fprintf(stderr, "%s: error: cannot read the history: %s\n", history_path, strerror(errno));
        goto done;
    }

    /* The history's path names it in error messages, as the command line does. */
    if (explain)
        status = carecap_explain(rules, history, history_length, history_path, &result, &result_length, &error);
    else
        status = carecap_evaluate(rules, history, history_length, history_path, &result, &result_length, &error);
    if (status != CARECAP_OK) {
        report(status, error);
        goto done;
    }
    fwrite(result, 1, result_length, stdout);
    /* A result that could not be written is a failure, not a success. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("evaluate: error: the output could not be written\n", stderr);
        goto done;
    }
    exit_status = 0;

done:
    carecap_string_free(error);
    carecap_string_free(result);
    carecap_string_free(messages);
    carecap_rules_free(rules);
    free(history);
    free(rule_dirs);
    return exit_status;
}
