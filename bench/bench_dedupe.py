"""Benchmark the dedupe stage against datatrove's MinHash dedupe on the same corpora.

    make bench-dedupe
    python bench/bench_dedupe.py [--sizes 10000 100000] [--workers 2] [--no-datatrove] [--eval]

Needs ../shared (the shared folder next to the repo): tools/make_corpus.py generates the labelled
corpora from eval/bodies.jsonl, tools/score_dedupe.py scores them; without it the script says
so and exits with status 0. The datatrove baseline runs in .venv-datatrove, created by
bench/setup_datatrove.sh (called here when missing).

For each size: make_corpus.py writes N documents as jsonl.gz shards of 10,000 (cached under
.bench/dedupe/), then each system runs in its own child process, timed from start to clusters,
with its peak memory taken as the largest summed RSS of its process tree (polled every 50 ms)
and its CPU time (user + system of the whole tree; on a shared, busy machine wall-clock docs/s
drop for both systems alike, CPU seconds much less):
- newsflow: shards read and signed in `--workers` processes (compute_signatures on chunks of
  5,000, as the flow calls it per shard), then find_duplicates over all signatures;
- datatrove 0.10.1: the 4-stage MinHash pipeline (signatures, buckets, clusters, filter) with
  its defaults (word 5-grams, 14 bands x 8 hashes) and a whitespace word tokenizer, `--workers`
  local workers, cluster ids saved to score it.
Both read the same raw documents (site chrome included) and are scored with score_dedupe.py.
--eval also scores shared/eval/dedupe (357 documents) and checks that the five seeds stay five.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WORK = ROOT / ".bench" / "dedupe"
DT_PYTHON = ROOT / ".venv-datatrove" / "bin" / "python"
CHUNK = 5000  # documents per compute_signatures call, like the flow's shards


# ---------------------------------------------------------------- newsflow child process


def _sign_part(task: tuple[str, int, int]):
    """Worker: read part `part` of `parts` of one jsonl.gz shard, return its signatures."""
    import polars as pl

    from tasks.dedupe import compute_signatures

    path, part, parts = task
    docs = pl.read_ndjson(path, schema={"id": pl.String, "text": pl.String}).rename({"id": "doc_id"})
    size = -(-docs.height // parts)
    docs = docs.slice(part * size, size)
    return pl.concat([compute_signatures(docs.slice(i, CHUNK)) for i in range(0, docs.height, CHUNK)])


def run_ours(corpus: Path, out_csv: Path, workers: int) -> dict:
    """Child process: dedupe `corpus` with newsflow, write id,group to out_csv, return timings."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    import polars as pl

    from tasks.dedupe import find_duplicates

    files = sorted(str(p) for p in (corpus / "docs").glob("*.jsonl.gz"))
    parts = -(-workers // len(files))  # split files when there are fewer files than workers
    tasks = [(f, i, parts) for f in files for i in range(parts)]
    t0 = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
            sigs = list(pool.map(_sign_part, tasks))
    else:
        sigs = [_sign_part(t) for t in tasks]
    sig = pl.concat(sigs)
    t1 = time.perf_counter()
    clusters = find_duplicates(sig, None)
    t2 = time.perf_counter()
    clusters.select(id="doc_id", group="cluster_id").write_csv(out_csv)
    return {"docs": sig.height, "read_sign_s": t1 - t0, "find_s": t2 - t1, "total_s": t2 - t0}


# ---------------------------------------------------------------- datatrove child process

DATATROVE_JOB = r'''
import json, sys, time
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup import MinhashDedupSignature
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets,
                                              MinhashDedupCluster, MinhashDedupFilter)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers.jsonl import JsonlWriter
from datatrove.utils.hashing import HashConfig
from datatrove.utils.word_tokenizers import WordTokenizer


class Whitespace(WordTokenizer):
    """Split on whitespace: datatrove simplifies the text before tokenizing (lower case, no
    punctuation), so this stands in for spaCy without its 7x cost (research note, section 1.3)."""
    def word_tokenize(self, text):
        return text.split()
    def sent_tokenize(self, text):
        return [text]
    def span_tokenize(self, text):
        out, i = [], 0
        for w in text.split():
            i = text.index(w, i)
            out.append((i, i + len(w)))
            i += len(w)
        return out


def main(inp, work, workers):
    work = Path(work)
    tasks = len(list(Path(inp).glob("*.jsonl.gz")))
    cfg = MinhashConfig(hash_config=HashConfig(precision=64))  # defaults: 5-grams, 14 x 8
    tok = Whitespace("en")
    t0 = time.perf_counter()
    LocalPipelineExecutor([JsonlReader(inp), MinhashDedupSignature(f"{work}/sigs", config=cfg, language=tok)],
                          tasks=tasks, workers=workers, logging_dir=f"{work}/logs/s1").run()
    LocalPipelineExecutor([MinhashDedupBuckets(f"{work}/sigs", f"{work}/buckets", config=cfg)],
                          tasks=cfg.num_buckets, workers=workers, logging_dir=f"{work}/logs/s2").run()
    LocalPipelineExecutor([MinhashDedupCluster(f"{work}/buckets", f"{work}/remove", config=cfg, save_cluster_id=True)],
                          tasks=1, logging_dir=f"{work}/logs/s3").run()
    LocalPipelineExecutor([JsonlReader(inp),
                           MinhashDedupFilter(f"{work}/remove", exclusion_writer=JsonlWriter(f"{work}/removed"),
                                              load_cluster_ids=True),
                           JsonlWriter(f"{work}/kept")], tasks=tasks, workers=workers, logging_dir=f"{work}/logs/s4").run()
    print(json.dumps({"total_s": time.perf_counter() - t0}))


if __name__ == "__main__":  # required: workers > 1 start through forkserver
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
'''


def datatrove_groups(work: Path, out_csv: Path) -> None:
    """Write id,group from datatrove's kept and removed documents (cluster id -1 = alone)."""
    import gzip

    rows = []
    for f in sorted(list((work / "kept").glob("*.jsonl.gz")) + list((work / "removed").glob("*.jsonl.gz"))):
        with gzip.open(f, "rt") as fh:
            for line in fh:
                r = json.loads(line)
                cid = r.get("metadata", {}).get("minhash_cluster_id", -1)
                rows.append((r["id"], f"c{cid}" if cid != -1 else "alone:" + r["id"]))
    with open(out_csv, "w") as fh:
        fh.write("id,group\n")
        fh.writelines(f"{i},{g}\n" for i, g in rows)


# ---------------------------------------------------------------- parent: run, measure, report


def tree_usage(pid: int) -> tuple[int, dict[int, float]]:
    """Return (summed RSS in bytes, {pid: CPU seconds so far}) of `pid` and its descendants."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
            cpu[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    rss, seen, todo = 0, {}, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        seen[p] = cpu.get(p, 0.0)
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return rss, seen


def measured(cmd: list[str]) -> tuple[str, int, float]:
    """Run cmd; return (stdout, peak summed RSS of its process tree in bytes, CPU seconds of
    the tree as last seen per process, polled every 50 ms: a busy machine slows wall-clock
    time for both systems alike, CPU seconds much less)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak, cpu = [0], {}

    def poll():
        while proc.poll() is None:
            rss, seen = tree_usage(proc.pid)
            peak[0] = max(peak[0], rss)
            cpu.update(seen)
            time.sleep(0.05)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    out, err = proc.communicate()
    t.join()
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return out, peak[0], sum(cpu.values())


def score(labels: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score_dedupe.py"), str(labels), str(pred)],
                         capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in re.findall(r"(precision|recall|f1)=([0-9.]+)", out)}


def corpus(n: int) -> Path:
    path = WORK / f"corpus-{n}"
    if not (path / "labels.csv").exists():
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, str(SHARED / "tools" / "make_corpus.py"), "--bodies",
                        str(SHARED / "eval" / "bodies.jsonl"), "--out", str(path), "--docs", str(n),
                        "--format", "jsonl"], check=True, capture_output=True)
    return path


def bench_size(n: int, workers: int, with_datatrove: bool) -> list[dict]:
    path = corpus(n)
    results = []
    pred = WORK / f"pred-ours-{n}.csv"
    out, rss, cpu = measured([sys.executable, __file__, "--child-ours", str(path), str(pred), str(workers)])
    t = json.loads(out.strip().splitlines()[-1])
    results.append({"system": "newsflow", "docs": t["docs"], "seconds": t["total_s"], "rss": rss, "cpu": cpu,
                    "detail": f"read+sign {t['read_sign_s']:.1f}s, find {t['find_s']:.1f}s", **score(path / "labels.csv", pred)})
    if with_datatrove:
        work = Path(tempfile.mkdtemp(prefix=f"dt-{n}-", dir=WORK))
        job = work / "job.py"
        job.write_text(DATATROVE_JOB)
        out, rss, cpu = measured([str(DT_PYTHON), str(job), str(path / "docs"), str(work), str(workers)])
        t = json.loads(out.strip().splitlines()[-1])
        pred = WORK / f"pred-datatrove-{n}.csv"
        datatrove_groups(work, pred)
        results.append({"system": "datatrove", "docs": n, "seconds": t["total_s"], "rss": rss, "cpu": cpu, "detail": "4 stages, 5-grams 14x8", **score(path / "labels.csv", pred)})
        shutil.rmtree(work, ignore_errors=True)
    return results


def eval_set() -> None:
    """Score shared/eval/dedupe and check the five seeds (raw text, no chrome removal)."""
    import polars as pl

    from tasks.dedupe import compute_signatures, find_duplicates

    def groups(folder: Path) -> pl.DataFrame:
        files = sorted(folder.glob("*.txt"))
        docs = pl.DataFrame({"doc_id": [f.stem for f in files], "text": [f.read_text() for f in files]})
        return find_duplicates(compute_signatures(docs), None)

    pred = WORK / "pred-eval.csv"
    groups(SHARED / "eval" / "dedupe" / "docs").select(id="doc_id", group="cluster_id").write_csv(pred)
    s = score(SHARED / "eval" / "dedupe" / "labels.csv", pred)
    seeds = groups(SHARED / "seeds")["cluster_id"].n_unique()
    print(f"eval/dedupe: precision {s['precision']:.4f}  recall {s['recall']:.4f}  f1 {s['f1']:.4f};"
          f"  seeds: {seeds} articles from 5 documents")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-datatrove", action="store_true")
    ap.add_argument("--eval", action="store_true", help="also score shared/eval/dedupe and the seeds")
    a = ap.parse_args()
    if not (SHARED / "tools" / "make_corpus.py").exists():
        print(f"bench-dedupe: {SHARED} not found (needs shared/tools and shared/eval); nothing to do.")
        return
    WORK.mkdir(parents=True, exist_ok=True)
    if not a.no_datatrove and not DT_PYTHON.exists():
        subprocess.run(["bash", str(ROOT / "bench" / "setup_datatrove.sh")], check=True)
    if a.eval:
        eval_set()
    print(f"load average before start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'docs':>7}  {'system':<10} {'seconds':>8} {'docs/s':>8} {'CPU s':>7} {'peak RSS':>9}  "
          f"{'P':>6} {'R':>6} {'F1':>6}  detail")
    for n in a.sizes:
        rows = bench_size(n, a.workers, not a.no_datatrove)
        for r in rows:
            print(f"{r['docs']:>7}  {r['system']:<10} {r['seconds']:>8.1f} {r['docs'] / r['seconds']:>8.0f} {r['cpu']:>7.1f} "
                  f"{r['rss'] / 2**20:>7.0f}MB  {r['precision']:.4f} {r['recall']:.4f} {r['f1']:.4f}  {r['detail']}")
        if len(rows) == 2:
            print(f"{'':>7}  speed-up newsflow / datatrove: {rows[1]['seconds'] / rows[0]['seconds']:.1f}x")
        sys.stdout.flush()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-ours":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_ours(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
    else:
        sys.path.insert(0, str(ROOT))
        main()
