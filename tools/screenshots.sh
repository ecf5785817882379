#!/bin/sh
# Screenshots of every main screen of the workstation, in English and Korean, as a person
# sees them: the real app in a virtual X display, signed in by typing, each tab in turn
# (Ctrl+1 to Ctrl+9, then one step back from the first), each window captured with
# ImageMagick.
#   tools/screenshots.sh BIN_DIR DEMO_DB KEY OUT_DIR
# Runs on a copy of the demo database with settings of its own, and stops only the
# processes it started.
set -eu
bin=$1 demo=$2 key=$3 out=$4
if [ -z "${SCREENSHOTS_IN_XVFB:-}" ]; then
    SCREENSHOTS_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

work=$(mktemp -d)
app=
cleanup() {
    if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out"
export XDG_CONFIG_HOME="$work/config" STOCKROOM_DB_KEY="$key"
tabs="scan stock stocktake history dashboard reports products locations alerts conflicts"

# The id of the visible window whose title is exactly $1, once it shows (at most 30 s).
window() {
    for _ in $(seq 150); do
        id=$(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null | head -n 1 || true)
        if [ -n "$id" ]; then echo "$id"; return 0; fi
        sleep 0.2
    done
    echo "no window named '$1' appeared" >&2
    return 1
}

for lang in en ko; do
    cp "$demo" "$work/demo.db"
    "$bin/stockroom" --db "$work/demo.db" --language "$lang" > "$work/app-$lang.log" 2>&1 &
    app=$!
    if [ "$lang" = ko ]; then login="Stockroom 로그인"; else login="Sign in to Stockroom"; fi
    id=$(window "$login")
    xdotool windowfocus --sync "$id"
    import -window "$id" "$out/$lang-0-sign-in.png"
    xdotool type --delay 30 mina
    xdotool key Tab
    xdotool type --delay 30 stockroom-demo
    xdotool key Return
    id=$(window Stockroom)
    xdotool windowsize --sync "$id" 1200 760
    xdotool windowfocus --sync "$id"
    n=1
    for tab in $tabs; do
        if [ "$n" -le 9 ]; then
            xdotool key "ctrl+$n"
        else # the tenth: one step back from the first
            xdotool key ctrl+1 ctrl+shift+Tab
        fi
        sleep 2 # charts and reports load after the tab shows
        import -window "$id" "$out/$lang-$n-$tab.png"
        n=$((n + 1))
    done
    kill "$app"
    wait "$app" 2>/dev/null || true
    app=
done
echo "Screenshots in $out"
