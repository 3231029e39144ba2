#!/bin/sh
# Regenerates docs/sample.png, the picture the README opens with: the graph kgraph builds from the
# sample article, drawn by Graphviz from kgraph's own DOT (title, legend, the connected graph).
# Run from the project's top folder after `cargo build --release`.
set -eu
out=$(mktemp -d)
target/release/kgraph build data/nato-china-russia.txt --format dot -o "$out"
dot -Tpng -Gdpi=60 "$out/graph.dot" -o docs/sample.png
rm -rf "$out"
echo "wrote docs/sample.png"
# docs/html.png: the interactive page (--format html) of the same graph in headless Chromium,
# after a click on its most connected entity (needs: apt-get install chromium; npm ci --prefix
# tests/browser)
out=$(mktemp -d)
target/release/kgraph build data/nato-china-russia.txt --format html -o "$out"
node tests/browser/check.mjs "$out/graph.html" 1-1000 docs/html.png >/dev/null
rm -rf "$out"
echo "wrote docs/html.png"
