#pragma once

// SyncStatus: the status bar's word on sync: online or offline, operations waiting, and
// when the workstation last synced. It watches a SyncClient it does not own.

#include "model/domain/clock.h"

#include <QLabel>

class QTimer;

namespace Stockroom::Sync {
class SyncClient;
}

namespace Stockroom::Views {

class SyncStatus : public QLabel
{
    Q_OBJECT

public:
    // The client and the clock must outlive it.
    SyncStatus(Sync::SyncClient &client, const Clock &clock, QWidget *parent = nullptr);

    void refresh();

private:
    Sync::SyncClient &m_client;
    const Clock &m_clock;
    QTimer *m_ticker;
};

} // namespace Stockroom::Views
