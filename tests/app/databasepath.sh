#!/bin/bash
# Where the workstation's database is, started from any folder, as a person would meet it
# on a real (virtual) display: a database named by a relative path is remembered by its
# absolute path, so the app finds it again from another folder; a remembered database
# that is gone is said in words, with the choice of another, and the app does not quit.
# Usage: databasepath.sh STOCKROOM_EXECUTABLE STOCKROOM_CLI_EXECUTABLE
set -u
if ! command -v Xvfb > /dev/null || ! command -v xdotool > /dev/null; then
    echo "SKIP: Xvfb and xdotool are needed (make deps installs them)"
    exit 77
fi
app=$(realpath "$1") cli=$(realpath "$2")
work=$(mktemp -d)
pid= xvfb=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; fi
    if [ -n "$xvfb" ]; then kill "$xvfb" 2> /dev/null; wait "$xvfb" 2> /dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
# A display of its own: Xvfb picks a free number and says which (no race with another
# virtual display starting or stopping beside it), kept up between the app's runs.
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp -noreset 3> "$work/display" 2> "$work/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
[ -s "$work/display" ] || { cat "$work/xvfb.log"; echo "FAIL: Xvfb did not start"; exit 1; }
export DISPLAY=":$(cat "$work/display")"
unset XAUTHORITY
fail() {
    echo "FAIL: $*"
    [ -f "$work/app.log" ] && cat "$work/app.log"
    exit 1
}
export HOME="$work" XDG_CONFIG_HOME="$work/config" STOCKROOM_DB_KEY=path-test-key
export STOCKROOM_ADMIN_PASSWORD=path-test-password QT_QPA_PLATFORM=xcb
settings="$work/config/Stockroom/Stockroom.conf"

# Whether a visible window whose title is exactly $1 shows within 20 s.
shows() {
    for _ in $(seq 100); do
        xdotool search --onlyvisible --name "^$1\$" > /dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}
# Starts the app from folder $1 with the rest as its arguments.
start() {
    local folder=$1
    shift
    (cd "$folder" && exec "$app" "$@") > "$work/app.log" 2>&1 &
    pid=$!
}
stop() {
    kill "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    pid=
}

mkdir -p "$work/site/data" "$work/elsewhere"
"$cli" init --db "$work/site/data/stock.db" --admin admin > /dev/null 2>&1 \
    || fail "could not create the test database"

start "$work/site" --db data/stock.db
shows "Sign in to Stockroom" || fail "a relative --db did not open the database"
stop
grep -q "^path=$work/site/data/stock.db\$" "$settings" \
    || fail "the remembered path is not absolute: $(grep path= "$settings")"

start "$work/elsewhere"
shows "Sign in to Stockroom" || fail "started from another folder, the remembered database was not found"
stop

mv "$work/site/data/stock.db" "$work/site/data/moved.db"
start "$work/elsewhere"
shows "Stockroom: database not found" || fail "a missing database was not said"
kill -0 "$pid" 2> /dev/null || fail "the app quit instead of offering another database"
xdotool key alt+o
shows "Open the stock database" || fail "Open… did not offer a file to choose"
stop
echo "PASS: relative path remembered as absolute, found from another folder, a missing file offered another"
