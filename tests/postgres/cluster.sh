#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
#
#   cluster.sh start STATE   initdb and pg_ctl start a cluster in a new temporary folder, as
#                            the postgres user when run as root; STATE/url then holds the
#                            admin URL. When PostgreSQL is not installed, or will not start,
#                            STATE/unavailable says why instead, and the tests that need it
#                            skip with that reason.
#   cluster.sh stop STATE    stops that cluster (only it, by its data folder) and removes it.
#
# The tests' cluster skips fsync and waits for no WAL flush at commit. With
# STOCKROOM_PG_DURABLE=1 (make bench) it keeps PostgreSQL's durable defaults, so that what
# is measured is what a real server would do.
set -uo pipefail

command=${1:-}
state=${2:-}
if [[ -z "$command" || -z "$state" ]]; then
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
fi

find_bin() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null)
        [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
    fi
    # Debian keeps the server programs per major version, off the PATH.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
    done
    dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [[ -x "$dir/initdb" ]] && echo "$dir"
}

# Runs a command as the cluster's owner: postgres when we are root (PostgreSQL refuses
# to run as root), ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

unavailable() {
    echo "$1" > "$state/unavailable"
    echo "PostgreSQL tests will be skipped: $1" >&2
    exit 0
}

case "$command" in
start)
    mkdir -p "$state"
    # A cluster this state still names (an interrupted run, or ctest --repeat, which starts
    # the fixture again without stopping it) is stopped first, not left running.
    bash "$0" stop "$state"
    rm -f "$state/url" "$state/unavailable" "$state/data-dir"
    bin=$(find_bin)
    [[ -n "$bin" ]] || unavailable "PostgreSQL's initdb was not found (Debian package postgresql)."
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        unavailable "there is no postgres user to run the cluster as."
    fi
    data=$(mktemp -d "${TMPDIR:-/tmp}/stockroom-pg.XXXXXX")
    chmod 755 "$data"
    [[ $(id -u) -eq 0 ]] && chown postgres "$data"
    echo "$data" > "$state/data-dir"
    if ! as_owner "$bin/initdb" -D "$data/cluster" -U stockroom -A trust -E UTF8 \
        --no-sync >"$data/initdb.log" 2>&1; then
        unavailable "initdb failed: $(tail -n 3 "$data/initdb.log" | tr '\n' ' ')"
    fi
    settings="-c max_connections=200"
    if [[ "${STOCKROOM_PG_DURABLE:-}" != 1 ]]; then
        settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    for attempt in $(seq 0 19); do
        port=$((20000 + (RANDOM % 20000)))
        if as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $data $settings" \
            start >/dev/null 2>&1; then
            echo "postgresql://stockroom@127.0.0.1:$port/postgres" > "$state/url"
            echo "PostgreSQL test cluster on 127.0.0.1:$port ($data)"
            exit 0
        fi
        grep -q "could not bind\|already in use" "$data/server.log" 2>/dev/null || break
    done
    unavailable "the test cluster did not start: $(tail -n 3 "$data/server.log" 2>/dev/null | tr '\n' ' ')"
    ;;
stop)
    [[ -f "$state/data-dir" ]] || exit 0
    data=$(cat "$state/data-dir")
    bin=$(find_bin)
    if [[ -n "$bin" && -d "$data/cluster" ]]; then
        as_owner "$bin/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null 2>&1
    fi
    case "$data" in
    */stockroom-pg.*) rm -rf "$data" ;;
    esac
    rm -f "$state/url" "$state/data-dir"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
