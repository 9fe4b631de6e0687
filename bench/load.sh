#!/usr/bin/env bash
# Compiles the load generator (bench/src: package io.openwaba.bench and its sub-packages, JDK only) into a
# fresh temporary directory and runs it against an already running server:
#   bench/load.sh --base-url http://localhost:8080 --rate 1000 ...   (bench/load.sh --help lists the options)
# Exit code: the generator's (0 passed, 1 failed, 2 could not be set up), 2 as well when it does not compile.
set -u
cd "$(dirname "$0")/.."
CLASSES=$(mktemp -d /tmp/openwaba-bench-classes.XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
bench/compile.sh "$CLASSES" || exit 2
java -cp "$CLASSES" io.openwaba.bench.SendLoad "$@"
