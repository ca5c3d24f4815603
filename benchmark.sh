#!/usr/bin/env bash
# Runs a benchmark suite against a fresh local stack and writes a Markdown report to benchmarks/target/.
#   ./benchmark.sh all         everything, about 30 minutes: reads against a hello-world, the leaderboard page,
#                              SSE with 5,000 clients, freshness, pgbench baseline, POST initiatives at rising
#                              arrival rates, 1,000,000 initiatives through the bulk import, a full rebuild,
#                              resident memory throughout;
#                              report benchmarks/target/report.md with charts in benchmarks/target/charts/
#   ./benchmark.sh org-units   150,000 units through the bulk import, then a hello-world baseline at the read rate,
#                              get/children/ancestors/search
#   ./benchmark.sh standings   standings reads against a hello-world baseline, 304s, read cost at 1,000 and
#                              201,000 initiatives, freshness from a submission's 201 to its count
# The stack runs with its own data folder (benchmarks/target/stack-data), deleted before each run. Run it on an
# otherwise idle machine: the load generator shares its cores with the system under test. Sizes and lengths can be
# made smaller for a quick check (benchmarks/README.md). BENCH_SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
cd "$(dirname "$0")"
suite="${1:-org-units}"

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -DskipTests package
fi
export SANGKIEN_DATA_DIR=benchmarks/target/stack-data
rm -rf "${SANGKIEN_HOME:-.}/$SANGKIEN_DATA_DIR"
mkdir -p benchmarks/target
touch local-stack/target/local-stack.built

# The per-client write limit is for production; the benchmark measures the service, not the limiter.
export RATE_LIMIT_WRITES_PER_SECOND="${RATE_LIMIT_WRITES_PER_SECOND:-100000}"
export RATE_LIMIT_BURST="${RATE_LIMIT_BURST:-100000}"
# Likewise the cap on streams per address: every simulated dashboard connects from this machine.
export RANKING_STREAMS_PER_ADDRESS="${RANKING_STREAMS_PER_ADDRESS:-100000}"
export ORG_UNIT_URL="http://localhost:${ORG_UNIT_PORT:-8081}"
export SUBMISSION_URL="http://localhost:${SUBMISSION_PORT:-8082}"
export RANKING_URL="http://localhost:${RANKING_PORT:-8083}"
export HELLO_URL="http://localhost:${HELLO_PORT:-8090}"
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${LOCAL_KAFKA_PORT:-19092}"
export ORG_UNIT_DB_URL="jdbc:postgresql://127.0.0.1:${LOCAL_POSTGRES_PORT:-15432}/orgunit"

# pgbench, for the write baseline: on PATH, in a PostgreSQL installation, or taken out of Debian's server package
# (it ships there, not in the client package) without installing it. Without it the baseline is a JDBC loop.
find_pgbench() {
  if [ -n "${PGBENCH:-}" ]; then echo "$PGBENCH"; return; fi
  if command -v pgbench > /dev/null 2>&1 && pgbench --version > /dev/null 2>&1; then command -v pgbench; return; fi
  local p
  for p in /usr/lib/postgresql/*/bin/pgbench "$PWD"/benchmarks/target/pgbench/usr/lib/postgresql/*/bin/pgbench; do
    if [ -x "$p" ] && "$p" --version > /dev/null 2>&1; then echo "$p"; return; fi
  done
  if command -v apt-get > /dev/null 2>&1 && command -v dpkg > /dev/null 2>&1; then
    local major
    major=$(psql --version 2> /dev/null | sed -nE 's/^psql \(PostgreSQL\) ([0-9]+).*/\1/p')
    mkdir -p benchmarks/target/pgbench
    if (cd benchmarks/target/pgbench && apt-get download "postgresql-${major:-15}" > /dev/null 2>&1 \
        && dpkg -x postgresql-"${major:-15}"_*.deb .); then
      for p in "$PWD"/benchmarks/target/pgbench/usr/lib/postgresql/*/bin/pgbench; do
        if [ -x "$p" ] && "$p" --version > /dev/null 2>&1; then echo "$p"; return; fi
      done
    fi
  fi
}
if [ "$suite" = all ]; then
  PGBENCH="$(find_pgbench || true)"
  export PGBENCH
  echo "[benchmark] write baseline: ${PGBENCH:-none (a JDBC loop instead)}"
fi

./run-local.sh > benchmarks/target/stack.log 2>&1 &
stack=$!
export STACK_PID=$stack
hello=
cleanup() {
  [ -n "$hello" ] && kill -TERM "$hello" 2>/dev/null
  kill -TERM "$stack" 2>/dev/null
  wait 2>/dev/null || true
}
trap cleanup EXIT
if [ "$suite" = standings ] || [ "$suite" = all ] || [ "$suite" = org-units ]; then
  HTTP_PORT="${HELLO_PORT:-8090}" java -Xmx256m -jar benchmarks/hello/target/quarkus-app/quarkus-run.jar \
    > benchmarks/target/hello.log 2>&1 &
  hello=$!
fi
for _ in $(seq 1 180); do
  grep -q "All services ready" benchmarks/target/stack.log 2>/dev/null && break
  if ! kill -0 $stack 2>/dev/null; then cat benchmarks/target/stack.log; exit 1; fi
  sleep 1
done
grep -q "All services ready" benchmarks/target/stack.log || { cat benchmarks/target/stack.log; exit 1; }

report="benchmarks/target/report-$suite.md"
[ "$suite" = all ] && report=benchmarks/target/report.md
# The load generator's own pauses would count in every latency it measures (from the moment each request was due):
# ZGC collects without stopping it for more than a millisecond. With G1 its young collections stopped both cores for
# 17-88 ms every ~5 s at 1,000 POSTs/s. ZGC starts a cycle as the heap nears SoftMaxHeapSize and the rest of -Xmx is
# room to allocate in meanwhile: with -Xmx1g alone, cycles began at 92 % used and the senders waited up to 19 ms for
# memory (relocation stalls), sending late. Its log: benchmarks/target/generator-gc.log.
java -XX:+UseZGC -Xmx4g -XX:SoftMaxHeapSize=2g -Xlog:gc:file=benchmarks/target/generator-gc.log:time,uptime \
  -jar benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar "$suite" "$report"
