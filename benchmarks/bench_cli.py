"""``retailkit profile`` on a million reviews, end to end, against bare ``rjieba.cut``.

Builds ``--copies`` copies of the 62,774 online_shopping_10_cats reviews (ChineseNlpCorpus;
16 copies = 1,004,384 rows) as one CSV in a temporary folder, then, in one run:

1. ``rjieba``: bare ``rjieba.cut`` over the same review texts, one process (texts read first,
   not timed) — the yardstick of the issue's "within 9x";
2. ``cli``: ``retailkit profile CSV --text-column review --jobs 2`` (read, clean, tokenize,
   theme rates, review sentiment, Parquet written and renamed, manifest), wall seconds;
3. ``dask``: the same with ``--workers 2`` (a 2-worker ``LocalCluster`` started by the command,
   start-up included); its Parquet must equal the ``cli`` one, byte for byte;
4. ``resume``: the ``cli`` command killed (SIGKILL to its process group) when a chunk chosen at
   random (``--seed``) has been written, then rerun with ``--resume``; the Parquet must equal the
   ``cli`` one, byte for byte;
5. ``big``: ``cli`` on ``--big-copies`` copies (80 = 5,021,920 rows), for the memory peak.

Peak memory is the largest sum over the command's whole process tree (the command and its
workers), sampled every 0.25 s with psutil: RSS (counts pages shared between forked processes
once per process, so it overstates) and PSS (shared pages split between the processes sharing
them; the better measure of what the tree takes from the machine).

    python benchmarks/bench_cli.py [--copies 16] [--big-copies 80] [--stages ...] [path]

The machine is shared: the load average is printed at the start and the end of every stage.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil
from _paths import full_reviews_path

from retailkit.streaming import CHUNK_SIZE

STAGES = ("rjieba", "cli", "dask", "resume", "big")
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _retailkit() -> list[str]:
    return [sys.executable, "-m", "retailkit"]


class TreeMemory:
    """Peak RSS and PSS (MB) summed over a process and all its descendants, sampled."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = pss = 0
            for process in tree:
                try:
                    info = process.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss / 2**20)
            self.peak_pss = max(self.peak_pss, pss / 2**20)
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MB, peak PSS MB) of a command and its process tree.

    Also prints the CPU seconds of the tree (user + system, every process that was waited
    for): on a shared machine that figure, unlike wall time, does not grow with other jobs'
    load, and CPU / 2 bounds the wall time of a quiet two-core machine from below.
    """
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV)
    memory = TreeMemory(process.pid)
    code = process.wait()
    seconds = time.perf_counter() - start
    memory.stop()
    if code != 0:
        raise SystemExit(f"{' '.join(command)}: exit code {code}")
    print(f"  CPU seconds of the process tree: {_children_cpu() - cpu:.1f}", flush=True)
    return seconds, memory.peak_rss, memory.peak_pss


def bare_rjieba(csv: Path) -> float:
    """Seconds of ``rjieba.cut`` over every review, one process (texts read first)."""
    code = (
        "import sys, time, pandas as pd, rjieba\n"
        "texts = pd.read_csv(sys.argv[1], usecols=['review'])['review'].fillna('').tolist()\n"
        "rjieba.cut('新零售')\n"
        "start, cpu = time.perf_counter(), time.process_time()\n"
        "for text in texts: rjieba.cut(text)\n"
        "print(time.perf_counter() - start, time.process_time() - cpu)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(csv)], env=ENV, capture_output=True, text=True, check=True
    )
    wall, cpu = map(float, out.stdout.split())
    print(f"  bare rjieba.cut CPU seconds: {cpu:.1f}", flush=True)
    return wall


def profile_command(csv: Path, out: Path, *flags: str) -> list[str]:
    return [*_retailkit(), "profile", str(csv), "--text-column", "review", "--out", str(out)]


def kill_and_resume(csv: Path, out: Path, chunk: int, flags: list[str]) -> tuple[float, str]:
    """Kill a run once chunk ``chunk`` is on disk, resume it; (seconds of both, what happened)."""
    command = [*profile_command(csv, out), *flags]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, start_new_session=True)
    target = out / ".partial" / f"documents-{chunk:06d}.parquet"
    while not target.exists():
        if process.poll() is not None:
            raise SystemExit(f"the run ended (code {process.returncode}) before chunk {chunk}")
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = len(list((out / ".partial").glob("documents-*.parquet")))
    complete = (out / "documents.parquet").exists()
    subprocess.run([*command, "--resume"], env=ENV, check=True)
    seconds = time.perf_counter() - start
    return seconds, f"killed after chunk {chunk} ({done} chunks on disk, final file: {complete})"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--copies", type=int, default=16)
    parser.add_argument("--big-copies", type=int, default=80)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="picks the chunk the kill comes after")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    args = parser.parse_args()
    source = pd.read_csv(full_reviews_path(args.path))
    print(f"machine: {os.cpu_count()} cores, shared with other jobs; {load()}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        csv = work / f"reviews_x{args.copies}.csv"
        pd.concat([source] * args.copies, ignore_index=True).to_csv(csv, index=False)
        rows = len(source) * args.copies
        print(f"{rows:,} reviews ({args.copies} copies), {csv.stat().st_size / 2**20:.0f} MB CSV")
        jobs = ["--jobs", str(args.jobs), "--quiet"]
        results: dict[str, float] = {}
        if "rjieba" in args.stages:
            results["rjieba"] = bare_rjieba(csv)
            print(f"bare rjieba.cut, 1 process: {results['rjieba']:.1f} s ({load()})", flush=True)
        if "cli" in args.stages:
            seconds, rss, pss = run_measured([*profile_command(csv, work / "cli"), *jobs])
            results["cli"] = seconds
            print(
                f"retailkit profile --jobs {args.jobs}: {seconds:.1f} s, {rows / seconds:,.0f} "
                f"docs/s, peak RSS {rss:,.0f} MB, PSS {pss:,.0f} MB ({load()})",
                flush=True,
            )
            if "rjieba" in results:
                print(f"  ratio to bare rjieba: {seconds / results['rjieba']:.1f}x")
        reference = work / "cli" / "documents.parquet"
        if "dask" in args.stages:
            command = [*profile_command(csv, work / "dask"), "--workers", "2", "--quiet"]
            seconds, rss, pss = run_measured(command)
            same = reference.exists() and (
                (work / "dask" / "documents.parquet").read_bytes() == reference.read_bytes()
            )
            ratio = f", {seconds / results['cli']:.2f}x the --jobs run" if "cli" in results else ""
            print(
                f"retailkit profile --workers 2 (LocalCluster): {seconds:.1f} s{ratio}, peak RSS "
                f"{rss:,.0f} MB, PSS {pss:,.0f} MB, identical Parquet: {same} ({load()})",
                flush=True,
            )
        if "resume" in args.stages:
            chunks = -(-rows // CHUNK_SIZE)
            chunk = random.Random(args.seed).randrange(1, chunks - 1)
            seconds, what = kill_and_resume(csv, work / "resume", chunk, jobs)
            same = reference.exists() and (
                (work / "resume" / "documents.parquet").read_bytes() == reference.read_bytes()
            )
            print(
                f"resume: {what}; killed run + resumed run {seconds:.1f} s; "
                f"identical Parquet: {same} ({load()})",
                flush=True,
            )
        if "big" in args.stages:
            for path in work.glob("*/"):
                subprocess.run(["rm", "-rf", str(path)], check=True)
            big = work / f"reviews_x{args.big_copies}.csv"
            with big.open("w", encoding="utf-8", newline="") as handle:
                for copy in range(args.big_copies):
                    source.to_csv(handle, index=False, header=copy == 0)
            big_rows = len(source) * args.big_copies
            csv.unlink()
            seconds, rss, pss = run_measured([*profile_command(big, work / "big"), *jobs])
            print(
                f"retailkit profile --jobs {args.jobs}, {big_rows:,} reviews: {seconds:.1f} s, "
                f"peak RSS {rss:,.0f} MB, PSS {pss:,.0f} MB ({load()})",
                flush=True,
            )
    print(f"end: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
