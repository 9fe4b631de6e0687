#!/usr/bin/env bash
# Compiles the load generator (bench/src, JDK only) into the directory given; exit code 2 when it does not compile.
if ! javac -Xlint:all --release 17 -d "$1" $(find "$(dirname "$0")/src" -name '*.java'); then
  echo "the load generator in bench/src does not compile" >&2
  exit 2
fi
