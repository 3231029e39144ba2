#!/usr/bin/env python3
"""Builds one knowledge graph from a corpus on a Dask cluster: shard, map, reduce.

map:    each shard of articles (JSONL records) goes through `kgraph build - --format json -o -`
        on a worker, which returns that shard's graph.json;
reduce: graphs are merged two by two with `kgraph merge A.json B.json -o -` (associative and
        commutative, so any tree of merges gives the same bytes) until one is left.

The merged graph is byte-identical to `kgraph build` of the whole corpus on one machine.

    python3 dask_build.py --input CORPUS --out graph.json [--shards 8]
        [--scheduler tcp://HOST:8786 | --workers 2] [--kgraph /path/to/kgraph]

CORPUS is a .jsonl file (one {"id", "text", ...} record per line) or a folder of .txt articles
(each becomes a record whose id is its file name, as `kgraph build FOLDER` names them). On a real
cluster, start `dask scheduler` and `dask worker tcp://HOST:8786` on each node (with the kgraph
binary at the same path on every node) and pass --scheduler; without it, a local cluster of
--workers worker processes is started.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def records(path):
    """The corpus as JSONL lines (str), in a fixed order."""
    if os.path.isdir(path):
        out = []
        for name in sorted(os.listdir(path)):
            if name.endswith(".txt"):
                with open(os.path.join(path, name), encoding="utf-8") as f:
                    out.append(json.dumps({"id": name, "text": f.read()}, ensure_ascii=False))
        return out
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def build_shard(kgraph, lines):
    """map: one shard of JSONL records -> (its graph.json bytes, kgraph's skip messages)."""
    data = ("\n".join(lines) + "\n").encode("utf-8")
    p = subprocess.run(
        [kgraph, "build", "-", "--format", "json", "-o", "-", "-j", "1"],
        input=data, capture_output=True, check=False,
    )
    # exit 1: some records skipped (reported on stderr); the graph of the others is still good
    if p.returncode not in (0, 1):
        raise RuntimeError(f"kgraph build failed: {p.stderr.decode(errors='replace')}")
    skipped = [l for l in p.stderr.decode(errors="replace").splitlines() if "skipped" in l
               and not l.rstrip().endswith("input(s) skipped")]
    return p.stdout, skipped


def merge_two(kgraph, a, b):
    """reduce: two graph.json byte strings -> their merge."""
    with tempfile.TemporaryDirectory() as d:
        pa, pb = os.path.join(d, "a.json"), os.path.join(d, "b.json")
        with open(pa, "wb") as f:
            f.write(a)
        with open(pb, "wb") as f:
            f.write(b)
        p = subprocess.run([kgraph, "merge", pa, pb, "-o", "-"], capture_output=True, check=False)
        if p.returncode != 0:
            raise RuntimeError(f"kgraph merge failed: {p.stderr.decode(errors='replace')}")
        return p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, help="a .jsonl corpus or a folder of .txt articles")
    ap.add_argument("--out", required=True, help="where to write the merged graph.json")
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (else a local cluster)")
    ap.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    ap.add_argument("--kgraph", default="kgraph", help="the kgraph binary (same path on every worker)")
    args = ap.parse_args()

    from dask.distributed import Client, LocalCluster

    lines = records(args.input)
    if not lines:
        sys.exit(f"{args.input}: no articles")
    n = max(1, min(args.shards, len(lines)))
    shards = [lines[i::n] for i in range(n)]  # round robin: shards of equal size

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        built = client.gather(client.map(build_shard, [args.kgraph] * n, shards, pure=False))
        skipped = [m for _, ms in built for m in ms]
        graphs = [client.scatter(g) for g, _ in built]
        # a tree of merges: pairs until one graph is left
        while len(graphs) > 1:
            nxt = [client.submit(merge_two, args.kgraph, graphs[i], graphs[i + 1], pure=False)
                   for i in range(0, len(graphs) - 1, 2)]
            if len(graphs) % 2:
                nxt.append(graphs[-1])
            graphs = nxt
        result = graphs[0].result() if hasattr(graphs[0], "result") else graphs[0]
    finally:
        client.close()
        if not args.scheduler:
            cluster.close()
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(result)
    os.replace(tmp, args.out)
    for m in skipped:
        print(m, file=sys.stderr)
    read = len(json.loads(result)["graph"]["documents"])
    print(f"{len(lines)} records in {n} shards, {read} articles read -> {args.out} "
          f"({len(result)} bytes)", file=sys.stderr)
    # as kgraph itself: exit 1 when some inputs were skipped
    if skipped:
        print(f"kgraph: {len(skipped)} input(s) skipped", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
