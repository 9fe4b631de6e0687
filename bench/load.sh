#!/usr/bin/env bash
# Compiles the load generator (bench/src, JDK only) and runs it against an already running server:
#   bench/load.sh --base-url http://localhost:8080 --rate 1000 ...   (bench/load.sh --help lists the options)
set -eu
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-/tmp/openwaba-bench-classes}"
rm -rf "$BUILD" && mkdir -p "$BUILD"
if ! javac -d "$BUILD" $(find bench/src -name '*.java'); then
  echo "bench/load.sh: the load generator in bench/src does not compile" >&2
  exit 2
fi
exec java -cp "$BUILD" io.openwaba.bench.SendLoad "$@"
