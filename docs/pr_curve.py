#!/usr/bin/env python3
"""Draws the held-out precision-recall curve of `kgraph eval facts --cross-validate` as an SVG.

    kgraph eval facts --gold ../shared/gold ../shared/data/articles --cross-validate 6 > cv.txt
    python3 docs/pr_curve.py cv.txt > docs/pr-curve.svg

No dependencies: the SVG is written by hand. The default minimum confidence is marked.
"""
import re
import sys


def main(path):
    points, default = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(0\.\d+)\t([\d.]+)\t([\d.]+)\t([\d.]+)\t(\d+)$", line)
        if m:
            points.append(tuple(float(x) for x in m.groups()[:3]))
        d = re.match(r"^default min-confidence ([\d.]+)", line)
        if d:
            default = float(d.group(1))
    if not points:
        sys.exit(f"{path}: no curve (the output of kgraph eval facts --cross-validate)")
    w, h, pad = 520, 400, 60
    x = lambda r: pad + r * (w - 2 * pad)
    y = lambda p: h - pad - p * (h - 2 * pad)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<title>kgraph facts: held-out precision and recall by minimum confidence</title>',
           f'<rect width="{w}" height="{h}" fill="white"/>']
    for t in range(0, 11, 2):
        v = t / 10
        out.append(f'<line x1="{x(0)}" y1="{y(v)}" x2="{x(1)}" y2="{y(v)}" stroke="#ddd"/>')
        out.append(f'<line x1="{x(v)}" y1="{y(0)}" x2="{x(v)}" y2="{y(1)}" stroke="#ddd"/>')
        out.append(f'<text x="{x(0) - 8}" y="{y(v) + 4}" text-anchor="end">{v:.1f}</text>')
        out.append(f'<text x="{x(v)}" y="{y(0) + 18}" text-anchor="middle">{v:.1f}</text>')
    out.append(f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">recall (required gold facts found)</text>')
    out.append(f'<text x="16" y="{h / 2}" text-anchor="middle" transform="rotate(-90 16 {h / 2})">precision</text>')
    line = " ".join(f"{x(r):.1f},{y(p):.1f}" for _, r, p in points)
    out.append(f'<polyline points="{line}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for c, r, p in points:
        big = default is not None and abs(c - default) < 1e-6
        out.append(f'<circle cx="{x(r):.1f}" cy="{y(p):.1f}" r="{5 if big else 3}" fill="{"#d62728" if big else "#1f77b4"}"/>')
        if big or abs(c * 20 - round(c * 20)) < 1e-6 and round(c * 20) % 4 == 0:
            out.append(f'<text x="{x(r) + 7:.1f}" y="{y(p) - 6:.1f}">{c:.2f}{" (default)" if big else ""}</text>')
    out.append(f'<text x="{w / 2}" y="20" text-anchor="middle" font-weight="bold">Facts on held-out gold articles, by --min-confidence</text>')
    out.append("</svg>")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
