#!/usr/bin/env bash
# Builds qf-auth-bench with -Pbench and runs every benchmark, printing the tables:
#   load    wrk against Jetty 12: (a) bare servlet, (b) QfAuthFilter, (c) pac4j, (d) floor, /login;
#           JFR lock check and CPU profile of (b); the refresh-heavy run      (~10-25 min)
#   jmh     hot path, ID-token verification, login redirect                   (~3-6 min)
#   memory  bytes per signed-in session, store bound with 1,000,000 sessions  (~2 min)
#   redis   Redis bytes per session of the Redis store (MEMORY USAGE)        (~10 s)
# Usage: qf-auth-bench/run.sh [load] [jmh] [memory] [redis]   (default: all four)
# The load part's Redis set-ups: BENCH_OPTS="-Dbench.setups=a,b,r,r0" (needs redis-server).
# Options for the load part go in BENCH_OPTS, e.g. BENCH_OPTS="-Dbench.rounds=7 -Dbench.pin=false".
# Needs wrk and taskset (Debian: apt-get install -y wrk util-linux), and redis-server for the
# redis part and the set-ups r, r0 (apt-get install -y redis-server). Results and JFR recordings are
# written to qf-auth-bench/target/bench-results/ (results.md has every table).
# Runs that another process disturbed are measured again (see bench.quietPct in LoadBench).
set -euo pipefail
cd "$(dirname "$0")/.."

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(load jmh memory redis)
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install -y wrk" >&2
  exit 1
fi
mvn_cmd=(./mvnw)
[ -x ./mvnw ] || mvn_cmd=(mvn)
"${mvn_cmd[@]}" -q -B -Pbench -DskipTests package -pl qf-auth-bench -am

cd qf-auth-bench
cp="target/classes:$(cat target/classpath.txt)"
out=target/bench-results
rm -rf "$out"
mkdir -p "$out"
read -r -a opts <<< "${BENCH_OPTS:-}"

{
  echo "### Machine"
  echo
  echo '```'
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|Thread\(s\) per core|Core\(s\) per socket|Hypervisor vendor)' || true
  free -h
  java -version 2>&1
  echo "wrk: $(wrk --version 2>&1 | head -1)"
  echo "kernel: $(uname -r)"
  echo '```'
  echo
} > "$out/machine.md"
cat "$out/machine.md"

for part in "${parts[@]}"; do
  case "$part" in
    load) java "${opts[@]}" -Dbench.out="$out" -cp "$cp" dev.qfauth.bench.LoadBench ;;
    jmh) java -Dbench.out="$out" -cp "$cp" dev.qfauth.bench.JmhBench ;;
    memory) java -Xms4g -Xmx4g -Djol.magicFieldOffset=true -Djdk.attach.allowAttachSelf=true \
        -Dbench.out="$out" -cp "$cp" dev.qfauth.SessionMemory 2> "$out/memory.log" ;;
    redis) java -Dbench.out="$out" -cp "$cp" dev.qfauth.RedisMemory ;;
    *) echo "unknown part: $part (load, jmh, memory, redis)" >&2; exit 2 ;;
  esac
done

cat "$out"/machine.md > "$out/results.md"
for f in load jmh memory redis; do
  [ -f "$out/$f.md" ] && { cat "$out/$f.md"; echo; } >> "$out/results.md"
done
echo "All tables: qf-auth-bench/$out/results.md"
