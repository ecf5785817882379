// A helper process for the crash and snapshot tests. It commits COMMITTED movements, then
// either starts a transaction, writes more, reports on stdout and waits to be killed with
// SIGKILL ("crash"), or reports and keeps committing one movement at a time until it is
// killed ("forever").

#include "model/services/movementservice.h"
#include "model/services/userservice.h"

#include <QCoreApplication>

#include <cstdio>
#include <thread>

using namespace Stockroom;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7) {
        std::fprintf(stderr, "usage: crashwriter DB KEY PRODUCT LOCATION COMMITTED crash|forever\n");
        return 2;
    }
    auto db = Database::open(args.at(1), args.at(2));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    SystemClock clock;
    StockLedger ledger(**db);
    MovementService movements(**db, ledger, clock);
    auto actor = UserService(**db, clock).actorFor(QStringLiteral("kim"));
    if (!actor)
        return 1;
    const qint64 product = args.at(3).toLongLong();
    const qint64 location = args.at(4).toLongLong();
    const int committed = args.at(5).toInt();

    for (int i = 0; i < committed; ++i) {
        if (!movements.post(*actor, ReceiveStock{product, location, {}, {}, 1, {}, {}}))
            return 1;
    }
    if (args.at(6) == QLatin1String("forever")) {
        std::printf("writing\n");
        std::fflush(stdout);
        for (int i = 0; i < 1000000; ++i) { // bounded; the test kills it long before
            if (!movements.post(*actor, ReceiveStock{product, location, {}, {}, 1, {}, {}}))
                return 1;
        }
        return 0;
    }
    auto tx = Transaction::begin(**db);
    if (!tx)
        return 1;
    for (int i = 0; i < 500; ++i) {
        if (!movements.post(*actor, ReceiveStock{product, location, {}, {}, 1000, {}, {}}))
            return 1;
    }
    std::printf("in-transaction\n");
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::seconds(60)); // killed long before this ends
    return 3;
}
