// Upgrades, the server's side: on a database made by an earlier release
// (tests/data/release-<version>/), this server's pulls are byte for byte what that
// release's were, so that a workstation of that release reads what it always read.

#include "sync/server/changefeed.h"

#include "tests/support/sync/syncharness.h"

#include <QCborArray>
#include <QFile>

namespace Stockroom::Test {
namespace {

TEST(ReleaseFeedTest, PullsFromTheStartAreTheBytesRelease010Sent)
{
    if (TestBackend::postgres())
        GTEST_SKIP() << "The fixture is the embedded store's file.";
    const QString source = QStringLiteral(STOCKROOM_TEST_DATA_DIR "/release-0.1.0/");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("server.db"));
    ASSERT_TRUE(QFile::copy(source + QStringLiteral("server.db"), path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile released(source + QStringLiteral("pulled-pages.cbor"));
    ASSERT_TRUE(released.open(QIODevice::ReadOnly));

    auto db = openDatabase(path);
    Sync::ChangeFeed feed(*db);
    Sync::TokenInfo token;
    token.role = Role::Manager;
    Sync::Cursor cursor;
    QCborArray pages;
    for (int i = 0; i < 1000; ++i) {
        auto page = feed.pull(token, QStringLiteral("golden-device"), cursor, 40);
        ASSERT_TRUE(page);
        pages.append(page->items);
        cursor = page->cursor;
        if (!page->more)
            break;
    }
    EXPECT_EQ(pages.size(), 14);
    EXPECT_EQ(QCborValue(pages).toCbor(), released.readAll());
}

} // namespace
} // namespace Stockroom::Test
