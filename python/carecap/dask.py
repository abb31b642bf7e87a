"""python3 -m carecap.dask: `carecap batch` spread over a Dask distributed cluster (docs/scaling-out.md).

    python3 -m carecap.dask --scheduler tcp://10.0.0.5:8786 --rules rules/england/reform.rules \\
        caseload.jsonl --out results.jsonl

The client cuts the caseload into partitions of whole lines, each worker evaluates its partitions through
the carecap package, and the client writes the partitions' bytes in input order: the file one `carecap
batch` would write. Every worker loads the rule files from the same path (relative to its working
directory, as the client's) and its rule-set hash is checked against the client's before it evaluates
anything. A partition is pure (its bytes depend only on its lines and the rules), so when a worker dies
the scheduler runs its partitions again elsewhere: nothing is lost, and since the client writes partition
i once, from whichever run finished, nothing is written twice.
"""

import argparse
import os
import sys
import time

from . import partition
from .errors import CarecapError
from .rules import RuleSet

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python3 -m carecap.dask",
        description="Evaluate a caseload of JSON lines on a Dask cluster: the bytes `carecap batch` writes.")
    parser.add_argument("--scheduler", required=True, help="the Dask scheduler's address, e.g. tcp://host:8786")
    parser.add_argument("--rules", required=True, help="the rule file, at the same path on every worker")
    parser.add_argument("--rules-dir", action="append", default=[], help="a further directory of rule files")
    parser.add_argument("--registry", help="an authorities registry (docs/authorities.md)")
    parser.add_argument("--out", required=True, help="the results file (JSON lines)")
    parser.add_argument("--partition-size", type=int, default=500, help="histories per partition (500)")
    parser.add_argument("input", help="the caseload: JSON lines, one history a line; - for standard input")
    options = parser.parse_args(argv)
    if options.partition_size < 1:
        parser.error("--partition-size must be at least 1")
    return options


def output_overwrites_input(options):
    """As `carecap batch` refuses it: --out naming the caseload or the rule file would destroy it first."""
    for given in (options.input, options.rules):
        if given != "-" and os.path.exists(given) and os.path.exists(options.out) \
                and os.path.samefile(given, options.out):
            return (f"carecap.dask: error: --out is the same file as {given}: writing the results there would "
                    "destroy it first; choose another file")
    return None


def check_workers(client, spec, expected_hash):
    """Every worker's hash for the rules, compared with the client's before any partition is sent; a
    worker that joins later is checked by each partition it runs (partition.evaluate_partition)."""
    try:
        found = client.run(partition.worker_hash, spec)
    except CarecapError as problem:
        print(f"carecap.dask: error: a worker cannot load the rules:\n{problem}", file=sys.stderr)
        return False
    wrong = {address: seen for address, seen in found.items() if seen["hash"] != expected_hash}
    for address, seen in sorted(wrong.items()):
        print(f"carecap.dask: error: worker {address} (in {seen['cwd']}) has rules with hash {seen['hash']}; "
              f"the client's {spec['rules']} is {expected_hash}", file=sys.stderr)
    return not wrong and bool(found)


def run(client, options, records, expected_hash):
    """Sends the partitions, writes their bytes in input order; the number of error lines."""
    spec = {"rules": options.rules, "rule_dirs": options.rules_dir, "registry": options.registry}
    source_name = "stdin" if options.input == "-" else options.input
    pieces = partition.partitions(records, options.partition_size)
    # pure=False: each partition is one task with a key of its own, run again only if its worker is lost.
    futures = [client.submit(partition.evaluate_partition, spec, expected_hash, source_name, piece,
                             pure=False, key=f"carecap-partition-{index}-{time.time_ns()}")
               for index, piece in enumerate(pieces)]
    errors = 0
    with open(options.out, "wb") as out:
        for future in futures:
            data, bad = future.result()
            out.write(data)
            errors += bad
            future.release()  # the worker may forget the partition once it is written
    return errors


def main(argv=None):
    options = parse_arguments(argv)
    from distributed import Client  # only here, so `--help` works without it
    from distributed.scheduler import KilledWorker

    refused = output_overwrites_input(options)
    if refused:
        print(refused, file=sys.stderr)
        return EXIT_ERRORS

    try:
        rules = RuleSet.load(options.rules, rule_dirs=options.rules_dir, registry=options.registry)
    except CarecapError as problem:
        print(problem, file=sys.stderr)
        return EXIT_ERRORS
    if options.input == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(options.input, "rb") as caseload:
            data = caseload.read()
    records = partition.read_records(data)
    started = time.monotonic()
    with Client(options.scheduler) as client:
        spec = {"rules": options.rules, "rule_dirs": options.rules_dir, "registry": options.registry}
        if not check_workers(client, spec, rules.hash):
            print("carecap.dask: error: no worker has the client's rules; nothing was evaluated", file=sys.stderr)
            return EXIT_ERRORS
        try:
            errors = run(client, options, records, rules.hash)
        except (CarecapError, partition.RulesMismatch) as problem:
            # A worker that joined after the check, with other rules or none: the output is incomplete.
            print(f"carecap.dask: error: {problem}\n{options.out} is incomplete", file=sys.stderr)
            return EXIT_ERRORS
        except KilledWorker as problem:
            # Dask retries a partition whose worker dies, up to its allowed_failures; past that it gives up.
            print(f"carecap.dask: error: workers kept dying while evaluating a partition ({problem}); "
                  f"{options.out} is incomplete: run the command again, the same input gives the same bytes",
                  file=sys.stderr)
            return EXIT_ERRORS
    print(f"carecap.dask: {len(records)} histories, {errors} errors, {time.monotonic() - started:.3f} s",
          file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
