/* main.c: the smallest C host of an installed carecap: consumer_c RULES HISTORY prints the JSON result. */
#include <carecap/carecap.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    carecap_rules *rules = NULL;
    char *messages = NULL, *json = NULL, *error = NULL, *history = NULL;
    size_t length = 0;
    long size;
    int status = 1;
    FILE *file;

    if (argc != 3) return 2;
    if (carecap_rules_load(argv[1], NULL, &rules, &messages) != CARECAP_OK) {
        fputs(messages ? messages : "cannot load the rules\n", stderr);
        carecap_string_free(messages);
        return 1;
    }
    file = fopen(argv[2], "rb");
    if (file && fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0 &&
        (history = malloc((size_t)size + 1)) != NULL && fread(history, 1, (size_t)size, file) == (size_t)size) {
        if (carecap_evaluate(rules, history, (size_t)size, argv[2], &json, &length, &error) == CARECAP_OK) {
            fwrite(json, 1, length, stdout);
            status = 0;
        } else {
            fputs(error ? error : "out of memory\n", stderr);
        }
    } else {
        fprintf(stderr, "%s: cannot read the history\n", argv[2]);
    }
    if (file) fclose(file);
    free(history);
    carecap_string_free(json);
    carecap_string_free(error);
    carecap_string_free(messages);
    carecap_rules_free(rules);
    return status;
}
