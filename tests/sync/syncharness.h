#pragma once

// The parts of the end-to-end sync tests: a real stockroom-server process on 127.0.0.1,
// and workstations, each a real encrypted database with the real sync client.

#include "model/catalog.h"
#include "model/masterdataservice.h"
#include "model/movementservice.h"
#include "model/stockledger.h"
#include "model/userservice.h"
#include "sync/syncclient.h"
#include "tests/support/fakeclock.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Stockroom::Test {

inline constexpr auto syncTestKey = "sync test key";

// Creates the server's database at path: users ada (admin), mina (manager) and kim
// (clerk); warehouses WH-A (bins) and WH-B (bin B-1); products P-1, P-2 and
// the lot-tracked P-3. Then issues tokens, and returns each by its name: "all" (manager,
// every warehouse), "wh-a" (clerk, WH-A), "wh-b" (clerk, WH-B), "revoked" and "expired".
QHash<QString, QString> seedServer(const QString &path);

class ServerProcess
{
public:
    explicit ServerProcess(QString dbPath, QStringList extraArguments = {});
    ~ServerProcess();

    // Starts the server and waits until it listens; false (and a test failure) if not.
    bool start();
    // SIGTERM, and waits for the exit; returns the exit code.
    int terminate();
    // SIGKILL, mid-whatever.
    void kill();
    bool running() const { return m_process.state() == QProcess::Running; }
    QUrl url() const;
    QString log();

private:
    QString m_dbPath;
    QStringList m_extraArguments;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

class Workstation
{
public:
    // A new database at path that syncs with token.
    Workstation(const QString &path, const QString &token);
    ~Workstation();

    Database &db() { return *m_db; }
    FakeClock &clock() { return m_clock; }
    StockLedger &ledger() { return *m_ledger; }

    // Runs the sync client until everything is pushed and pulled (true), or until it is
    // refused or timeoutMs pass (false; lastError() says why).
    bool sync(const QUrl &server, int timeoutMs = 20000);
    Sync::SyncClient::State lastState() const { return m_lastState; }
    QString lastError() const { return m_lastError; }

    // Posts a movement as the named user; the result, which may be a refusal.
    Result<PostedMovement> post(const QString &username, const MovementCommand &command);
    // Ids by code, SKU or user name, in this database.
    qint64 locationId(const QString &code);
    qint64 productId(const QString &sku);
    qint64 quantity(const QString &sku, const QString &location);
    qint64 pending();

private:
    FakeClock m_clock;
    QString m_token;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StockLedger> m_ledger;
    std::unique_ptr<MovementService> m_movements;
    Sync::SyncClient::State m_lastState = Sync::SyncClient::State::Offline;
    QString m_lastError;
};

// What two databases must agree on after sync, as sorted text lines that name records by
// code and SKU: stock on hand (without zero rows), and the ledger's lines.
QStringList stockRows(Database &db);
QStringList ledgerRows(Database &db);
// Opens a database file (of a stopped server, say) with the test key.
std::unique_ptr<Database> openDatabase(const QString &path);

} // namespace Stockroom::Test
