// Group commit's handling of Idempotency-Keys, in process: a group looks up all its keys at
// once and stores its replies together before the commit, and still applies each request
// once, whether it is retried in a later group or repeated within the same one.

#include "tests/support/sync/syncharness.h"
#include "tests/support/testbackend.h"

#include "model/ledger/stockledger.h"
#include "sync/server/eventlog.h"
#include "sync/server/metrics.h"
#include "sync/server/restapi.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace Stockroom::Test {
namespace {

class RestGroupTest : public testing::Test
{
protected:
    void SetUp() override
    {
        const QString path = TestBackend::newDatabase(dir.filePath(QStringLiteral("server.db")));
        tokens = seedServer(path);
        db = openDatabase(path);
        log.open(QIODevice::WriteOnly);
        api = std::make_unique<Sync::RestApi>(*db,
                                              clock,
                                              eventLog,
                                              metrics,
                                              NegativeStockPolicy::Refuse);
    }

    Sync::RestApi::RoutedCall post(const char *path, const QByteArray &key, const QJsonObject &body)
    {
        Sync::HttpCall call;
        call.method = "POST";
        call.path = QString::fromLatin1(path);
        call.headers.insert("authorization",
                            "Bearer " + tokens.value(QStringLiteral("all")).toLatin1());
        call.headers.insert("content-type", "application/json");
        call.headers.insert("idempotency-key", key);
        call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return api->route(call);
    }

    Sync::RestApi::RoutedCall receipt(const QByteArray &key, qint64 quantity)
    {
        return post("/api/v1/receipts",
                    key,
                    {{QStringLiteral("product"), QStringLiteral("P-1")},
                     {QStringLiteral("location"), QStringLiteral("A-1")},
                     {QStringLiteral("quantity"), quantity}});
    }

    qint64 stockOf(const char *sku, const char *location)
    {
        auto query = db->select(QStringLiteral("SELECT coalesce(sum(s.quantity), 0) FROM stock s "
                                               "JOIN products p ON p.id = s.product_id "
                                               "JOIN locations l ON l.id = s.location_id "
                                               "WHERE p.sku = ? AND l.code = ?"),
                                {QString::fromLatin1(sku), QString::fromLatin1(location)});
        return query && query->next() ? query->value(0).toLongLong() : -1;
    }

    QList<Sync::HttpReply> group(const QList<Sync::RestApi::RoutedCall> &calls)
    {
        QList<const Sync::RestApi::RoutedCall *> pointers;
        for (const auto &call : calls)
            pointers.append(&call);
        return api->handleAll(pointers);
    }

    qint64 stockOfP1()
    {
        auto query = db->select(QStringLiteral("SELECT coalesce(sum(s.quantity), 0) FROM stock s "
                                               "JOIN products p ON p.id = s.product_id "
                                               "WHERE p.sku = 'P-1'"));
        return query && query->next() ? query->value(0).toLongLong() : -1;
    }

    static bool replayed(const Sync::HttpReply &reply)
    {
        for (const auto &[name, value] : reply.headers) {
            if (name == "Idempotency-Replayed")
                return true;
        }
        return false;
    }

    QTemporaryDir dir;
    QHash<QString, QString> tokens;
    std::unique_ptr<Database> db;
    QBuffer log;
    SystemClock clock; // the tokens were issued on the real one
    Sync::EventLog eventLog{&log};
    Sync::Metrics metrics;
    std::unique_ptr<Sync::RestApi> api;
};

TEST_F(RestGroupTest, AKeyRepeatedInOneGroupIsAppliedOnce)
{
    const QList<Sync::HttpReply> replies = group(
        {receipt("k-1", 5), receipt("k-2", 7), receipt("k-1", 5), receipt("k-1", 9)});
    ASSERT_EQ(replies.size(), 4);
    EXPECT_EQ(replies.at(0).status, 201);
    EXPECT_EQ(replies.at(1).status, 201);
    EXPECT_EQ(replies.at(2).status, 201);
    EXPECT_TRUE(replayed(replies.at(2)));
    EXPECT_EQ(replies.at(2).body, replies.at(0).body);
    EXPECT_EQ(replies.at(3).status, 422); // the same key for another request
    EXPECT_EQ(stockOfP1(), 12);
}

TEST_F(RestGroupTest, ARetryInALaterGroupGetsTheStoredReply)
{
    const QList<Sync::HttpReply> first = group({receipt("k-1", 5), receipt("k-2", 7)});
    ASSERT_EQ(first.at(0).status, 201);
    const QList<Sync::HttpReply> again = group({receipt("k-3", 1), receipt("k-2", 7)});
    EXPECT_EQ(again.at(0).status, 201);
    EXPECT_FALSE(replayed(again.at(0)));
    EXPECT_EQ(again.at(1).status, 201);
    EXPECT_TRUE(replayed(again.at(1)));
    EXPECT_EQ(again.at(1).body, first.at(1).body);
    // Alone, outside any group, the stored reply is found as well.
    const Sync::HttpReply alone = api->handle(receipt("k-1", 5));
    EXPECT_TRUE(replayed(alone));
    EXPECT_EQ(stockOfP1(), 13);
}

TEST_F(RestGroupTest, KeysWithQuotesBackslashesAndBracesAreFoundAgain)
{
    // PostgreSQL looks a group's keys up as one array literal: its quoting must hold.
    const QList<QByteArray> keys{R"(a"b)", R"(c\d)", "{e,f}", "g h", "NULL"};
    QList<Sync::RestApi::RoutedCall> calls;
    for (const QByteArray &key : keys)
        calls.append(receipt(key, 1));
    for (const Sync::HttpReply &reply : group(calls))
        ASSERT_EQ(reply.status, 201);
    for (const Sync::HttpReply &reply : group(calls)) {
        EXPECT_EQ(reply.status, 201);
        EXPECT_TRUE(replayed(reply));
    }
    EXPECT_EQ(stockOfP1(), keys.size());
}

TEST_F(RestGroupTest, AGroupOfDifferentItemsAnswersAsTheWritesWouldOneByOne)
{
    // On PostgreSQL a group reads its products and stock rows in one statement each before
    // its writes; what it read must hold for rows that are new, written twice, refused,
    // unknown or tracked by lot.
    const auto line = [](const char *sku, const char *location, qint64 quantity) {
        return QJsonObject{{QStringLiteral("product"), QString::fromLatin1(sku)},
                           {QStringLiteral("location"), QString::fromLatin1(location)},
                           {QStringLiteral("quantity"), quantity}};
    };
    QJsonObject lot = line("P-3", "A-1", 4);
    lot.insert(QStringLiteral("lot"), QStringLiteral("L-1"));
    lot.insert(QStringLiteral("expiry"), QStringLiteral("2030-01-31"));
    const QList<Sync::RestApi::RoutedCall> calls{
        post("/api/v1/receipts", "g-1", line("P-1", "A-1", 5)),
        post("/api/v1/receipts", "g-2", line("P-2", "A-2", 3)),
        post("/api/v1/transfers",
             "g-3",
             {{QStringLiteral("product"), QStringLiteral("P-1")},
              {QStringLiteral("from"), QStringLiteral("A-1")},
              {QStringLiteral("to"), QStringLiteral("A-3")},
              {QStringLiteral("quantity"), 2}}),
        post("/api/v1/issues", "g-4", line("P-2", "A-2", 9)),
        post("/api/v1/receipts", "g-5", line("P-9", "A-1", 1)),
        post("/api/v1/receipts", "g-6", line("P-1", "Z-9", 1)),
        post("/api/v1/receipts", "g-7", lot),
        post("/api/v1/issues", "g-8", line("P-1", "A-1", 3)),
    };
    const QList<Sync::HttpReply> replies = group(calls);
    ASSERT_EQ(replies.size(), calls.size());
    const QList<int> expected{201, 201, 201, 409, 422, 422, 201, 201};
    for (qsizetype i = 0; i < replies.size(); ++i)
        EXPECT_EQ(replies.at(i).status, expected.at(i)) << "request " << i + 1;
    EXPECT_EQ(stockOf("P-1", "A-1"), 0);
    EXPECT_EQ(stockOf("P-1", "A-3"), 2);
    EXPECT_EQ(stockOf("P-2", "A-2"), 3);
    EXPECT_EQ(stockOf("P-3", "A-1"), 4);

    // The next group reads the rows as this one left them.
    const QList<Sync::HttpReply> next = group(
        {post("/api/v1/issues", "g-9", line("P-1", "A-1", 1)),
         post("/api/v1/issues", "g-10", line("P-2", "A-2", 3))});
    EXPECT_EQ(next.at(0).status, 409);
    EXPECT_EQ(next.at(1).status, 201);
    EXPECT_EQ(stockOf("P-2", "A-2"), 0);
    auto report = StockLedger(*db).verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

TEST_F(RestGroupTest, AKeyOlderThanADayIsForgottenAndTheRequestAppliedAnew)
{
    ASSERT_EQ(group({receipt("k-1", 5)}).at(0).status, 201);
    // A day and a minute later (the server keeps replies for 24 hours).
    const qint64 dayAgo = QDateTime::currentMSecsSinceEpoch() - 24 * 3600 * 1000 - 60 * 1000;
    ASSERT_TRUE(db->exec(QStringLiteral("UPDATE rest_requests SET created_at = %1").arg(dayAgo)));
    // A server started since prunes expired replies with its first write.
    api = std::make_unique<Sync::RestApi>(*db, clock, eventLog, metrics, NegativeStockPolicy::Refuse);
    ASSERT_EQ(group({receipt("k-2", 1)}).at(0).status, 201);
    const Sync::HttpReply again = group({receipt("k-1", 5)}).at(0);
    EXPECT_EQ(again.status, 201);
    EXPECT_FALSE(replayed(again));
    EXPECT_EQ(stockOfP1(), 11);
}

} // namespace
} // namespace Stockroom::Test
