#!/usr/bin/env bash
# Runs a command against a new, empty database of the throwaway test cluster, and drops
# the database afterwards: what one run left (dead rows for autovacuum, the write-ahead log
# for a checkpoint) is dealt with before the next run starts, not during it.
#
#   with-database.sh STATE COMMAND [ARGUMENTS...]
#
# STATE is the folder cluster.sh wrote the cluster's URL into. Every argument @DB@ becomes
# the new database's URL. Without a cluster, it prints the reason as a skip (which ctest
# counts as skipped) and runs nothing.
set -euo pipefail

state=${1:?usage: with-database.sh STATE COMMAND [ARGUMENTS...]}
shift
if [[ ! -s "$state/url" ]]; then
    reason=$(cat "$state/unavailable" 2>/dev/null || echo "the test cluster is not running")
    echo "[  SKIPPED ] PostgreSQL is not available: $reason"
    exit 0
fi
admin=$(cat "$state/url")
name="stockroom_run_$$_$RANDOM"
psql -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $name" >/dev/null
drop() {
    psql -q "$admin" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
}
trap drop EXIT
url="${admin%/*}/$name"
arguments=()
for argument in "$@"; do
    arguments+=("${argument//@DB@/$url}")
done
"${arguments[@]}"
