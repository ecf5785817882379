// --stock-strategy against a real stockroom-server: each strategy applies REST stock writes
// as group commit does (the same replies, refusals and idempotency, a clean ledger), and the
// option refuses what it cannot do. Many writers at once on one item are LoadAccuracy's job.

#include "httpclient.h"
#include "tests/support/sync/syncharness.h"
#include "tests/support/testbackend.h"

#include "model/ledger/stockledger.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <gtest/gtest.h>

namespace Stockroom::Test {
namespace {

class StrategiesTest : public ServerFixture<testing::TestWithParam<const char *>>
{
protected:
    void SetUp() override
    {
        if (QLatin1String(GetParam()) == QLatin1String("advisory") && !TestBackend::postgres())
            GTEST_SKIP() << "advisory locks are PostgreSQL's (refused on the embedded store)";
        startServer({QStringLiteral("--http"),
                     QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--negative-stock"),
                     QStringLiteral("refuse"),
                     QStringLiteral("--stock-strategy"),
                     QLatin1String(GetParam()),
                     QStringLiteral("--writers"),
                     QStringLiteral("3")});
        http = std::make_unique<HttpClient>(server->httpUrl());
    }

    QString token() const { return tokens.value(QStringLiteral("all")); }

    HttpResult write(const char *path, const QJsonObject &body, const QByteArray &key)
    {
        return http->send("POST",
                          QLatin1String(path),
                          token(),
                          QJsonDocument(body).toJson(QJsonDocument::Compact),
                          {{"Idempotency-Key", key}});
    }

    qint64 quantity(const char *location)
    {
        const HttpResult stock = http->get(QStringLiteral("/api/v1/stock?product=P-1&location=%1")
                                               .arg(QLatin1String(location)),
                                           token());
        qint64 total = 0;
        for (const QJsonValue &row : stock.json().value(QStringLiteral("items")).toArray())
            total += row.toObject().value(QStringLiteral("quantity")).toInteger();
        return total;
    }

    std::unique_ptr<HttpClient> http;
};

QJsonObject onP1(const char *location, qint64 quantity)
{
    return {{QStringLiteral("product"), QStringLiteral("P-1")},
            {QStringLiteral("location"), QLatin1String(location)},
            {QStringLiteral("quantity"), quantity}};
}

TEST_P(StrategiesTest, WritesRefusalsAndRetriesAnswerAsUnderGroupCommit)
{
    ASSERT_EQ(write("/api/v1/receipts", onP1("A-1", 10), "r1").status, 201);
    const HttpResult issued = write("/api/v1/issues", onP1("A-1", 4), "i1");
    ASSERT_EQ(issued.status, 201) << issued.body.toStdString();
    EXPECT_EQ(issued.json().value(QStringLiteral("outcome")), QStringLiteral("applied"));

    // Under --negative-stock refuse, more than is left is refused and changes nothing.
    const HttpResult tooMany = write("/api/v1/issues", onP1("A-1", 7), "i2");
    EXPECT_EQ(tooMany.status, 409) << tooMany.body.toStdString();
    EXPECT_EQ(tooMany.json().value(QStringLiteral("type")).toString().section(u':', -1),
              QStringLiteral("insufficient-stock"));

    // A retry with the same key answers as the first time and is not applied again.
    const HttpResult again = write("/api/v1/issues", onP1("A-1", 4), "i1");
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.json().value(QStringLiteral("id")), issued.json().value(QStringLiteral("id")));

    const HttpResult moved = write("/api/v1/transfers",
                                   {{QStringLiteral("product"), QStringLiteral("P-1")},
                                    {QStringLiteral("from"), QStringLiteral("A-1")},
                                    {QStringLiteral("to"), QStringLiteral("A-2")},
                                    {QStringLiteral("quantity"), 5}},
                                   "t1");
    ASSERT_EQ(moved.status, 201) << moved.body.toStdString();
    EXPECT_EQ(quantity("A-1"), 1);
    EXPECT_EQ(quantity("A-2"), 5);

    // The metrics count each write's attempts under its strategy.
    const QString metrics = QString::fromUtf8(http->get(QStringLiteral("/metrics")).body);
    EXPECT_TRUE(metrics.contains(
        QStringLiteral("stockroom_stock_write_attempts_total{strategy=\"%1\",result=\"applied\"}")
            .arg(QLatin1String(GetParam()))))
        << metrics.toStdString();

    // The ledger the writers appended to is one unbroken chain that matches stock.
    ASSERT_EQ(server->terminate(), 0) << server->log().toStdString();
    auto db = openDatabase(serverPath);
    StockLedger ledger(*db);
    auto report = ledger.verify();
    ASSERT_TRUE(report) << report.error().message.toStdString();
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->movementsChecked, 4); // the receipt, the issue, the transfer's two lines
}

INSTANTIATE_TEST_SUITE_P(EachStrategy,
                         StrategiesTest,
                         testing::Values("optimistic", "pessimistic", "advisory", "delta"));

class StrategyOptionTest : public ServerFixture<>
{
protected:
    // Runs stockroom-server serve with arguments on a seeded database and expects it to
    // refuse to start, saying reason.
    void expectRefused(const QStringList &arguments, const QString &reason)
    {
        serverPath = TestBackend::newDatabase(dir.filePath(QStringLiteral("server.db")));
        tokens = seedServer(serverPath);
        QProcess process;
        process.setProcessEnvironment(keyedEnvironment());
        process.start(QStringLiteral(STOCKROOM_SERVER_EXECUTABLE),
                      QStringList{QStringLiteral("serve"),
                                  QStringLiteral("--db"),
                                  serverPath,
                                  QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:0")}
                          + arguments);
        const bool exited = process.waitForFinished(10000);
        if (!exited) {
            process.kill(); // it served instead of refusing
            process.waitForFinished();
        }
        const QString log = QString::fromUtf8(process.readAllStandardError());
        EXPECT_TRUE(exited && process.exitCode() != 0) << log.toStdString();
        EXPECT_TRUE(log.contains(reason)) << log.toStdString();
    }
};

TEST_F(StrategyOptionTest, AnUnknownStrategyIsRefusedWithTheChoices)
{
    expectRefused({QStringLiteral("--stock-strategy"), QStringLiteral("fastest")},
                  QStringLiteral("--stock-strategy is \"group\", \"optimistic\""));
}

TEST_F(StrategyOptionTest, AdvisoryLocksNeedPostgreSql)
{
    if (TestBackend::postgres())
        GTEST_SKIP() << "PostgreSQL has advisory locks";
    expectRefused({QStringLiteral("--stock-strategy"), QStringLiteral("advisory")},
                  QStringLiteral("advisory needs a PostgreSQL database"));
}

TEST_F(StrategyOptionTest, WritersAreCounted)
{
    expectRefused({QStringLiteral("--writers"), QStringLiteral("0")},
                  QStringLiteral("--writers takes a number from 1 to 64"));
}

TEST_F(StrategyOptionTest, ReadersAreCounted)
{
    expectRefused({QStringLiteral("--readers"), QStringLiteral("-1")},
                  QStringLiteral("--readers takes a number from 0 to 64"));
}

TEST_F(StrategyOptionTest, TheLargestMessageIsBounded)
{
    expectRefused({QStringLiteral("--max-message"), QStringLiteral("1000")},
                  QStringLiteral("--max-message takes a number of bytes from 65536 to 268435456"));
}

} // namespace
} // namespace Stockroom::Test
