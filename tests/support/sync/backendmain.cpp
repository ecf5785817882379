#include "tests/support/testbackend.h"

#include <QCoreApplication>
#include <QNetworkProxyFactory>

#include <gmock/gmock.h>

#include <cstdio>

int main(int argc, char **argv)
{
    // --postgresql=STATE runs the suite on PostgreSQL (see testbackend.h).
    bool listing = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument.startsWith("--postgresql=")) {
            qputenv("STOCKROOM_TEST_BACKEND", "postgresql");
            qputenv("STOCKROOM_TEST_POSTGRES", argument.mid(int(qstrlen("--postgresql="))));
        }
        listing = listing || argument == "--gtest_list_tests";
    }
    QCoreApplication app(argc, argv);
    // Every test talks to 127.0.0.1, so no system proxy is asked (libproxy would be, on a
    // thread of its own that ThreadSanitizer sees race with each socket's connect).
    QNetworkProxyFactory::setUseSystemConfiguration(false);
    testing::InitGoogleMock(&argc, argv);
    // Without the cluster, say so in the words ctest counts as a skip, and run nothing.
    const QString unavailable = Stockroom::Test::TestBackend::unavailableReason();
    if (!listing && !unavailable.isEmpty()) {
        std::printf("[  SKIPPED ] PostgreSQL is not available: %s\n", qPrintable(unavailable));
        return 0;
    }
    return RUN_ALL_TESTS();
}
