#include "syncstatus.h"

#include "sync/client/syncclient.h"

#include <QTimer>

namespace Stockroom::Views {

namespace {

constexpr int refreshMs = 30000; // "synced 3 min ago" ages

QString ago(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return SyncStatus::tr("never synced");
    const qint64 seconds = when.secsTo(now);
    if (seconds < 60)
        return SyncStatus::tr("synced just now");
    if (seconds < 3600)
        return SyncStatus::tr("synced %n min ago", nullptr, int(seconds / 60));
    return SyncStatus::tr("synced at %1").arg(when.toLocalTime().toString(QStringLiteral("HH:mm")));
}

} // namespace

SyncStatus::SyncStatus(Sync::SyncClient &client, const Clock &clock, QWidget *parent)
    : QLabel(parent)
    , m_client(client)
    , m_clock(clock)
    , m_ticker(new QTimer(this))
{
    connect(&client, &Sync::SyncClient::stateChanged, this, &SyncStatus::refresh);
    connect(&client, &Sync::SyncClient::synced, this, &SyncStatus::refresh);
    connect(&client, &Sync::SyncClient::answered, this, &SyncStatus::refresh);
    connect(&client, &Sync::SyncClient::queued, this, &SyncStatus::refresh);
    connect(m_ticker, &QTimer::timeout, this, &SyncStatus::refresh);
    m_ticker->start(refreshMs);
    refresh();
}

void SyncStatus::refresh()
{
    const auto pending = m_client.pendingCount();
    const QString waiting = pending && *pending > 0
                                ? tr("%n waiting to sync", nullptr, int(*pending))
                                : QString();
    QString state;
    switch (m_client.state()) {
    case Sync::SyncClient::State::Online:
        state = tr("Online");
        break;
    case Sync::SyncClient::State::Syncing:
        state = tr("Syncing");
        break;
    case Sync::SyncClient::State::Connecting:
        state = tr("Connecting");
        break;
    case Sync::SyncClient::State::Offline:
        state = tr("Offline");
        break;
    case Sync::SyncClient::State::Refused:
        state = tr("Not syncing");
        break;
    }
    QStringList parts{state};
    if (!waiting.isEmpty())
        parts << waiting;
    parts << ago(m_client.lastSynced(), m_clock.now());
    setText(parts.join(QStringLiteral(" · ")));
    setToolTip(m_client.lastError());
}

} // namespace Stockroom::Views
