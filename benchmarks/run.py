"""End-to-end speed and memory of the toolkit against plain spaCy, on a generated corpus.

usage: python benchmarks/run.py [--articles 120] [--rounds 4] [--growth-factor 0] [--dask]

The corpus: N plain-text articles, each a headline, a date line, a byline and 6 paragraphs drawn
at random from real English article bodies (the gold bodies of the English development pages in
../shared/dev/cleaning: every article is then parsed by both sides), every paragraph given an article-specific
clause so that no line repeats across articles (repeated lines would rightly be treated as
boilerplate).

How it is timed, so that the machine's own changes of speed (on a shared virtual machine the
same configuration moves by 10-30 % from one minute to the next, in CPU time as much as in
wall-clock time) cancel out of the ratios:

- toolkit against plain spaCy: both run *at the same time on the same core* (each a fresh
  process pinned to it), and what is compared is the CPU time each used. The operating system
  hands the core to one and then the other every few milliseconds, so a change of the core's
  speed falls on both alike; a second such pair runs on the other core (the pairs swap cores
  every round), which gives two ratios per round;
- 1 against 2 local processes, and 1 against 2 Dask workers: these need the cores, so they run
  one after the other, in A B order in even rounds and B A in odd ones, timed by the clock;
- every ratio is computed per round and reported as the median over rounds with its spread
  (min-max).

Timed: ``toolkit.run`` (or ``nlp.pipe``) from start to end, minus the time of a load of the spaCy
pipeline measured just before in the same process, after a first load has put the model's files
in the operating system's cache (the run loads it again in the same warm way); the language
identifier and the word frequencies, which a process keeps once loaded, are loaded before the clock starts; the corpus
build is left out, and the Dask cluster is started and warmed before the clock starts. Local worker processes
(``n_process``) start inside the timed run, as they do for a user.

- ``ratio_vs_spacy``: toolkit words per CPU second (ingest to every table written, one
  process, cold cache) divided by plain ``nlp.pipe`` words per CPU second over the same clean
  texts, same model and its default pipeline, same batch size, the two sharing a core, both
  with the process settings the toolkit's runs use (:func:`toolkit.nlp.runtime.parsing`: one BLAS
  thread, no transparent huge pages, a kept heap): like with like, and steady, since what huge
  pages cost grows as the machine's memory fragments;
- ``ratio_vs_spacy_alone``: the same, but each alone on the machine, in turn (A B, then B A),
  as a user runs them: plain spaCy with the kernel's default pages and malloc's default heap. Sharing a core costs
  Python-heavy work more than the spaCy pass (each switch of the core leaves the other process's
  data in its caches);
- ``ratio_vs_spacy_alone_same_settings``: the same, with plain spaCy under the toolkit's process
  settings too: how much of the toolkit's lead is those settings, which a user of plain spaCy could
  make too;
- ``pass_ratio_vs_spacy``: as ``ratio_vs_spacy``, for the toolkit's spaCy pass alone (its pipeline's
  ``nlp.pipe`` over the same clean texts, sharing a core with plain spaCy, both under the same settings), and
  ``own_work_share``: the share of the toolkit's run that is its own work (reading, cleaning,
  attribution, tables), from the run and its spaCy pass sharing a core (1 - pass CPU / run CPU):
  together they say what stands between the toolkit and plain spaCy;
- ``toolkit_words_per_second``: wall-clock speed of the toolkit alone on the machine, one process;
- ``warm_speedup``: cold run time divided by the time of an unchanged rerun;
- ``peak_rss_mb`` of the cold run at N and at ``growth_factor`` x N, and the growth in percent;
- ``speedup_2_processes``: words per second with 2 local processes (``n_process``) over 1, and
  with ``--dask`` the same for a Dask cluster of 2 workers over 1 (``--engine dask --scheduler``),
  started and with the model loaded on its workers before the clock starts, as a cluster one
  connects to is; its start-up time is printed apart;
- ``spacy_split_speedup``: the ceiling two cores give the spaCy pass itself, with nothing to
  coordinate: plain ``nlp.pipe`` (under the toolkit's process settings) over every other text in
  each of two processes started together, each pinned to a core of its own, by the clock (the
  slower of the two) against the same over all texts in one process. What two processes cost
  besides the work, each warming its own vocabulary and tokenizer cache over the words both
  halves share, and the two cores sharing memory, lowers it below 2 as it lowers
  ``speedup_2_processes``;
- ``stages_1_process`` and ``stages_2_processes``: the seconds of each stage of those runs by the
  run's own clock (``run.json``'s ``seconds``: set-up, the folder's first pass, the main pass of
  cleaning, parsing and extraction, the second pass), and ``main_pass_speedup_2_processes`` the
  main pass of one process over that of two: what of the run two processes speed up, and what
  they leave as it was;
- ``ceiling_2_processes`` and ``core_use_2_processes`` (with ``--dask`` also ``..._dask_2_workers``):
  what stands between a speed-up and 2, from the CPU time of the runs' processes
  (``cpu_seconds_2_processes``: the main process's and the workers'; for Dask the client's, which
  holds the scheduler, and the workers'). The ceiling is the one-worker run's time over the
  two-worker run's CPU spread evenly on both cores: what the speed-up would be if the two cores
  never waited. It is below 2 by the main process's own work, which competes with two workers for
  the cores but ran beside a single worker on the core it left free, and by what two workers use
  more than one. The core use is the share of the two cores' time the run kept busy; the speed-up
  is the ceiling times the core use.

The last line printed is the JSON of all figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "dev" / "cleaning"
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "ber", "ni", "da", "gor", "pe", "li", "zan", "to", "mer"]

CHILD = """
import json, os, resource, sys, time

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
def helpers_cpu(dask_workers):
    # CPU time of the processes working for this one: the Dask cluster's (alive: measured on them),
    # or the local workers a run forks and waits for (counted in this process's children's usage)
    if dask_workers:
        import psutil
        total = 0.0
        for process in psutil.Process().children(recursive=True):
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
options = json.loads(sys.argv[1])
if "core" in options:  # before any import: every thread a library starts (OpenBLAS's at numpy's import) stays on it
    os.sched_setaffinity(0, {options.pop("core")})
import toolkit
from toolkit.nlp.model import load_model
figures = {}
from toolkit.nlp.model import build_pipeline
from toolkit.ingest.language import load_language_models
load = load_model if options.get("plain_spacy") else build_pipeline
load()  # first load: the model's files into the operating system's cache
load_language_models()  # the language identifier and word frequencies, kept by the process: the run reuses them
started, cpu_started = time.perf_counter(), cpu()
load()
load_seconds, load_cpu = time.perf_counter() - started, cpu() - cpu_started  # the same warm load happens inside the timed call; it is subtracted
if "articles" in options:  # nlp.pipe alone over the clean texts: the default pipeline (plain spaCy), or the toolkit's
    import pandas as pd
    from toolkit.nlp.runtime import one_blas_thread, parsing
    texts = pd.read_parquet(options["articles"])["text"].tolist()
    if "part" in options:  # one of n processes, each parsing its share of the texts (every n-th), as two workers do
        part, parts = options["part"]
        texts = texts[part::parts]
    nlp = load()
    started, cpu_started = time.perf_counter(), cpu()
    as_users_run_it = options.get("plain_spacy") and not options.get("same_settings")  # plain spaCy as a user runs it, unless asked
    with one_blas_thread() if as_users_run_it else parsing():  # the toolkit's pass as the toolkit runs it (parsing() holds one BLAS thread too)
        for _ in nlp.pipe(texts, batch_size=options["batch_size"], n_process=options["n_process"]):
            pass
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
    words = sum(len(t.split()) for t in texts)
else:
    workers = options.pop("dask_workers", 0)
    if workers:  # an existing cluster, as with --scheduler: started, and the model loaded on every worker, before timing
        from distributed import Client
        from toolkit.engines.cluster import local_cluster
        from toolkit.entities.aliases import read_aliases
        from toolkit.engines.workers import warm_up
        started = time.perf_counter()
        cluster = local_cluster(workers)
        with Client(cluster) as client:
            client.run(warm_up, None, [(a.canonical, a.alias, a.label) for a in read_aliases()])
        figures["cluster_start_seconds"] = time.perf_counter() - started
        options |= {"engine": "dask", "scheduler": cluster.scheduler_address}
    helpers_before = helpers_cpu(workers)
    started, cpu_started = time.perf_counter(), cpu()
    tables = toolkit.run(progress=False, **options)
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
    figures["helpers_cpu_seconds"] = helpers_cpu(workers) - helpers_before
    words = int(tables.articles["n_words"].sum())
    figures["stages"] = json.loads((tables.out_dir / "run.json").read_text())["seconds"]  # the run's own clock per stage
    if workers:
        cluster.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
cpu_seconds = max(cpu_seconds - load_cpu, 1e-6)
timings = {"seconds": max(seconds - load_seconds, 1e-6), "total_seconds": seconds, "cpu_seconds": cpu_seconds}
print(json.dumps(timings | {"words": words, "peak_rss_mb": peak} | figures))
"""


def paragraph_pool() -> list[str]:
    """Real English article paragraphs: the development pages' gold bodies, those of English pages
    only (a Russian or German paragraph would make the toolkit skip its article's NLP, as it should,
    while plain spaCy parses it: the two would no longer do the same work)."""
    pool = []
    gold, meta = DEVSET / "gold.jsonl", DEVSET / "meta.jsonl"
    if gold.exists() and meta.exists():
        english = {row["id"] for row in map(json.loads, meta.read_text(encoding="utf-8").splitlines()) if row["language"] == "en"}
        for row in map(json.loads, gold.read_text(encoding="utf-8").splitlines()):
            if row["id"] in english:
                pool.extend(p.strip() for p in row["body"].split("\n") if len(p.split()) >= 25)
    if len(pool) < 200:
        sys.exit(f"need the development set at {DEVSET} to build a realistic corpus")
    return pool


def name(i: int) -> str:
    """A made-up proper name unique to article i."""
    letters, i = [], i + 1
    while i:
        i, digit = divmod(i, len(SYLLABLES))
        letters.append(SYLLABLES[digit])
    return "".join(letters).capitalize()


def build_corpus(folder: Path, n: int, pool: list[str], seed: int = 7) -> None:
    """Write n distinct articles into folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        town = name(i)
        paragraphs = [f"{p.rstrip('.')}, officials in {town} said." for p in rng.sample(pool, 6)]
        head = f"Officials in {town} respond to new report\n\n{rng.randint(1, 28)} May 2025 {rng.randint(0, 23):02d}:{i % 60:02d}\n\nBy Staff in {town}\n\n"
        (folder / f"article-{i:06d}.txt").write_text(head + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _start(options: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(options)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _figures(process: subprocess.Popen) -> dict:
    out, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"benchmark run failed: {err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])


def measure(options: dict) -> dict:
    """Run one configuration in a fresh Python process and return its figures."""
    return _figures(_start(options))


def measure_sharing_cores(pairs: list[tuple[dict, dict]], swap: bool) -> list[tuple[dict, dict]]:
    """Run each pair of one-process configurations at the same time on a core of its own (both
    processes of a pair pinned to it; pairs swap cores when asked); figures pair by pair."""
    cores = sorted(os.sched_getaffinity(0))
    if swap:
        cores.reverse()
    started = [(_start(a | {"core": core}), _start(b | {"core": core})) for (a, b), core in zip(pairs, cores, strict=False)]
    return [(_figures(a), _figures(b)) for a, b in started]


def measure_side_by_side(configurations: list[dict]) -> list[dict]:
    """Run configurations at the same time, each pinned to a core of its own (as parallel workers run)."""
    started = [_start(options | {"core": core}) for options, core in zip(configurations, sorted(os.sched_getaffinity(0)), strict=False)]
    return [_figures(process) for process in started]


def in_turn(configurations: list[dict], reverse: bool) -> list[dict]:
    """Run configurations one after the other (in reverse order when asked); figures in the given order."""
    order = list(reversed(range(len(configurations)))) if reverse else list(range(len(configurations)))
    figures = {i: measure(configurations[i]) for i in order}
    return [figures[i] for i in range(len(configurations))]


def words_per_second(figures: dict) -> float:
    return round(figures["words"] / figures["seconds"], 1)


def cpu_speed(figures: dict) -> float:
    """Words per CPU second (user and system time of the process, model loads subtracted)."""
    return figures["words"] / figures["cpu_seconds"]


def main_pass_speedup(figures: dict) -> float:
    """The 2-process run's main pass (cleaning, parsing, extraction) against one process's, by the
    run's own clock: the speed-up without the folder's first pass, the set-up and the second pass."""
    return figures["stages_one"]["main_pass"] / figures["stages_two"]["main_pass"]


def total_cpu(figures: dict) -> float:
    """CPU seconds of a run's main process and of the processes working for it."""
    return figures["cpu_seconds"] + figures["helpers_cpu_seconds"]


def two_core_ceiling(one: dict, two: dict) -> float:
    """The speed-up two cores could give at most: the one-worker run's time against the two-worker
    run's CPU (its main process's and its workers') spread evenly over both cores. Below 2 by what the
    main process (or the Dask client and scheduler) costs besides the workers, and by what two
    workers use more than one."""
    return one["seconds"] / (total_cpu(two) / 2)


def core_use(two: dict) -> float:
    """The share of the two cores' time the two-worker run kept busy (its speed-up is the ceiling times this)."""
    return total_cpu(two) / 2 / two["seconds"]


def stage_line(stages: dict) -> str:
    return ", ".join(f"{stage.replace('_', ' ')} {value:.2f} s" for stage, value in stages.items())


def _spread(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--growth-factor", type=int, default=0, help="also measure memory at this many times N (0: skip)")
    parser.add_argument("--dask", action="store_true", help="also compare Dask clusters of 1 and 2 workers (doubles the run time)")
    args = parser.parse_args()
    pool = paragraph_pool()
    started = time.perf_counter()
    rounds: list[dict] = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        build_corpus(work / "raw", args.articles, pool)
        base = {"raw_dir": str(work / "raw"), "batch_size": 32}
        measure(base | {"out_dir": str(work / "texts")})  # the clean texts plain spaCy gets (untimed)
        spacy = {"plain_spacy": True, "articles": str(work / "texts" / "articles.parquet"), "batch_size": 32, "n_process": 1}
        pairs = min(2, len(os.sched_getaffinity(0)))
        for number in range(args.rounds):
            like = spacy | {"same_settings": True}  # sharing a core, like with like: plain spaCy under the toolkit's process settings
            shared = measure_sharing_cores([(base | {"out_dir": str(work / f"cold{number}-{p}")}, like) for p in range(pairs)], swap=number % 2 == 1)
            toolkit_pass = spacy | {"plain_spacy": False}
            passes = measure_sharing_cores([(toolkit_pass, like)] * pairs, swap=number % 2 == 1)
            own = measure_sharing_cores([(base | {"out_dir": str(work / f"own{number}-{p}")}, toolkit_pass) for p in range(pairs)], swap=number % 2 == 1)
            one_and_two = [base | {"out_dir": str(work / f"alone{number}")}, spacy, like,
                           base | {"out_dir": str(work / f"two{number}"), "n_process": 2}]  # fmt: skip
            alone, spacy_alone, spacy_same_settings, two = in_turn(one_and_two, number % 2 == 1)
            halves = measure_side_by_side([like | {"part": [p, pairs]} for p in range(pairs)])  # plain spaCy's own ceiling
            figures = {"cpu_ratios": [cpu_speed(toolkit) / cpu_speed(plain) for toolkit, plain in shared],
                       "pass_ratios": [cpu_speed(toolkit) / cpu_speed(plain) for toolkit, plain in passes],
                       "own_shares": [1 - cpu_speed(run) / cpu_speed(spacy_pass) for run, spacy_pass in own],
                       "alone_ratio": cpu_speed(alone) / cpu_speed(spacy_alone),
                       "same_settings_ratio": cpu_speed(alone) / cpu_speed(spacy_same_settings),
                       "toolkit_cpu": statistics.median(cpu_speed(t) for t, _ in shared),
                       "spacy_cpu": statistics.median(cpu_speed(p) for _, p in shared),
                       "alone": words_per_second(alone), "two": words_per_second(two), "alone_run": alone,
                       "stages_one": alone["stages"], "stages_two": two["stages"],
                       "two_ceiling": two_core_ceiling(alone, two), "two_core_use": core_use(two),
                       "two_main_cpu": two["cpu_seconds"], "two_workers_cpu": two["helpers_cpu_seconds"],
                       "spacy_split": sum(h["words"] for h in halves) / max(h["seconds"] for h in halves) / words_per_second(spacy_same_settings)}  # fmt: skip
            if args.dask:
                dask_1, dask_2 = in_turn([base | {"out_dir": str(work / f"dask1-{number}"), "dask_workers": 1},
                                          base | {"out_dir": str(work / f"dask2-{number}"), "dask_workers": 2}], number % 2 == 1)  # fmt: skip
                figures |= {"dask_1": words_per_second(dask_1), "dask_2": words_per_second(dask_2), "dask_start": dask_2["cluster_start_seconds"],
                            "dask_ceiling": two_core_ceiling(dask_1, dask_2), "dask_core_use": core_use(dask_2),
                            "dask_client_cpu": dask_2["cpu_seconds"], "dask_workers_cpu": dask_2["helpers_cpu_seconds"],
                            "dask_1_client_cpu": dask_1["cpu_seconds"], "dask_1_workers_cpu": dask_1["helpers_cpu_seconds"]}  # fmt: skip
            rounds.append(figures)
            print(f"round {number + 1}: sharing a core, toolkit / spaCy CPU speed {', '.join(f'{r:.3f}' for r in figures['cpu_ratios'])} "
                  f"(the toolkit's spaCy pass alone {', '.join(f'{r:.3f}' for r in figures['pass_ratios'])}; "
                  f"its own work's share of its run {', '.join(f'{r:.3f}' for r in figures['own_shares'])}); "
                  f"alone: toolkit / spaCy CPU speed {figures['alone_ratio']:.3f} ({figures['same_settings_ratio']:.3f} with spaCy under the same settings), "
                  f"1/2 processes {figures['alone']:,.0f}/{figures['two']:,.0f} w/s (plain spaCy split over {pairs} processes {figures['spacy_split']:.3f}x; "
                  f"stages of the 2-process run {stage_line(figures['stages_two'])}, its main pass {main_pass_speedup(figures):.3f}x one process's; "
                  f"ceiling {figures['two_ceiling']:.3f}x, cores used {figures['two_core_use']:.3f})"
                  + (f", Dask 1/2 workers {figures['dask_1']:,.0f}/{figures['dask_2']:,.0f} w/s (ceiling {figures['dask_ceiling']:.3f}x, "
                     f"cores used {figures['dask_core_use']:.3f})" if "dask_1" in figures else ""), flush=True)  # fmt: skip
        warm = measure(base | {"out_dir": str(work / "alone0")})
        cold = rounds[0]["alone_run"]  # the cold one-process run alone on the machine
        result = {
            "articles": args.articles,
            "rounds": args.rounds,
            "words": cold["words"],
            "timed": "toolkit.run / nlp.pipe, model loads subtracted, corpus build and Dask start-up excluded; "
            "toolkit against spaCy by CPU time, the two sharing one core, and each alone in turn; 1 against 2 processes by the clock, in turn",
            "ratio_vs_spacy": _spread([statistics.mean(r["cpu_ratios"]) for r in rounds]),
            "ratio_vs_spacy_alone": _spread([r["alone_ratio"] for r in rounds]),
            "ratio_vs_spacy_alone_same_settings": _spread([r["same_settings_ratio"] for r in rounds]),
            "pass_ratio_vs_spacy": _spread([statistics.mean(r["pass_ratios"]) for r in rounds]),
            "own_work_share": _spread([statistics.mean(r["own_shares"]) for r in rounds]),
            "toolkit_cpu_words_per_second": _spread([r["toolkit_cpu"] for r in rounds]),
            "spacy_cpu_words_per_second": _spread([r["spacy_cpu"] for r in rounds]),
            "toolkit_words_per_second": _spread([r["alone"] for r in rounds]),
            "speedup_2_processes": _spread([r["two"] / r["alone"] for r in rounds]),
            "ceiling_2_processes": _spread([r["two_ceiling"] for r in rounds]),
            "core_use_2_processes": _spread([r["two_core_use"] for r in rounds]),
            "cpu_seconds_2_processes": {"main": _spread([r["two_main_cpu"] for r in rounds]), "workers": _spread([r["two_workers_cpu"] for r in rounds])},
            "spacy_split_speedup": _spread([r["spacy_split"] for r in rounds]),
            "main_pass_speedup_2_processes": _spread([main_pass_speedup(r) for r in rounds]),
            "stages_2_processes": {stage: _spread([r["stages_two"][stage] for r in rounds]) for stage in rounds[0]["stages_two"]},
            "stages_1_process": {stage: _spread([r["stages_one"][stage] for r in rounds]) for stage in rounds[0]["stages_one"]},
            "warm_speedup": round(cold["total_seconds"] / warm["total_seconds"], 1),  # an unchanged rerun loads no model
            "peak_rss_mb": round(cold["peak_rss_mb"], 1),
        }
        if args.dask:
            result |= {"speedup_dask_2_workers": _spread([r["dask_2"] / r["dask_1"] for r in rounds]),
                       "ceiling_dask_2_workers": _spread([r["dask_ceiling"] for r in rounds]),
                       "core_use_dask_2_workers": _spread([r["dask_core_use"] for r in rounds]),
                       "cpu_seconds_dask_1_worker": {"client": _spread([r["dask_1_client_cpu"] for r in rounds]),
                                                     "workers": _spread([r["dask_1_workers_cpu"] for r in rounds])},
                       "cpu_seconds_dask_2_workers": {"client": _spread([r["dask_client_cpu"] for r in rounds]),
                                                      "workers": _spread([r["dask_workers_cpu"] for r in rounds])},
                       "dask_cluster_start_seconds": round(statistics.median(r["dask_start"] for r in rounds), 1)}  # fmt: skip
        if args.growth_factor:
            big = args.articles * args.growth_factor
            build_corpus(work / "raw-big", big, pool, seed=8)
            grown = measure({"raw_dir": str(work / "raw-big"), "out_dir": str(work / "big"), "batch_size": 32})
            result |= {f"peak_rss_mb_{big}": round(grown["peak_rss_mb"], 1),
                       "rss_growth_percent": round(100 * (grown["peak_rss_mb"] / cold["peak_rss_mb"] - 1), 1)}  # fmt: skip
    result["benchmark_seconds"] = round(time.perf_counter() - started, 1)
    for key, value in result.items():
        print(f"{key:34s} {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
