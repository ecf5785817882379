// The servers' event loop: Qt's own, not GLib's (see sync/eventloop.h).

#include "sync/eventloop.h"

#include <QAbstractEventDispatcher>
#include <QThread>

#include <gtest/gtest.h>

namespace Stockroom::Sync {
namespace {

// The class of the event dispatcher that a thread started now runs.
QByteArray dispatcherOfANewThread()
{
    QByteArray name;
    QThread *thread = QThread::create(
        [&name] { name = QAbstractEventDispatcher::instance()->metaObject()->className(); });
    thread->start();
    thread->wait();
    delete thread;
    return name;
}

TEST(EventLoopTest, ThreadsStartedAfterwardsRunQtsOwnLoop)
{
    const QByteArray before = qgetenv("QT_NO_GLIB");
    const bool wasSet = qEnvironmentVariableIsSet("QT_NO_GLIB");
    useQtEventLoop();
    const QByteArray dispatcher = dispatcherOfANewThread();
    // The rest of the test program keeps the loop it was started with.
    if (wasSet)
        qputenv("QT_NO_GLIB", before);
    else
        qunsetenv("QT_NO_GLIB");
    EXPECT_EQ(dispatcher.toStdString(), "QEventDispatcherUNIX");
}

} // namespace
} // namespace Stockroom::Sync
