#pragma once

// SyncStatus: the status bar's word on sync: online or offline, operations waiting, and
// when the workstation last synced. It watches a SyncClient it does not own.

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
    explicit SyncStatus(Sync::SyncClient &client, QWidget *parent = nullptr);

    void refresh();

private:
    Sync::SyncClient &m_client;
    QTimer *m_ticker;
};

} // namespace Stockroom::Views
