#include "syncharness.h"

#include "model/services/catalog.h"
#include "sync/server/tokens.h"

#include <QEventLoop>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimer>

#include <gtest/gtest.h>

#include <csignal>

namespace Stockroom::Test {

namespace {

constexpr int startTimeoutMs = 15000;

template<typename T>
T need(Result<T> result, const char *what)
{
    if (!result) {
        ADD_FAILURE() << what << ": " << result.error().message.toStdString();
        std::abort();
    }
    return std::move(*result);
}

void need(const Status &status, const char *what)
{
    if (!status) {
        ADD_FAILURE() << what << ": " << status.error().message.toStdString();
        std::abort();
    }
}

QStringList rows(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql))
        ADD_FAILURE() << query.lastError().text().toStdString();
    QStringList out;
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i)
            values.append(query.value(i).toString());
        out.append(values.join(QLatin1Char('|')));
    }
    return out;
}

} // namespace

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

std::pair<QString, QString> makeSelfSignedCertificate(const QDir &dir)
{
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-days"),
                   QStringLiteral("1"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"),
                   key,
                   QStringLiteral("-out"),
                   cert});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        ADD_FAILURE() << "openssl: " << openssl.readAllStandardError().toStdString();
        return {};
    }
    return {cert, key};
}

bool waitUntil(const std::function<bool()> &done, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms)
        spin(5);
    return done();
}

void JoinedStockFixture::SetUp()
{
    if (TestBackend::postgres())
        GTEST_SKIP() << "A workstation's database is always the embedded store.";
    StockFixture::SetUp();
    ASSERT_TRUE(db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
}

RawPeer::RawPeer(const QUrl &url)
{
    QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, [this](const QByteArray &frame) {
        m_received.append(QCborValue::fromCbor(frame).toMap());
    });
    QObject::connect(&m_socket, &QWebSocket::disconnected, [this] { m_closed = true; });
    m_socket.open(url);
    waitUntil([this] { return connected() || m_closed; });
}

void RawPeer::send(const QCborMap &message)
{
    m_socket.sendBinaryMessage(message.toCborValue().toCbor());
}

void RawPeer::hello(const QString &token, qint64 proto, const QString &device)
{
    send({{QStringLiteral("t"), QStringLiteral("hello")},
          {QStringLiteral("proto"), proto},
          {QStringLiteral("schema"), 2},
          {QStringLiteral("device"), device},
          {QStringLiteral("token"), token}});
}

QCborMap RawPeer::next()
{
    waitUntil([this] { return !m_received.isEmpty() || m_closed; });
    return m_received.isEmpty() ? QCborMap() : m_received.takeFirst();
}

bool RawPeer::waitClosed()
{
    waitUntil([this] { return m_closed; });
    return m_closed;
}

std::unique_ptr<Database> openDatabase(const QString &path)
{
    return need(Database::open(path, QString::fromLatin1(syncTestKey)), "open");
}

QHash<QString, QString> seedServer(const QString &path)
{
    auto db = need(Database::create(path, QString::fromLatin1(syncTestKey)), "create");
    FakeClock clock;
    UserService users(*db, clock);
    MasterDataService masterData(*db, clock);
    need(users.createFirstAdmin({QStringLiteral("ada"),
                                 QStringLiteral("Ada"),
                                 Role::Admin,
                                 QStringLiteral("password-ada")}),
         "admin");
    const Actor admin = need(users.actorFor(QStringLiteral("ada")), "admin");
    need(users.createUser(admin,
                          {QStringLiteral("mina"),
                           QStringLiteral("Mina"),
                           Role::Manager,
                           QStringLiteral("password-mina")}),
         "manager");
    need(users.createUser(admin,
                          {QStringLiteral("kim"),
                           QStringLiteral("Kim"),
                           Role::Clerk,
                           QStringLiteral("password-kim")}),
         "clerk");
    const auto location = [&](qint64 parent, LocationKind kind, const char *code) {
        return need(masterData.createLocation(admin,
                                              {parent,
                                               kind,
                                               QString::fromLatin1(code),
                                               QString::fromLatin1(code),
                                               QString()}),
                    "location")
            .id;
    };
    const qint64 whA = location(0, LocationKind::Warehouse, "WH-A");
    for (const char *bin : {"A-1", "A-2", "A-3"})
        location(whA, LocationKind::Bin, bin);
    const qint64 whB = location(0, LocationKind::Warehouse, "WH-B");
    location(whB, LocationKind::Bin, "B-1");
    for (const char *sku : {"P-1", "P-2", "P-3"}) {
        CreateProduct product;
        product.sku = QString::fromLatin1(sku);
        product.name = QStringLiteral("Product ") + product.sku;
        product.lotTracked = product.sku == QLatin1String("P-3");
        need(masterData.createProduct(admin, product), "product");
    }

    // The server checks tokens on its own (real) clock.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Sync::TokenStore tokens(*db);
    QHash<QString, QString> issued;
    const auto issue = [&](const char *name, Role role, QStringList warehouses, QDateTime expires) {
        issued.insert(QString::fromLatin1(name),
                      need(tokens.issue(QString::fromLatin1(name), role, warehouses, expires, now),
                           "token"));
    };
    issue("all", Role::Manager, {}, {});
    issue("wh-a", Role::Clerk, {QStringLiteral("WH-A")}, {});
    issue("wh-b", Role::Clerk, {QStringLiteral("WH-B")}, {});
    issue("manager-a", Role::Manager, {QStringLiteral("WH-A")}, {});
    issue("admin-a", Role::Admin, {QStringLiteral("WH-A")}, {});
    issue("revoked", Role::Clerk, {}, {});
    need(tokens.revoke(QStringLiteral("revoked"), now), "revoke");
    issue("expired", Role::Clerk, {}, now.addSecs(-60));
    return issued;
}

QProcessEnvironment keyedEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STOCKROOM_DB_KEY"), QString::fromLatin1(syncTestKey));
    return environment;
}

ServerProcess::ServerProcess(QString dbPath, QStringList extraArguments)
    : m_dbPath(std::move(dbPath))
    , m_extraArguments(std::move(extraArguments))
{
    m_process.setProcessEnvironment(keyedEnvironment());
    m_process.setProgram(QStringLiteral(STOCKROOM_SERVER_EXECUTABLE));
}

ServerProcess::~ServerProcess()
{
    if (running())
        terminate();
}

bool ServerProcess::start()
{
    m_earlierLogs += m_log;
    m_log.clear();
    m_process.setArguments(QStringList{QStringLiteral("serve"),
                                       QStringLiteral("--db"),
                                       m_dbPath,
                                       QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:0")}
                           + m_extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(startTimeoutMs)) {
        ADD_FAILURE() << "stockroom-server did not start: "
                      << m_process.errorString().toStdString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("event=listening .*port=(\\d+)"));
    static const QRegularExpression httpListening(
        QStringLiteral("event=http-listening .*port=(\\d+)"));
    const bool http = m_extraArguments.contains(QStringLiteral("--http"));
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < startTimeoutMs) {
        const QString text = log();
        const auto match = listening.match(text);
        const auto httpMatch = httpListening.match(text);
        if (match.hasMatch() && (!http || httpMatch.hasMatch())) {
            m_port = quint16(match.captured(1).toUInt());
            m_httpPort = http ? quint16(httpMatch.captured(1).toUInt()) : 0;
            return true;
        }
        if (!m_process.waitForReadyRead(200) && m_process.state() != QProcess::Running)
            break;
    }
    ADD_FAILURE() << "stockroom-server did not listen: " << log().toStdString();
    return false;
}

int ServerProcess::terminate()
{
    m_process.terminate();
    if (!m_process.waitForFinished(startTimeoutMs)) {
        ADD_FAILURE() << "stockroom-server did not stop on SIGTERM";
        m_process.kill();
        m_process.waitForFinished();
    }
    log();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServerProcess::kill()
{
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished();
    log();
}

QUrl ServerProcess::url() const
{
    const bool tls = m_extraArguments.contains(QStringLiteral("--tls-cert"));
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                    .arg(m_port));
}

QUrl ServerProcess::httpUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_httpPort));
}

QString ServerProcess::log()
{
    m_log += m_process.readAllStandardError();
    m_log += m_process.readAllStandardOutput();
    return QString::fromUtf8(m_log);
}

Workstation::Workstation(const QString &path, const QString &token)
    : m_token(token)
{
    m_db = need(Database::create(path, QString::fromLatin1(syncTestKey)), "workstation");
    need(m_db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1")), "join");
    need(m_db->setSetting(QStringLiteral("sync.token"), token), "token");
    m_ledger = std::make_unique<StockLedger>(*m_db);
    m_movements = std::make_unique<MovementService>(*m_db, *m_ledger, m_clock);
}

Workstation::Workstation(const QString &path)
{
    m_db = need(Database::open(path, QString::fromLatin1(syncTestKey)), "workstation");
    m_token = m_db->setting(QStringLiteral("sync.token"));
    m_ledger = std::make_unique<StockLedger>(*m_db);
    m_movements = std::make_unique<MovementService>(*m_db, *m_ledger, m_clock);
}

Workstation::~Workstation()
{
    m_movements.reset();
    m_ledger.reset();
}

std::unique_ptr<Sync::SyncClient> Workstation::startSync(const QUrl &server)
{
    Sync::ClientOptions options;
    options.server = server;
    options.token = m_token;
    options.caCertificates = m_trusted;
    options.minBackoffMs = 50;
    options.maxBackoffMs = 400;
    auto client = std::make_unique<Sync::SyncClient>(*m_db, *m_ledger, m_clock, options);
    client->start();
    return client;
}

void Workstation::setServer(const QUrl &server)
{
    need(m_db->setSetting(QStringLiteral("sync.server"), server.toString()), "server");
}

bool Workstation::sync(const QUrl &server, int timeoutMs)
{
    auto running = startSync(server);
    Sync::SyncClient &client = *running;
    QEventLoop loop;
    bool synced = false;
    QObject::connect(&client, &Sync::SyncClient::synced, &loop, [&] {
        synced = true;
        loop.quit();
    });
    // A round that fails is tried again, and a new connection clears the error: keep the
    // last one seen.
    QString seenError;
    QObject::connect(&client, &Sync::SyncClient::stateChanged, &loop, [&](auto state) {
        if (!client.lastError().isEmpty())
            seenError = client.lastError();
        if (state == Sync::SyncClient::State::Refused)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (client.state() != Sync::SyncClient::State::Refused)
        loop.exec();
    m_lastState = client.state();
    m_lastError = client.lastError().isEmpty() ? seenError : client.lastError();
    client.stop();
    return synced;
}

Result<PostedMovement> Workstation::post(const QString &username, const MovementCommand &command)
{
    auto actor = UserService(*m_db, m_clock).actorFor(username);
    if (!actor)
        return std::unexpected(actor.error());
    return m_movements->post(*actor, command);
}

qint64 Workstation::locationId(const QString &code)
{
    return need(Catalog(*m_db).findLocation(code), "location").id;
}

qint64 Workstation::productId(const QString &sku)
{
    return need(Catalog(*m_db).findProduct(sku), "product").id;
}

qint64 Workstation::quantity(const QString &sku, const QString &location)
{
    const QStringList found = rows(*m_db,
                                   QStringLiteral(
                                       "SELECT coalesce(sum(s.quantity), 0) FROM stock s "
                                       "JOIN products p ON p.id = s.product_id "
                                       "JOIN locations l ON l.id = s.location_id "
                                       "WHERE p.sku = '%1' AND l.code = '%2'")
                                       .arg(sku, location));
    return found.value(0).toLongLong();
}

qint64 Workstation::pending()
{
    return need(Sync::ClientStore(*m_db, *m_ledger, m_clock).pendingCount(), "pending");
}

void recordRandomMovement(Workstation &ws, QRandomGenerator &random)
{
    static const QStringList skus{QStringLiteral("P-1"), QStringLiteral("P-2")};
    static const QStringList bins{QStringLiteral("A-1"),
                                  QStringLiteral("A-2"),
                                  QStringLiteral("A-3"),
                                  QStringLiteral("B-1")};
    const QString sku = skus.at(random.bounded(int(skus.size())));
    const QString bin = bins.at(random.bounded(int(bins.size())));
    const qint64 product = ws.productId(sku);
    const qint64 location = ws.locationId(bin);
    const qint64 stock = ws.quantity(sku, bin);
    MovementCommand command;
    switch (random.bounded(4)) {
    case 1:
        if (stock > 0) {
            command = IssueStock{product, location, {}, 1 + random.bounded(stock), {}, {}};
            break;
        }
        [[fallthrough]];
    case 0:
        command = ReceiveStock{product, location, {}, {}, 1 + random.bounded(20), {}, {}};
        break;
    case 2: {
        const QString to = bins.at(random.bounded(int(bins.size())));
        if (stock > 0 && to != bin) {
            command = TransferStock{product,
                                    location,
                                    ws.locationId(to),
                                    {},
                                    1 + random.bounded(stock),
                                    {},
                                    {}};
            break;
        }
        command = ReceiveStock{product, location, {}, {}, 5, {}, {}};
        break;
    }
    default:
        command = CountStock{product,
                             location,
                             {},
                             std::max<qint64>(0, stock + random.bounded(7) - 3),
                             std::nullopt,
                             QStringLiteral("cycle count"),
                             {}};
        break;
    }
    auto posted = ws.post(QStringLiteral("mina"), command);
    EXPECT_TRUE(posted) << posted.error().message.toStdString();
}

QStringList stockRows(Database &db)
{
    return rows(db,
                QStringLiteral(
                    "SELECT p.sku, l.code, coalesce(t.code, ''), s.quantity FROM stock s "
                    "JOIN products p ON p.id = s.product_id "
                    "JOIN locations l ON l.id = s.location_id "
                    "LEFT JOIN lots t ON t.id = s.lot_id "
                    "WHERE s.quantity <> 0 ORDER BY 1, 2, 3"));
}

QStringList ledgerRows(Database &db)
{
    return rows(db,
                QStringLiteral("SELECT m.id, m.leg, m.type, p.sku, l.code, m.delta, "
                               "coalesce(CAST(m.counted AS TEXT), ''), m.device_id, m.device_seq "
                               "FROM movements m JOIN products p ON p.id = m.product_id "
                               "JOIN locations l ON l.id = m.location_id ORDER BY m.id, m.leg"));
}

} // namespace Stockroom::Test
