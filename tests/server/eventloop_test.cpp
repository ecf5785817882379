// The servers' event loop: Qt's own, not GLib's (see sync/server/eventloop.h).

#include "sync/server/eventloop.h"

#include <QAbstractEventDispatcher>
#include <QThread>

#include <gtest/gtest.h>

#include <memory>

namespace Stockroom::Sync {
namespace {

// The class of the event dispatcher that a thread started now runs.
QByteArray dispatcherOfANewThread()
{
    QByteArray name;
    const std::unique_ptr<QThread> thread(QThread::create(
        [&name] { name = QAbstractEventDispatcher::instance()->metaObject()->className(); }));
    thread->start();
    thread->wait();
    return name;
}

// Puts QT_NO_GLIB back as it was, so that the rest of the test program keeps its loop.
class RestoredVariable
{
public:
    RestoredVariable()
        : m_wasSet(qEnvironmentVariableIsSet("QT_NO_GLIB"))
        , m_value(qgetenv("QT_NO_GLIB"))
    {}
    ~RestoredVariable()
    {
        if (m_wasSet)
            qputenv("QT_NO_GLIB", m_value);
        else
            qunsetenv("QT_NO_GLIB");
    }

private:
    bool m_wasSet;
    QByteArray m_value;
};

TEST(EventLoopTest, ThreadsStartedAfterwardsRunQtsOwnLoop)
{
    const RestoredVariable restored;
    // From GLib's loop, whatever the environment this test was started in, so that only
    // the call can make the difference.
    qunsetenv("QT_NO_GLIB");
    ASSERT_EQ(dispatcherOfANewThread().toStdString(), "QEventDispatcherGlib");
    useQtEventLoop();
    EXPECT_EQ(dispatcherOfANewThread().toStdString(), "QEventDispatcherUNIX");
}

} // namespace
} // namespace Stockroom::Sync
