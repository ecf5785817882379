// A server asked to serve a file that is not a sound Stockroom database refuses to start,
// and says why: an empty file is not made a new database, and a damaged one is not served.

#include "tests/support/sync/syncharness.h"
#include "tests/support/testbackend.h"

#include <QFile>
#include <QProcess>

#include <gtest/gtest.h>

namespace Stockroom::Test {
namespace {

class DamagedFileTest : public testing::Test
{
protected:
    void SetUp() override
    {
        path = TestBackend::newDatabase(dir.filePath(QStringLiteral("server.db")));
        if (Database::isPostgresUrl(path))
            GTEST_SKIP() << "a file's test: PostgreSQL checks its own pages";
    }

    // Runs serve on the file and expects it to refuse, saying reason; and the file to be
    // as it was.
    void expectRefused(const QString &reason)
    {
        const QByteArray before = bytes();
        QProcess process;
        process.setProcessEnvironment(keyedEnvironment());
        process.start(QStringLiteral(STOCKROOM_SERVER_EXECUTABLE),
                      {QStringLiteral("serve"),
                       QStringLiteral("--db"),
                       path,
                       QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0")});
        const bool exited = process.waitForFinished(20000);
        if (!exited) {
            process.kill(); // it served instead of refusing
            process.waitForFinished();
        }
        const QString log = QString::fromUtf8(process.readAllStandardError());
        EXPECT_TRUE(exited && process.exitCode() != 0) << log.toStdString();
        EXPECT_TRUE(log.contains(reason)) << log.toStdString();
        EXPECT_EQ(bytes(), before);
    }

    QByteArray bytes() const
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    void write(const QByteArray &content)
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }

    QTemporaryDir dir;
    QString path;
};

TEST_F(DamagedFileTest, AnEmptyFileIsNotServedAsANewDatabase)
{
    write({});
    expectRefused(QStringLiteral("holds no Stockroom database"));
}

TEST_F(DamagedFileTest, AFileWithBytesFlippedMidwayIsNotServed)
{
    seedServer(path);
    {
        auto db = Database::open(path, QString::fromLatin1(syncTestKey));
        ASSERT_TRUE(db);
        auto tx = Transaction::begin(**db);
        ASSERT_TRUE(tx);
        for (int i = 0; i < 2000; ++i)
            ASSERT_TRUE((*db)->setSetting(QStringLiteral("filler.%1").arg(i), QString(100, u'f')));
        ASSERT_TRUE(tx->commit());
    }
    QByteArray damaged = bytes();
    ASSERT_GT(damaged.size(), 128 * 1024);
    for (qsizetype i = damaged.size() / 2; i < damaged.size() / 2 + 64; ++i)
        damaged[i] = char(~damaged[i]);
    write(damaged);
    expectRefused(QStringLiteral("damaged"));
}

} // namespace
} // namespace Stockroom::Test
