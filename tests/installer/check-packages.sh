#!/bin/bash
# The Debian packages, made by cpack from this build: each holds what it should and
# nothing another holds, depends on what it must and never on a shared SQLite or
# SQLCipher (SQLCipher is linked in; a shared one could open the database unencrypted),
# carries its maintainer scripts, its desktop entry and AppStream metainfo validate, and
# its programs run from what the packages unpack: the unpacked stockroom-cli makes a
# database that the unpacked stockroom-server opens.
#   check-packages.sh BUILD_DIR VERSION
set -euo pipefail

build=$1
version=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

if ! (cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1); then
    cat "$out/cpack.log"
    fail "cpack could not make the packages"
fi

package_file() {
    local found=("$out/$1_${version}"-*.deb)
    [ -f "${found[0]}" ] || fail "no package $1 $version in: $(ls "$out")"
    echo "${found[0]}"
}
client=$(package_file stockroom)
cli=$(package_file stockroom-cli)
server=$(package_file stockroom-server)

files_of() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ { print $6 }'; }
holds() {
    files_of "$1" | grep -qx "$2" || fail "$(basename "$1") does not hold $2"
}
holds "$client" ./usr/bin/stockroom
holds "$client" ./usr/share/applications/stockroom.desktop
holds "$client" ./usr/share/icons/hicolor/scalable/apps/stockroom.svg
holds "$client" ./usr/share/metainfo/org.stockroom.Stockroom.metainfo.xml
holds "$cli" ./usr/bin/stockroom-cli
holds "$server" ./usr/bin/stockroom-server
holds "$server" ./usr/lib/systemd/system/stockroom-server.service
holds "$server" ./etc/default/stockroom-server
holds "$server" ./usr/share/doc/stockroom-server/README.Debian
shared=$(for deb in "$client" "$cli" "$server"; do files_of "$deb"; done | sort | uniq -d)
[ -z "$shared" ] || fail "files in more than one package: $shared"

depends() { dpkg-deb -f "$1" Depends; }
for deb in "$client" "$cli" "$server"; do
    if depends "$deb" | grep -Eq 'libsqlcipher|libsqlite3'; then
        fail "$(basename "$deb") depends on a shared SQLite: $(depends "$deb")"
    fi
    depends "$deb" | grep -q 'libqt6core6' || fail "$(basename "$deb") lacks its Qt dependencies"
done
depends "$client" | grep -q 'libqt6widgets6' || fail "stockroom does not depend on Qt Widgets"
depends "$client" | grep -q 'qt6-qpa-plugins' || fail "stockroom does not depend on qt6-qpa-plugins"
depends "$server" | grep -q "stockroom-cli (= $version-" || fail "stockroom-server lacks stockroom-cli"
depends "$server" | grep -q 'adduser' || fail "stockroom-server lacks adduser"
if depends "$server" | grep -Eq 'libqt6(gui|widgets)6'; then
    fail "stockroom-server depends on Qt Gui or Widgets: $(depends "$server")"
fi

control="$out/control"
dpkg-deb -e "$server" "$control"
for script in postinst prerm postrm; do
    [ -x "$control/$script" ] || fail "stockroom-server's $script is missing or not executable"
    sh -n "$control/$script" || fail "stockroom-server's $script is not valid sh"
done
grep -qx /etc/default/stockroom-server "$control/conffiles" \
    || fail "/etc/default/stockroom-server is not a conffile"

root="$out/root"
for deb in "$client" "$cli" "$server"; do
    dpkg-deb -x "$deb" "$root"
done
desktop-file-validate "$root/usr/share/applications/stockroom.desktop" \
    || fail "the desktop entry is not valid"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.stockroom.Stockroom.metainfo.xml" \
    >"$out/appstream.log" 2>&1 || { cat "$out/appstream.log"; fail "the AppStream metainfo is not valid"; }
unit="$root/usr/lib/systemd/system/stockroom-server.service"
grep -q '^ExecStart=/usr/bin/stockroom-server serve ' "$unit" || fail "the unit does not serve"
grep -q '^User=stockroom$' "$unit" || fail "the unit does not run as stockroom"

# The desktop app and the CLI are workstations: they link the sync client, never the server.
for program in stockroom stockroom-cli; do
    # The server's QObject classes leave their names in a program that links them.
    if grep -aEq 'Stockroom::Sync::(SyncServer|RestServer|HttpConnection|ChangeNotices)' "$root/usr/bin/$program"; then
        fail "$program holds the sync server's code"
    fi
done
grep -aq 'Stockroom::Sync::SyncServer' "$root/usr/bin/stockroom-server" \
    || fail "the check for the server's code finds nothing in stockroom-server itself"

[ "$("$root/usr/bin/stockroom-server" --version)" = "stockroom-server $version" ] \
    || fail "the unpacked stockroom-server does not run"
"$root/usr/bin/stockroom-cli" --help >/dev/null || fail "the unpacked stockroom-cli does not run"

# A server database made and used as README.Debian says, by the unpacked programs.
printf 'package-check-key\n' >"$out/db.key"
STOCKROOM_ADMIN_PASSWORD=package-check-password "$root/usr/bin/stockroom-cli" init \
    --db "$out/server.db" --key-file "$out/db.key" --admin admin >"$out/init.log" 2>&1 \
    || { cat "$out/init.log"; fail "the unpacked stockroom-cli could not make a database"; }
token=$("$root/usr/bin/stockroom-server" token issue --db "$out/server.db" \
    --key-file "$out/db.key" --name package-check --role clerk 2>"$out/token.log") \
    || { cat "$out/token.log"; fail "the unpacked stockroom-server could not open it"; }
case "$token" in
srt_*) ;;
*) fail "the token issued is not one: $token" ;;
esac
# The signing key, as the package's postinst makes it.
"$root/usr/bin/stockroom-server" keygen --signing-key "$out/signing.key" >"$out/keygen.log" 2>&1 \
    || { cat "$out/keygen.log"; fail "the unpacked stockroom-server could not make a signing key"; }
grep -q -- '--signing-key %d/signing.key' "$unit" \
    || fail "the unit does not give the server its signing key"

echo "OK: $(basename "$client") $(basename "$cli") $(basename "$server")"
