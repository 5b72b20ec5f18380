"""Incremental reruns and the Dask engine: same tables as a cold, local run."""

import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_info, threadpool_limits

import toolkit
from toolkit.nlp import model, parse, runtime
from toolkit.nlp.records import extract
from toolkit.paths import PROJECT_ROOT

TABLES = ("articles", "mentions", "entities", "quotes")


def seeds(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PROJECT_ROOT / "data" / "raw", raw)
    return raw


def assert_same_tables(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def parsed(out):
    return json.loads((out / "run.json").read_text())["parsed"]


def test_incremental_run_parses_only_new_text_and_equals_a_cold_run(tmp_path, monkeypatch):
    raw, out = seeds(tmp_path), tmp_path / "out"
    toolkit.run(raw, out, progress=False)
    assert parsed(out) == 5
    added = raw / "added.txt"
    added.write_text((raw / "000_f018dc39b27d5f92.txt").read_text().replace("cautious optimism", "careful hope"))
    warm = toolkit.run(raw, out, progress=False)
    assert parsed(out) == 1
    cold = toolkit.run(raw, tmp_path / "cold", progress=False)
    assert_same_tables(warm, cold)
    monkeypatch.setattr(model, "EXTRACTION_VERSION", "test-bump")
    toolkit.run(raw, out, progress=False)
    assert parsed(out) == 6  # a new extraction version invalidates every cached record


def test_the_run_summary_says_where_the_time_went(tmp_path):
    raw, out = seeds(tmp_path), tmp_path / "out"
    started = time.perf_counter()
    toolkit.run(raw, out, progress=False, force=True)
    wall = time.perf_counter() - started
    seconds = json.loads((out / "run.json").read_text())["seconds"]
    assert list(seconds) == ["setup", "first_pass", "main_pass", "second_pass"]
    assert all(value > 0 for value in seconds.values())
    assert sum(seconds.values()) <= wall  # each stage counted once: together no more than the run took


def test_load_reruns_only_when_the_folder_changed(tmp_path):
    raw, out = seeds(tmp_path), tmp_path / "out"
    first = toolkit.load(out, raw_dir=raw, progress=False)
    stamp = (out / "run.json").read_text()
    again = toolkit.load(out, raw_dir=raw, progress=False)
    assert (out / "run.json").read_text() == stamp
    assert_same_tables(first, again)
    (raw / "001_7465d4708b195e5a.txt").unlink()
    assert len(toolkit.load(out, raw_dir=raw, progress=False).articles) == 4


def test_dask_engine_on_two_workers_equals_the_local_engine(tmp_path):
    raw = seeds(tmp_path)  # files are cleaned on the workers too: bad ones must get the same report rows
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    shutil.copy(raw / "001_7465d4708b195e5a.txt", raw / "copy.txt")
    local = toolkit.run(raw, tmp_path / "local", progress=False)
    remote = toolkit.run(raw, tmp_path / "dask", progress=False, engine="dask", workers=2)
    assert parsed(tmp_path / "dask") == 5
    assert_same_tables(local, remote)
    report = pd.read_csv(tmp_path / "dask" / "report.csv")
    pd.testing.assert_frame_equal(report, pd.read_csv(tmp_path / "local" / "report.csv"))
    assert (report["status"] == "skipped").sum() == 3


def test_bad_scheduler_address_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "toolkit", "run", "data/raw", "--out", str(out), "--engine", "dask",
                             "--scheduler", "tcp://127.0.0.1:9", "--quiet"], cwd=PROJECT_ROOT, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: cannot reach the Dask scheduler")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_two_local_processes_equal_one(tmp_path):
    raw = seeds(tmp_path)
    one = toolkit.run(raw, tmp_path / "one", progress=False)
    two = toolkit.run(raw, tmp_path / "two", progress=False, n_process=2)
    assert parsed(tmp_path / "two") == 5
    assert_same_tables(one, two)


def test_tables_are_read_when_first_used(tmp_path):
    tables = toolkit.run(seeds(tmp_path), tmp_path / "out", progress=False)
    assert "mentions" not in vars(tables)  # nothing held after the run
    assert len(tables.articles) == 5 and "mentions" not in vars(tables)
    assert tables.mentions["article_id"].isin(tables.articles["article_id"]).all()


def blas_threads() -> int:
    return max(library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas")


def test_parsing_multiplies_on_one_blas_thread_and_gives_the_threads_back(nlp):
    during = []

    def record(doc):
        during.append(blas_threads())
        return extract(doc)

    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() == 2
        results = list(parse.parse_locally(nlp, record, [("a", "k1", "Ana Lind said so."), ("b", "k2", "Piet Berg agreed.")]))
        assert blas_threads() == 2
    assert during == [1, 1] and [item_id for item_id, _, _ in results] == ["a", "b"]


def test_a_run_cleans_on_one_blas_thread_too_and_gives_the_threads_back(tmp_path, monkeypatch):
    """The cleaner's small matrix products would otherwise wake every OpenBLAS thread (CPU spent spinning)."""
    from toolkit.ingest import folder

    during = []

    def clean_file(job, shared=None):
        during.append(blas_threads())
        return cleaned(job, shared)

    cleaned = folder.clean_file
    monkeypatch.setattr(folder, "clean_file", clean_file)
    with threadpool_limits(limits=2, user_api="blas"):
        toolkit.run(seeds(tmp_path), tmp_path / "out", progress=False)
        assert blas_threads() == 2
    assert during == [1] * 5


def huge_pages_disabled() -> int:
    return runtime._libc("prctl")(runtime.PR_GET_THP_DISABLE, 0, 0, 0, 0)


def process_settings() -> tuple[int, int, bool]:
    """(huge pages disabled, open kept-heap blocks, objects frozen) of this process."""
    return huge_pages_disabled(), runtime._heap_holders, gc.get_freeze_count() > 0


def test_a_run_and_its_parsing_set_the_process_and_give_every_setting_back(tmp_path, monkeypatch, nlp):
    """Small pages, a kept heap and the pipeline out of garbage collection, for the run's cleaning and
    parsing (see toolkit.nlp.runtime); afterwards the process is as it was."""
    from toolkit.ingest import folder

    before = process_settings()  # (0, 0, False) unless whatever started the tests set them already
    during = []

    def record(doc):
        during.append(process_settings()[:2])
        return extract(doc)

    list(parse.parse_locally(nlp, record, [("a", "k1", "Ana Lind said so.")]))

    def clean_file(job, shared=None):
        during.append(process_settings())
        return cleaned(job, shared)

    cleaned = folder.clean_file
    monkeypatch.setattr(folder, "clean_file", clean_file)
    toolkit.run(seeds(tmp_path), tmp_path / "out", progress=False)
    assert during == [(1, 1)] + [(1, 1, True)] * 5 and process_settings() == before


def test_a_run_leaves_objects_the_caller_froze_frozen(tmp_path):
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        toolkit.run(seeds(tmp_path), tmp_path / "out", progress=False)
        assert gc.get_freeze_count() > frozen / 2  # not handed back to the collector (some of them died meanwhile)
    finally:
        gc.unfreeze()


def fresh_array_faults(megabytes: int = 48) -> int:
    """Page faults taken by writing a fresh array of this size, which is then freed."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    np.ones(megabytes << 20, dtype=np.uint8)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_a_kept_heap_gives_a_freed_array_to_the_next_and_lets_go_at_the_end():
    """A parse allocates arrays of tens of megabytes per batch: mapped and unmapped each time, every one of their pages is faulted in again."""
    assert runtime._libc("mallopt") is not None  # Linux with glibc, where the toolkit is tested
    with runtime.small_pages():
        fresh_array_faults()
        mapped = fresh_array_faults()
        with runtime.kept_heap():
            fresh_array_faults()
            kept = fresh_array_faults()
        after = fresh_array_faults()
    pages = (48 << 20) // resource.getpagesize()
    assert mapped > pages / 2 and kept < pages / 20 and after > pages / 2


def test_parsing_goes_a_window_at_a_time_and_every_article_comes_back_once(monkeypatch):
    monkeypatch.setattr(parse, "WINDOW", 2)
    pipeline = model.build_pipeline()
    texts = [(f"a{i}", f"Article {i} says Anna Smith met officials in Paris on day {i}.") for i in range(5)]
    calls = []

    def engine(pending):
        calls.append([text.split()[1] for _, _, text in pending])  # the article's number
        return parse.parse_locally(pipeline, extract, pending)

    results = list(parse.analyse(iter(texts), pipeline, extract, engine=engine))
    assert calls == [["0", "1"], ["2", "3"], ["4"]]
    assert sorted(item_id for item_id, _, _ in results) == [f"a{i}" for i in range(5)]
    assert all(record["mentions"] for _, record, _ in results)


def test_an_engine_gets_the_next_windows_before_the_first_results_are_read(monkeypatch):
    monkeypatch.setattr(parse, "WINDOW", 1)
    pipeline = model.build_pipeline()
    texts = [(f"a{i}", f"Article {i} quotes Anna Smith.") for i in range(5)]
    sent, read = [], []

    def engine(pending):
        sent.append(pending[0][0])

        def results():
            read.append(len(sent))  # how many windows were sent when this one's results are read
            yield from parse.parse_locally(pipeline, extract, pending)

        return results()

    assert len(list(parse.analyse(iter(texts), pipeline, extract, engine=engine))) == 5
    assert read[0] == parse.WINDOWS_IN_FLIGHT + 1 and read[-1] == 5


def test_records_come_back_in_the_items_order_whatever_parsed_them_and_whatever_was_cached(tmp_path, monkeypatch):
    """The canonical entities count records in the order they come: the same order for every engine and cache."""
    from toolkit.nlp.cache import RecordCache

    monkeypatch.setattr(parse, "WINDOW", 3)
    pipeline = model.build_pipeline()
    texts = [(f"a{i}", f"Article {i} quotes Anna Smith in Paris.") for i in range(7)] + [("a3", "Another text with the id a3.")]

    def backwards(pending):  # an engine whose last article is parsed first
        return reversed(list(parse.parse_locally(pipeline, extract, pending)))

    for engine in (None, backwards):
        cache = RecordCache(tmp_path / f"{engine is None}.sqlite")
        list(parse.analyse(iter(texts[3:6]), pipeline, extract, cache))  # the second window is all cached: it waits for the first
        results = list(parse.analyse(iter(texts), pipeline, extract, cache, engine=engine))
        assert [item_id for item_id, _, _ in results] == [item_id for item_id, _ in texts]
        assert [was_cached for _, _, was_cached in results] == [False, False, False, True, True, True, False, False]
        assert results[3][1]["sentences"] != results[7][1]["sentences"]  # one id twice: each text keeps its own record


def test_local_dask_workers_do_not_trim_memory_after_every_allocation():
    from distributed import Client

    from toolkit.engines.cluster import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        found = client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        single_threaded = client.run(os.environ.get, "OMP_NUM_THREADS")
    assert list(found.values()) == [None]
    assert list(single_threaded.values()) == ["1"]  # the rest of Dask's worker settings stay


def _loop_callbacks(dask_worker):
    return sorted(dask_worker.periodic_callbacks), dask_worker.periodic_callbacks["tick"].callback_time


def test_local_dask_cluster_runs_nothing_that_only_feeds_a_dashboard():
    import dask
    from distributed import Client

    from toolkit.engines.cluster import local_cluster

    settings = dask.config.get("distributed.worker.profile.enabled"), dask.config.get("distributed.admin.tick.interval")
    with local_cluster(1) as cluster, Client(cluster) as client:
        [(callbacks, tick)] = client.run(_loop_callbacks).values()
        scheduler_tick = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.periodic_callbacks["tick"].callback_time)
    assert "profile" not in callbacks and "heartbeat" in callbacks  # no stack sampling; the worker still reports to its scheduler
    assert tick == scheduler_tick == 1000  # milliseconds
    assert (dask.config.get("distributed.worker.profile.enabled"), dask.config.get("distributed.admin.tick.interval")) == settings


def _where_and_what(item, shared):
    import os

    return item, os.getpid(), id(shared), shared["offset"] + item


def _copies_per_worker(results: list[tuple]) -> dict[int, set[int]]:
    """For each worker of :func:`_where_and_what`'s results, the distinct shared objects it used."""
    copies: dict[int, set[int]] = {}
    for _, pid, copy, _ in results:
        copies.setdefault(pid, set()).add(copy)
    return copies


def test_worker_processes_clean_in_order_and_start_with_what_the_caller_loaded():
    import os

    from toolkit.engines import local, workers
    from toolkit.entities.aliases import read_aliases

    aliases = read_aliases()
    pipeline = model.build_pipeline(None, aliases)
    shared = {"offset": 100}
    with local.ProcessEngine(2, None, aliases, pipeline) as engine:
        results = list(engine.map(_where_and_what, range(40), shared))
        assert [item for item, _, _, _ in results] == list(range(40))  # in the items' order
        assert [value for _, _, _, value in results] == [100 + i for i in range(40)]
        assert os.getpid() not in {pid for _, pid, _, _ in results}  # done in the workers
        assert all(len(copies) == 1 for copies in _copies_per_worker(results).values())  # each worker read the tables once, not with every batch
        other = list(engine.map(_where_and_what, range(3), {"offset": 0}))  # a later map has its own tables
        assert [value for _, _, _, value in other] == [0, 1, 2]
        parsed = list(engine([("a", "k", "Anna Smith said the plan would work.")]))
        assert parsed[0][0] == "a" and parsed[0][2]["mentions"]
        written = Path(engine.folder.name)
        assert len(list(written.iterdir())) == 2
    assert not written.exists()  # the shared files go with the engine
    assert not workers._READ and pipeline not in workers._PIPELINES.values()  # this process read nothing and lets go of the pipeline


def _local_mark(item, shared=None):
    from toolkit.engines import local

    return getattr(local, "MARK", None)


def test_spawned_workers_where_fork_is_missing_read_the_shared_value_once_and_parse(monkeypatch):
    """Windows has no fork: its workers start Python afresh, load the model themselves and read the folder's counts once."""
    import os

    from toolkit.engines import local
    from toolkit.entities.aliases import read_aliases

    monkeypatch.setattr(local, "START_METHOD", "spawn")
    monkeypatch.setattr(local, "MARK", "set in this process", raising=False)  # a forked worker would have it too
    with local.ProcessEngine(2, None, read_aliases()) as engine:
        results = list(engine.map(_where_and_what, range(24), {"offset": 3}))
        parsed = list(engine([(0, "k", "Anna Smith said the plan would work.")]))
        assert set(engine.map(_local_mark, range(4))) == {None}  # started afresh
    assert [value for _, _, _, value in results] == [3 + i for i in range(24)]
    assert os.getpid() not in {pid for _, pid, _, _ in results}
    assert all(len(copies) == 1 for copies in _copies_per_worker(results).values())  # once per worker, not with every batch
    assert parsed[0][0] == 0 and parsed[0][2]["mentions"][0]["text"] == "Anna Smith"


def test_without_a_writable_temporary_folder_the_shared_value_goes_with_every_batch(monkeypatch):
    from toolkit.engines import local
    from toolkit.entities.aliases import read_aliases

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(local, "TemporaryDirectory", full_disk)
    with local.ProcessEngine(2, None, read_aliases()) as engine:
        results = list(engine.map(_where_and_what, range(12), {"offset": 7}))
    assert [value for _, _, _, value in results] == [7 + i for i in range(12)]


def _settings_of_this_worker(item, shared=None):
    return runtime._heap_holders, gc.get_freeze_count() > 0


def test_worker_processes_keep_their_heap_and_their_pipeline_out_of_garbage_collection_for_life():
    from toolkit.engines import local
    from toolkit.entities.aliases import read_aliases

    with local.ProcessEngine(2, None, read_aliases()) as engine:
        settings = set(engine.map(_settings_of_this_worker, range(8), None))
    assert settings == {(1, True)}
    assert (runtime._heap_holders, gc.get_freeze_count()) == (0, 0)  # this process is as it was


def _worker(item, shared=None):
    import os

    return os.getpid()


def test_the_first_pass_on_workers_counts_and_votes_as_in_this_process_and_its_workers_clean_next():
    from toolkit.engines import local
    from toolkit.entities.aliases import read_aliases
    from toolkit.ingest.folder import Ingest

    raw = PROJECT_ROOT / "data" / "raw"
    here = Ingest(raw, progress=False)
    here.count_lines()
    with local.ProcessEngine(2, None, read_aliases()) as engine:
        there = Ingest(raw, progress=False)
        there.count_lines(engine.survey)
        workers = set(engine.pool._processes)  # the first pass ran on the engine's workers
        assert (
            set(engine.map(_worker, range(40), dict(there.frequencies))) <= workers and set(engine.pool._processes) == workers
        )  # which then clean, still warm
    assert there.outlets == here.outlets and set(there.outlets) == {f.name for f in raw.iterdir() if f.suffix == ".txt"}
    assert {g: (f.documents, f.n_documents) for g, f in there.frequencies.items()} == {g: (f.documents, f.n_documents) for g, f in here.frequencies.items()}


def test_a_window_is_cut_into_chunks_of_about_equal_text_for_every_worker():
    from toolkit.engines.workers import chunks

    lengths = [9_000, 300, 250, 8_000, 400, 350, 7_000, 500, 450, 200, 150, 100]
    pending = [(f"a{i}", f"k{i}", "x" * n) for i, n in enumerate(lengths)]
    cut = chunks(pending, workers=2, size=4)
    assert len(cut) % 2 == 0 and all(0 < len(chunk) <= 4 for chunk in cut)
    assert sorted(item for chunk in cut for item in chunk) == sorted(pending)  # every article once
    loads = [sum(len(text) for _, _, text in chunk) for chunk in cut]
    assert max(loads) == 9_000  # no chunk longer than the longest article: in order, 4 at a time, one would hold 17,300
    long_ones = [sum(len(text) > 5_000 for _, _, text in chunk) for chunk in cut]
    assert max(long_ones) == 1  # the three long articles go to three chunks
    assert chunks([], workers=2) == [] and len(chunks(pending[:1], workers=2)) == 1
