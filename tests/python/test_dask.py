"""python3 -m carecap.dask against `carecap batch`: byte for byte over 10,000 generated histories on a
LocalCluster of two worker processes on loopback, once undisturbed and once with a worker killed while it
holds a partition (docs/scaling-out.md)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from carecap import partition
from carecap.rules import RuleSet
from conftest import ENGLAND_RULES, MINIMAL_RULES, batch_output

distributed = pytest.importorskip("distributed")

PARTITION = "carecap-partition-"


@pytest.fixture(scope="module")
def cluster():
    # Two worker processes under nannies: a killed worker is replaced, as on a real cluster.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local, distributed.Client(local) as client:
        yield local, client


@pytest.fixture(scope="module")
def expected(generated, tmp_path_factory):
    caseload = generated(10000, 16)
    return caseload, batch_output(MINIMAL_RULES, caseload, tmp_path_factory.mktemp("batch") / "batch.jsonl")


def start_dask(scheduler, caseload, out, partition_size):
    return subprocess.Popen([sys.executable, "-m", "carecap.dask", "--scheduler", scheduler,
                             "--rules", MINIMAL_RULES, str(caseload), "--out", str(out),
                             "--partition-size", str(partition_size)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_output_is_batch_byte_for_byte(cluster, expected, tmp_path):
    local, _ = cluster
    caseload, batch = expected
    run = start_dask(local.scheduler_address, caseload, tmp_path / "dask.jsonl", 500)
    _, stderr = run.communicate(timeout=240)
    assert run.returncode == 0, stderr.decode()
    assert (tmp_path / "dask.jsonl").read_bytes() == batch
    assert b"10000 histories, 0 errors" in stderr


def busy_worker(client, deadline):
    """A worker and the partition it is working on, as soon as the scheduler shows one."""
    while time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            held = [k for k in keys if str(k).startswith(PARTITION)]
            if held:
                return worker, held[0]
        time.sleep(0.005)
    raise AssertionError("no worker ever took a partition")


def held_by(client, worker):
    """The partitions `worker` is running or holds finished: what its death loses."""
    keys = list(client.processing([worker]).get(worker, ())) + list(client.has_what([worker]).get(worker, ()))
    return {str(k) for k in keys if str(k).startswith(PARTITION)}


def runs_of(client, keys):
    """How many times the scheduler sent each of `keys` to a worker."""
    def count(dask_scheduler, keys):
        return {key: sum(1 for entry in dask_scheduler.story(key) if entry[2] == "processing") for key in keys}
    return client.run_on_scheduler(count, keys=sorted(keys))


def test_a_killed_worker_loses_and_duplicates_nothing(cluster, expected, tmp_path):
    local, client = cluster
    caseload, batch = expected
    # Small partitions, so that there are many and a worker is killed with one in hand.
    run = start_dask(local.scheduler_address, caseload, tmp_path / "dask.jsonl", 100)
    victim, _ = busy_worker(client, time.monotonic() + 120)
    pid = client.run(os.getpid, workers=[victim])[victim]
    lost = held_by(client, victim)
    os.kill(pid, signal.SIGKILL)
    _, stderr = run.communicate(timeout=240)
    assert run.returncode == 0, stderr.decode()
    # Nothing lost, nothing written twice: batch's bytes exactly.
    assert (tmp_path / "dask.jsonl").read_bytes() == batch
    # And the kill did cost work: a partition the dead worker held was sent to a worker again. (Any of
    # them, not one in particular: the one it was running may have finished and been collected between
    # the look and the kill.)
    runs = runs_of(client, lost)
    assert lost and max(runs.values()) >= 2, runs


def test_a_partition_under_other_rules_is_refused():
    # A worker that joins after the client's check evaluates nothing under rules whose hash is not the
    # client's: the partition fails instead of writing results that differ silently.
    spec = {"rules": MINIMAL_RULES, "rule_dirs": [], "registry": None}
    with pytest.raises(partition.RulesMismatch, match=r"give every worker the same rule files"):
        partition.evaluate_partition(spec, "sha256:" + "0" * 64, "caseload", [(1, b"{}")])


def test_a_worker_with_other_rules_stops_the_run(cluster, expected, tmp_path):
    # Each worker is given another rule set under the client's path (England's reform rules where the
    # client has the minimal ones), as a worker with a stale or edited copy would have: the client's hash
    # check names the worker and nothing is written.
    local, client = cluster
    caseload, _ = expected
    client.wait_for_workers(2, timeout=60)
    key = (MINIMAL_RULES, (), None)

    def poison():
        from carecap import partition as on_worker
        on_worker._loaded[key] = RuleSet.load(ENGLAND_RULES)

    client.run(poison)
    try:
        run = start_dask(local.scheduler_address, caseload, tmp_path / "dask.jsonl", 500)
        _, stderr = run.communicate(timeout=120)
    finally:
        client.run(lambda: __import__("carecap.partition").partition._loaded.clear())
    assert run.returncode == 1, stderr.decode()
    assert b"has rules with hash" in stderr and b"nothing was evaluated" in stderr
    assert not (tmp_path / "dask.jsonl").exists()
