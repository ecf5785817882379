#pragma once

// SyncConnection: one workstation of the load generator on the WebSocket sync protocol
// (docs/sync-protocol.md). It says hello as a device of its own, then pushes one batch at
// a time and waits for the answer, as the sync client does.

#include <QCborArray>
#include <QElapsedTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace Stockroom::Load {

struct PushAnswer
{
    QCborArray results; // one per operation, in order
    QString error;      // empty when the server answered the push
    double seconds = 0;
};

class SyncConnection
{
public:
    using Done = std::function<void(const PushAnswer &)>;

    SyncConnection(const QUrl &url, QString token, QString deviceId, qint64 schemaVersion);

    // The next operation sequence number of this device.
    qint64 nextSeq() { return ++m_seq; }
    // Sends ops once the server has welcomed the device; done gets the answer.
    void push(const QCborArray &ops, Done done);

private:
    void received(const QByteArray &message);
    void finish(const PushAnswer &answer);
    void sendPending();

    QWebSocket m_socket;
    QString m_token;
    QString m_deviceId;
    qint64 m_schemaVersion;
    bool m_welcomed = false;
    qint64 m_seq = 0;
    qint64 m_requestId = 0;
    QCborArray m_pending;
    QElapsedTimer m_timer;
    Done m_done;
};

} // namespace Stockroom::Load
