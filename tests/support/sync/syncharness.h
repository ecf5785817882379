#pragma once

// The parts of the end-to-end sync tests: a real stockroom-server process on 127.0.0.1,
// and workstations, each a real encrypted database with the real sync client.

#include "model/ledger/stockledger.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/services/userservice.h"
#include "sync/client/syncclient.h"
#include "tests/support/fakeclock.h"
#include "tests/support/stockfixture.h"
#include "tests/support/testbackend.h"

#include <QCborMap>
#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

namespace Stockroom::Test {

inline constexpr auto syncTestKey = "sync test key";
// This process's environment with STOCKROOM_DB_KEY set to syncTestKey, for a
// stockroom-server or stockroom-cli process a test starts.
QProcessEnvironment keyedEnvironment();

// Creates the server's database at path: users ada (admin), mina (manager) and kim
// (clerk); warehouses WH-A (bins) and WH-B (bin B-1); products P-1, P-2 and
// the lot-tracked P-3. Then issues tokens, and returns each by its name: "all" (manager,
// every warehouse), "wh-a" (clerk, WH-A), "wh-b" (clerk, WH-B), "manager-a" (manager, WH-A),
// "admin-a" (admin, WH-A), "revoked" and "expired".
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
    qint64 pid() const { return m_process.processId(); }
    QUrl url() const;
    // The REST API's base URL, when the server was started with --http.
    QUrl httpUrl() const;
    // What the server has logged since it last started.
    QString log();

private:
    QString m_dbPath;
    QStringList m_extraArguments;
    QProcess m_process;
    QByteArray m_log;
    QByteArray m_earlierLogs; // of the runs before a restart
    quint16 m_port = 0;
    quint16 m_httpPort = 0;
};

class Workstation
{
public:
    // A new database at path that syncs with token.
    Workstation(const QString &path, const QString &token);
    // The workstation database at path, joined before (its token is the one it stores).
    explicit Workstation(const QString &path);
    ~Workstation();

    Database &db() { return *m_db; }
    FakeClock &clock() { return m_clock; }
    StockLedger &ledger() { return *m_ledger; }

    // Runs the sync client until everything is pushed and pulled (true), or until it is
    // refused or timeoutMs pass (false; lastError() says why).
    bool sync(const QUrl &server, int timeoutMs = 20000);
    Sync::SyncClient::State lastState() const { return m_lastState; }
    QString lastError() const { return m_lastError; }

    // A sync client that has been started and is left running, for faults to interrupt.
    std::unique_ptr<Sync::SyncClient> startSync(const QUrl &server);
    // Trusts these certificates for wss:// besides the system's.
    void trust(const QList<QSslCertificate> &certificates) { m_trusted = certificates; }
    // Stores the server in the database, for a stockroom-cli process to sync with.
    void setServer(const QUrl &server);
    QString path() const { return m_db->path(); }

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
    QList<QSslCertificate> m_trusted;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StockLedger> m_ledger;
    std::unique_ptr<MovementService> m_movements;
    Sync::SyncClient::State m_lastState = Sync::SyncClient::State::Offline;
    QString m_lastError;
};

// A WebSocket peer that sends whatever a test tells it to (bad input, duplicates,
// reordered batches) and records what comes back. Waits last at most 10 s.
class RawPeer
{
public:
    explicit RawPeer(const QUrl &url);

    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QCborMap &message);
    void sendBytes(const QByteArray &bytes) { m_socket.sendBinaryMessage(bytes); }
    void sendText(const QString &text) { m_socket.sendTextMessage(text); }
    // Says hello as device with token; the next message answers it.
    void hello(const QString &token,
               qint64 proto = 1,
               const QString &device = QStringLiteral("raw-peer"));

    // The next message, or an empty map when none came in time.
    QCborMap next();
    bool waitClosed();
    int closeCode() const { return int(m_socket.closeCode()); }

private:
    QWebSocket m_socket;
    QList<QCborMap> m_received;
    bool m_closed = false;
};

// A fixture base: a temporary folder, a seeded server database in it (see seedServer) and
// a stockroom-server process serving it.
template<typename Base = testing::Test>
class ServerFixture : public Base
{
protected:
    // Seeds the database and starts the server with these extra arguments.
    void startServer(const QStringList &arguments = {})
    {
        serverPath = TestBackend::newDatabase(dir.filePath(QStringLiteral("server.db")));
        tokens = seedServer(serverPath);
        server = std::make_unique<ServerProcess>(serverPath, arguments);
        ASSERT_TRUE(server->start());
    }

    QTemporaryDir dir;
    QString serverPath;
    QHash<QString, QString> tokens; // by name, as seedServer issued them
    std::unique_ptr<ServerProcess> server;
};

// Records one random receipt, issue, transfer or count on P-1 or P-2 in any bin, as mina,
// that the workstation's own rules accept.
void recordRandomMovement(Workstation &ws, QRandomGenerator &random);

// What two databases must agree on after sync, as sorted text lines that name records by
// code and SKU: stock on hand (without zero rows), and the ledger's lines.
QStringList stockRows(Database &db);
QStringList ledgerRows(Database &db);
// Runs the event loop for ms milliseconds.
void spin(int ms);
// Writes a throwaway self-signed certificate for 127.0.0.1 and its key into dir; the paths
// of both (certificate first), or empty ones (and a test failure) when openssl failed.
std::pair<QString, QString> makeSelfSignedCertificate(const QDir &dir);
// Runs the event loop until done() or ms pass; returns done().
bool waitUntil(const std::function<bool()> &done, int ms = 10000);

// A workstation's database (StockFixture) joined to a sync server that is never dialled,
// for tests of the client's parts. Skipped on PostgreSQL, which is never a workstation's.
class JoinedStockFixture : public StockFixture
{
protected:
    void SetUp() override;
};
// Opens a database file (of a stopped server, say) with the test key.
std::unique_ptr<Database> openDatabase(const QString &path);

} // namespace Stockroom::Test
