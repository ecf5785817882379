#!/usr/bin/env bash
# Makes this folder's databases with the programs of release 0.1.0, as they were made for the
# upgrade tests (tests/client/upgrade_test.cpp). Kept to say how; run it only to remake them
# with that release's stockroom-cli and stockroom-server:
#     make-fixture.sh RELEASE_BIN_DIR OUT_DIR
# A server database (a small demo) with a manager token, and a workstation joined to it that
# pushed one receipt and then recorded four more movements offline, still in its outbox.
# Both are encrypted under the key "sync test key", the end-to-end tests' key.
# pending-push.cbor is what that release's sync client encoded of the workstation's outbox
# (ClientStore::encodedOperations(0, 2000, no byte limit): all five operations, as a push
# carries them), written by a throwaway program linked against that release's library.
# pulled-pages.cbor is, the same way, what that release's ChangeFeed::pull gave a manager's
# token on server.db from the start, 40 items a page, as an array of the pages' items.
set -euo pipefail
bin=$1
out=$2
port=${PORT:-18765}
mkdir -p "$out"
cd "$out"
printf 'sync test key\n' >db.key
"$bin/stockroom-cli" demo --db server.db --key-file db.key --products 12 --movements 80 \
    --days 10 --last-day 2026-12-01 --seed 7
"$bin/stockroom-server" token issue --db server.db --key-file db.key \
    --name fixture-workstation --role manager >token
"$bin/stockroom-server" serve --db server.db --key-file db.key \
    --listen "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1.5
"$bin/stockroom-cli" join --db workstation.db --key-file db.key \
    --server "ws://127.0.0.1:$port" --token-file token --time-zone Asia/Seoul --timeout 60
export STOCKROOM_USER=mina
record() { "$bin/stockroom-cli" record --db workstation.db --key-file db.key "$@"; }
record receive --product SKU-00004 --location PUS-C-22 --qty 5 --reference FIXTURE-SYNCED
"$bin/stockroom-cli" sync --db workstation.db --key-file db.key --timeout 60
kill $server
wait $server || true
trap - EXIT
record receive --product SKU-00012 --location SEL-A-17 --qty 7 --reference FIXTURE-PENDING-1
record transfer --product SKU-00012 --from PUS-C-07 --to PUS-C-22 --qty 3 \
    --reference FIXTURE-PENDING-2
record receive --product SKU-00009 --location SEL-A-13 --qty 4 --lot LFIX-1 \
    --expiry 2027-06-30 --reference FIXTURE-PENDING-3
record issue --product SKU-00005 --location SEL-A-01 --lot L261201-14 --qty 2 \
    --reason "fixture issue"
rm -f serve.log db.key token
