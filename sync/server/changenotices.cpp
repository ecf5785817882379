#include "changenotices.h"

#include "eventlog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Stockroom::Sync {

namespace {

// A NOTIFY payload holds under 8,000 bytes; past this many warehouses the notice says
// "master data", which every workstation hears.
constexpr int maxListedWarehouses = 500;

// Every notice names the server process that sent it. The process's threads write on
// connections of their own (the push writer, the REST writers), whose notices reach its
// listening connection as another's; what they changed the process has told its peers
// already.
const QString &thisInstance()
{
    static const QString instance = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return instance;
}

} // namespace

ChangeNotices::ChangeNotices(Database &db, EventLog &log, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_log(log)
{
    if (!m_db.isPostgres())
        return;
    QSqlDriver *driver = m_db.connection().driver();
    m_listening = driver->subscribeToNotification(QLatin1String(channel));
    if (!m_listening) {
        m_log.error("listen-failed",
                    {{"channel", QString::fromLatin1(channel)},
                     {"reason", driver->lastError().text()}});
        return;
    }
    connect(driver,
            &QSqlDriver::notification,
            this,
            [this](const QString &name,
                   QSqlDriver::NotificationSource source,
                   const QVariant &payload) {
                received(name, payload, source == QSqlDriver::OtherSource);
            });
}

ChangeNotices::~ChangeNotices()
{
    if (m_listening)
        m_db.connection().driver()->unsubscribeFromNotification(QLatin1String(channel));
}

Status ChangeNotices::announce(Database &db, const QSet<qint64> &warehouses, bool masterData)
{
    if (!db.isPostgres() || (warehouses.isEmpty() && !masterData))
        return {};
    QJsonObject notice{{QStringLiteral("masterData"), masterData},
                       {QStringLiteral("instance"), thisInstance()}};
    if (warehouses.size() > maxListedWarehouses) {
        notice.insert(QStringLiteral("masterData"), true);
    } else {
        QJsonArray ids;
        for (qint64 id : warehouses)
            ids.append(id);
        notice.insert(QStringLiteral("warehouses"), ids);
    }
    auto told = db.run(QStringLiteral("SELECT pg_notify(?, ?)"),
                       {QString::fromLatin1(channel),
                        QString::fromUtf8(QJsonDocument(notice).toJson(QJsonDocument::Compact))});
    if (!told)
        return std::unexpected(told.error());
    (*told)->finish();
    return {};
}

PendingNotices::PendingNotices(Database &db)
    : m_db(db)
{}

PendingNotices::~PendingNotices()
{
    m_db.withdraw(this);
}

void PendingNotices::add(const QSet<qint64> &warehouses, bool masterData)
{
    if (!m_db.isPostgres() || (warehouses.isEmpty() && !masterData))
        return;
    m_warehouses.unite(warehouses);
    m_masterData = m_masterData || masterData;
    m_db.enlist(this);
}

Status PendingNotices::flush()
{
    if (m_warehouses.isEmpty() && !m_masterData)
        return {};
    auto told = ChangeNotices::announce(m_db, m_warehouses, m_masterData);
    discard();
    return told;
}

void PendingNotices::discard()
{
    m_warehouses.clear();
    m_masterData = false;
}

void ChangeNotices::received(const QString &name, const QVariant &payload, bool fromOthers)
{
    if (name != QLatin1String(channel) || !fromOthers)
        return;
    const QJsonObject notice = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    if (notice.value(QStringLiteral("instance")).toString() == thisInstance())
        return;
    QSet<qint64> warehouses;
    for (const QJsonValue &id : notice.value(QStringLiteral("warehouses")).toArray())
        warehouses.insert(id.toInteger());
    const bool masterData = notice.value(QStringLiteral("masterData")).toBool();
    if (warehouses.isEmpty() && !masterData) {
        m_log.warning("notice-ignored", {{"payload", payload.toString().left(200)}});
        return;
    }
    Q_EMIT changed(warehouses, masterData);
}

} // namespace Stockroom::Sync
