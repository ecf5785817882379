#!/usr/bin/env bash
# The same-run baseline: plain pgbench doing a Stockroom movement's core (a versioned stock
# update and a ledger line) straight in PostgreSQL, for docs/concurrency.md.
#
#   run.sh STATE SECONDS
#
# STATE is the folder tests/postgres/cluster.sh wrote the cluster's URL into. For each
# strategy script (optimistic, pessimistic, advisory, delta) it runs uniform load over 1,000 items
# with 1, 8 and 32 clients, and the hot spot (one item) with 100 clients, and prints the
# transactions per second, the movements written per second (a lost optimistic race writes
# none) and the p50/p99 latency from pgbench's per-transaction log.
set -euo pipefail

state=${1:?usage: run.sh STATE SECONDS}
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -s "$state/url" ]]; then
    echo "pgbench baseline skipped: $(cat "$state/unavailable" 2>/dev/null || echo 'no test cluster')"
    exit 0
fi
admin=$(cat "$state/url")
bin=$(dirname "$(command -v pgbench 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-12s %-8s %7s %10s %12s %9s %9s\n' strategy load clients tps movements/s p50_ms p99_ms
for strategy in optimistic pessimistic advisory delta; do
    for run in "uniform 1" "uniform 8" "uniform 32" "hot-spot 100"; do
        read -r load clients <<<"$run"
        items=1000
        [[ $load == hot-spot ]] && items=1
        name="baseline_$$_${strategy}_${load/-/_}_$clients"
        psql -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $name" >/dev/null
        url="${admin%/*}/$name"
        psql -q -v ON_ERROR_STOP=1 "$url" -f "$here/schema.sql" >/dev/null
        rm -f "$work"/pgbench_log.*
        (cd "$work" && "$bin/pgbench" -n -c "$clients" -j 2 -T "$seconds" -D items=$items \
            -f "$here/$strategy.sql" -l "$url" >"$work/out" 2>&1) || {
            echo "pgbench failed:"; tail -n 5 "$work/out"; exit 1; }
        tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/out" | head -n 1)
        lines=$(psql -tA "$url" -c "SELECT count(*) FROM ledger")
        # The log's third column is each transaction's latency in microseconds.
        read -r p50 p99 < <(cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n \
            | awk '{v[NR]=$1} END {printf "%.2f %.2f\n", v[int(NR*0.50)+1]/1000, v[int(NR*0.99)+1]/1000}')
        printf '%-12s %-8s %7d %10.0f %12.0f %9s %9s\n' "$strategy" "$load" "$clients" "$tps" \
            "$(awk -v n="$lines" -v s="$seconds" 'BEGIN {print n / s}')" "$p50" "$p99"
        psql -q "$admin" -c "DROP DATABASE $name" >/dev/null
    done
done
