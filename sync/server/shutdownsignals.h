#pragma once

// ShutdownSignals: turns SIGTERM and SIGINT into a Qt signal, delivered in the event loop
// (a signal handler may only write to a pipe; the loop reads it). One instance per
// process.

#include <QObject>

class QSocketNotifier;

namespace Stockroom::Server {

class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void requested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Stockroom::Server
