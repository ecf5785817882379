#!/bin/bash
# The workstation's command line where there is no display (over ssh, in a script):
# --help, --help in Korean, --version and a wrong option each answer on the terminal.
# Usage: commandline.sh STOCKROOM_EXECUTABLE
set -u
app=$1
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
fail() {
    echo "FAIL: $*"
    exit 1
}
# No display of any kind, and settings of its own.
run() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM HOME="$home" \
        XDG_CONFIG_HOME="$home/config" "$app" "$@" 2>&1
}

out=$(run --help) || fail "--help exited with $?: $out"
grep -q -- '--db <path>' <<<"$out" || fail "--help does not name --db: $out"
out=$(run --language ko --help) || fail "--language ko --help exited with $?: $out"
grep -q '열 데이터베이스' <<<"$out" || fail "the help is not in Korean: $out"
out=$(run --version) || fail "--version exited with $?: $out"
grep -q '^Stockroom [0-9]' <<<"$out" || fail "--version does not say the version: $out"
if out=$(run --no-such-option); then
    fail "an unknown option was accepted: $out"
fi
grep -q 'no-such-option' <<<"$out" || fail "the error does not name the option: $out"
echo "PASS: --help, Korean help, --version and a wrong option without a display"
