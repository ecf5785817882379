// The REST API against a real stockroom-server: reads, writes, idempotency, versions,
// live notification of workstations, metrics. Bad input and tokens: restinput_test.cpp.

#include "restfixture.h"

#include "model/domain/limits.h"

#include "sync/server/tokens.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>

#include <gtest/gtest.h>

namespace Stockroom::Test {
namespace {

TEST_F(RestTest, HealthReadinessAndTheDocumentNeedNoToken)
{
    start();
    EXPECT_EQ(http->get(QStringLiteral("/healthz")).status, 200);
    EXPECT_EQ(http->get(QStringLiteral("/readyz")).json().value(QStringLiteral("status")),
              QStringLiteral("ready"));
    const HttpResult document = http->get(QStringLiteral("/openapi.json"));
    EXPECT_EQ(document.status, 200);
    EXPECT_TRUE(
        document.json().value(QStringLiteral("openapi")).toString().startsWith(QStringLiteral("3.")));
}

TEST_F(RestTest, AReceiptShowsInStockAndInTheLedgerUnderTheTokensOwnUser)
{
    start();
    const HttpResult posted = http->post(QStringLiteral("/api/v1/receipts"),
                                         token("wh-a"),
                                         receipt("P-1", "A-1", 12));
    ASSERT_EQ(posted.status, 201) << posted.body.toStdString();
    EXPECT_EQ(posted.json().value(QStringLiteral("outcome")), QStringLiteral("applied"));
    EXPECT_EQ(quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), 12);

    const HttpResult movements = http->get(QStringLiteral("/api/v1/movements?product=P-1"),
                                           token("wh-a"));
    const QJsonArray items = movements.json().value(QStringLiteral("items")).toArray();
    ASSERT_EQ(items.size(), 1) << movements.body.toStdString();
    const QJsonObject line = items.at(0).toObject();
    EXPECT_EQ(line.value(QStringLiteral("id")), posted.json().value(QStringLiteral("id")));
    EXPECT_EQ(line.value(QStringLiteral("delta")).toInteger(), 12);
    EXPECT_EQ(line.value(QStringLiteral("user")), QStringLiteral("api:wh-a"));
}

TEST_F(RestTest, StockOfAProductAtALocationAnswersAsItsLookUpsWould)
{
    // The common question is answered by one statement that looks the SKU and the code up
    // itself; what it cannot tell apart (nothing found) must still get the right answer.
    start();
    for (const auto &[location, quantity] :
         {std::pair{"A-1", 5}, std::pair{"A-2", 7}, std::pair{"B-1", 11}}) {
        ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"),
                             token("all"),
                             receipt("P-1", location, quantity))
                      .status,
                  201);
    }
    const auto rows = [&](const char *query, const char *who) {
        const HttpResult result = http->get(QStringLiteral("/api/v1/stock?") + QLatin1String(query),
                                            token(who));
        EXPECT_EQ(result.status, 200) << query << ": " << result.body.toStdString();
        QStringList found;
        for (const QJsonValue &row : result.json().value(QStringLiteral("items")).toArray()) {
            const QJsonObject item = row.toObject();
            found << item.value(QStringLiteral("location")).toString() + QLatin1Char('=')
                         + QString::number(item.value(QStringLiteral("quantity")).toInteger());
        }
        return found;
    };
    EXPECT_EQ(rows("product=P-1&location=A-1", "wh-a"), QStringList{QStringLiteral("A-1=5")});
    EXPECT_EQ(rows("product=P-1&location=WH-A", "wh-a"),
              (QStringList{QStringLiteral("A-1=5"), QStringLiteral("A-2=7")}));
    EXPECT_EQ(rows("product=P-1", "wh-a"),
              (QStringList{QStringLiteral("A-1=5"), QStringLiteral("A-2=7")}))
        << "a token's only warehouse";
    EXPECT_EQ(rows("product=P-1", "all").size(), 3);
    EXPECT_EQ(rows("product=%20P-1%20&location=%20A-2", "wh-a"),
              QStringList{QStringLiteral("A-2=7")});
    EXPECT_EQ(rows("product=P-2&location=A-1", "wh-a"), QStringList()) << "no stock there";
    EXPECT_EQ(rows("product=P-1&location=A-3", "wh-a"), QStringList());

    const auto problem = [&](const char *query, const char *who) {
        return http->get(QStringLiteral("/api/v1/stock?") + QLatin1String(query), token(who))
            .problem();
    };
    EXPECT_EQ(problem("product=P-1&location=B-1", "wh-a"), QStringLiteral("out-of-scope"));
    EXPECT_EQ(problem("product=P-1&location=WH-B", "wh-a"), QStringLiteral("out-of-scope"));
    EXPECT_EQ(problem("product=NO-SUCH&location=A-1", "wh-a"), QStringLiteral("unknown-product"));
    EXPECT_EQ(problem("product=P-1&location=NO-SUCH", "wh-a"), QStringLiteral("unknown-location"));
    EXPECT_EQ(problem("product=NO-SUCH", "wh-a"), QStringLiteral("unknown-product"));
}

TEST_F(RestTest, TextWithQuotesBackslashesAndPlaceholdersIsStoredAndReplayedAsSent)
{
    // Group commit on PostgreSQL sends a group's writes as one statement with its values
    // written in as literals: none of these may change on the way.
    start();
    const QString awkward = QStringLiteral("it's 10\\20 ? $1 -- '; 반품 \u00e9");
    QJsonObject body = receipt("P-1", "A-1", 3);
    body.insert(QStringLiteral("reason"), awkward);
    body.insert(QStringLiteral("reference"), QStringLiteral("?''?"));
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const QByteArray key = "k'ey?\\1";
    const auto send = [&] {
        return http->send("POST",
                          QStringLiteral("/api/v1/receipts"),
                          token("wh-a"),
                          payload,
                          {{"Idempotency-Key", key}});
    };
    const HttpResult first = send();
    ASSERT_EQ(first.status, 201) << first.body.toStdString();
    const HttpResult again = send();
    EXPECT_EQ(again.header("idempotency-replayed"), "true");
    EXPECT_EQ(again.body, first.body);

    const HttpResult movements = http->get(QStringLiteral("/api/v1/movements?product=P-1"),
                                           token("wh-a"));
    const QJsonArray items = movements.json().value(QStringLiteral("items")).toArray();
    ASSERT_EQ(items.size(), 1) << movements.body.toStdString();
    EXPECT_EQ(items.at(0).toObject().value(QStringLiteral("reason")).toString(), awkward);
    EXPECT_EQ(items.at(0).toObject().value(QStringLiteral("reference")).toString(),
              QStringLiteral("?''?"));
}

TEST_F(RestTest, WithoutReaderThreadsReadsAreAnsweredOnTheWritersThread)
{
    start({QStringLiteral("--readers"), QStringLiteral("0")});
    ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"),
                         token("wh-a"),
                         receipt("P-1", "A-1", 12))
                  .status,
              201);
    EXPECT_EQ(quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), 12);
    EXPECT_FALSE(server->log().contains(QStringLiteral("event=readers-started")));
}

TEST_F(RestTest, ATransferAndAnAdjustmentMoveStockAsTheySay)
{
    start();
    ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"), token("all"), receipt("P-2", "A-1", 10))
                  .status,
              201);
    const HttpResult moved = http->post(QStringLiteral("/api/v1/transfers"),
                                        token("wh-a"),
                                        {{QStringLiteral("product"), QStringLiteral("P-2")},
                                         {QStringLiteral("from"), QStringLiteral("A-1")},
                                         {QStringLiteral("to"), QStringLiteral("A-2")},
                                         {QStringLiteral("quantity"), 4}});
    ASSERT_EQ(moved.status, 201) << moved.body.toStdString();
    const HttpResult adjusted = http->post(QStringLiteral("/api/v1/adjustments"),
                                           token("manager-a"),
                                           {{QStringLiteral("product"), QStringLiteral("P-2")},
                                            {QStringLiteral("location"), QStringLiteral("A-2")},
                                            {QStringLiteral("delta"), -1},
                                            {QStringLiteral("reason"), QStringLiteral("damaged")}});
    ASSERT_EQ(adjusted.status, 201) << adjusted.body.toStdString();
    EXPECT_EQ(quantity(QStringLiteral("P-2"), QStringLiteral("A-1")), 6);
    EXPECT_EQ(quantity(QStringLiteral("P-2"), QStringLiteral("A-2")), 3);
}

TEST_F(RestTest, ARetriedWriteIsAppliedOnceAndAnswersAsTheFirstTime)
{
    start();
    const QByteArray body = R"({"product":"P-1","location":"A-1","quantity":5})";
    const auto send = [&](const QByteArray &key, const QByteArray &payload) {
        return http->send("POST",
                          QStringLiteral("/api/v1/receipts"),
                          token("wh-a"),
                          payload,
                          {{"Idempotency-Key", key}});
    };
    const HttpResult first = send("order-17", body);
    const HttpResult again = send("order-17", body);
    ASSERT_EQ(first.status, 201);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.header("idempotency-replayed"), "true");
    EXPECT_TRUE(first.header("idempotency-replayed").isEmpty());
    EXPECT_EQ(quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), 5);
    EXPECT_EQ(ledgerLines(), 1);

    // The same key with another body is a client's mistake, not a retry.
    const HttpResult reused = send("order-17", R"({"product":"P-1","location":"A-1","quantity":6})");
    EXPECT_EQ(reused.status, 422);
    EXPECT_EQ(reused.problem(), QStringLiteral("idempotency-key-reused"));
    // Keys belong to their token: another token's same key is another request.
    EXPECT_EQ(http->send("POST",
                         QStringLiteral("/api/v1/receipts"),
                         token("all"),
                         body,
                         {{"Idempotency-Key", "order-17"}})
                  .status,
              201);
    EXPECT_EQ(quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), 10);

    const HttpResult keyless = http->send("POST",
                                          QStringLiteral("/api/v1/receipts"),
                                          token("wh-a"),
                                          body);
    EXPECT_EQ(keyless.status, 400);
    EXPECT_EQ(keyless.problem(), QStringLiteral("idempotency-key-required"));
}

TEST_F(RestTest, AnIssueBelowZeroIsRefusedUnderTheRefusePolicy)
{
    start({QStringLiteral("--negative-stock"), QStringLiteral("refuse")});
    ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"), token("wh-a"), receipt("P-1", "A-1", 3))
                  .status,
              201);
    const HttpResult refused = http->post(QStringLiteral("/api/v1/issues"),
                                          token("wh-a"),
                                          receipt("P-1", "A-1", 4));
    EXPECT_EQ(refused.status, 409) << refused.body.toStdString();
    EXPECT_EQ(refused.problem(), QStringLiteral("insufficient-stock"));
    EXPECT_EQ(quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), 3);
}

TEST_F(RestTest, AnIssueBelowZeroIsAcceptedWithAnExceptionUnderTheAcceptPolicy)
{
    start();
    const HttpResult taken = http->post(QStringLiteral("/api/v1/issues"),
                                        token("wh-a"),
                                        receipt("P-1", "A-1", 2));
    ASSERT_EQ(taken.status, 201) << taken.body.toStdString();
    EXPECT_EQ(taken.json().value(QStringLiteral("outcome")), QStringLiteral("conflict"));
    EXPECT_FALSE(taken.json().value(QStringLiteral("conflict")).toString().isEmpty());
    EXPECT_EQ(quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), -2);
    const HttpResult alerts = http->get(QStringLiteral("/api/v1/alerts"), token("wh-a"));
    bool negative = false;
    for (const QJsonValue &alert : alerts.json().value(QStringLiteral("items")).toArray())
        negative = negative
                   || alert.toObject().value(QStringLiteral("kind")) == QStringLiteral("negative");
    EXPECT_TRUE(negative) << alerts.body.toStdString();
}

TEST_F(RestTest, ExpiryIsJudgedOnTheDatabasesDayNotTheServersZone)
{
    // A central server may run in UTC while its warehouses count days elsewhere. Of two
    // zones a day apart, one has another date than this machine's now; the database
    // counts its days there, and a lot that expires on the earlier of the two dates is
    // expired only if the database's day is the later one.
    const QDate here = QDate::currentDate();
    const auto dateIn = [](const char *zone) {
        return QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(zone)).date();
    };
    const char *zone = dateIn("Etc/GMT-14") != here ? "Etc/GMT-14" : "Etc/GMT+12";
    const QDate theirs = dateIn(zone);
    ASSERT_NE(theirs, here);
    start();
    ASSERT_TRUE(openDatabase(serverPath)
                    ->setSetting(QStringLiteral("time_zone"), QString::fromLatin1(zone))
                    .has_value());

    const QDate expiry = std::min(here, theirs);
    QJsonObject lot = receipt("P-3", "A-1", 4);
    lot.insert(QStringLiteral("lot"), QStringLiteral("L-EDGE"));
    lot.insert(QStringLiteral("expiry"), expiry.toString(Qt::ISODate));
    const HttpResult received = http->post(QStringLiteral("/api/v1/receipts"), token("all"), lot);
    ASSERT_EQ(received.status, 201) << received.body.toStdString();

    const HttpResult alerts = http->get(QStringLiteral("/api/v1/alerts?days=30"), token("all"));
    ASSERT_EQ(alerts.status, 200) << alerts.body.toStdString();
    QString kind;
    for (const QJsonValue &alert : alerts.json().value(QStringLiteral("items")).toArray()) {
        if (alert.toObject().value(QStringLiteral("product")) == QStringLiteral("P-3"))
            kind = alert.toObject().value(QStringLiteral("kind")).toString();
    }
    EXPECT_EQ(kind, theirs > here ? QStringLiteral("expired") : QStringLiteral("expiring"))
        << "database's day " << theirs.toString(Qt::ISODate).toStdString() << " in " << zone
        << ", here " << here.toString(Qt::ISODate).toStdString() << ": "
        << alerts.body.toStdString();
}

TEST_F(RestTest, AProductEditNeedsTheCurrentETag)
{
    start();
    const HttpResult created = http->post(QStringLiteral("/api/v1/products"),
                                          token("all"),
                                          {{QStringLiteral("sku"), QStringLiteral("P-9")},
                                           {QStringLiteral("name"), QStringLiteral("Gloves")},
                                           {QStringLiteral("unit"), QStringLiteral("PR")}});
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    EXPECT_EQ(created.header("location"), "/api/v1/products/P-9");
    const QByteArray tag = http->get(QStringLiteral("/api/v1/products/P-9"), token("wh-a"))
                               .header("etag");
    ASSERT_EQ(tag, created.header("etag"));

    const auto patch = [&](const QByteArray &body, HttpClient::Headers headers) {
        return http->send("PATCH",
                          QStringLiteral("/api/v1/products/P-9"),
                          token("all"),
                          body,
                          headers);
    };
    const HttpResult missing = patch(R"({"name":"Work gloves"})", {});
    EXPECT_EQ(missing.status, 428);
    const HttpResult edited = patch(R"({"name":"Work gloves"})", {{"If-Match", tag}});
    ASSERT_EQ(edited.status, 200) << edited.body.toStdString();
    EXPECT_EQ(edited.json().value(QStringLiteral("name")), QStringLiteral("Work gloves"));
    EXPECT_NE(edited.header("etag"), tag);

    // An edit made on the version before is stale: 412, with the state it met.
    const HttpResult stale = patch(R"({"name":"Winter gloves"})", {{"If-Match", tag}});
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(stale.problem(), QStringLiteral("stale-version"));
    EXPECT_EQ(stale.json().value(QStringLiteral("current")).toObject().value(QStringLiteral("name")),
              QStringLiteral("Work gloves"));
    EXPECT_EQ(stale.header("etag"), edited.header("etag"));
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/products/P-9"), token("wh-a"))
                  .json()
                  .value(QStringLiteral("name")),
              QStringLiteral("Work gloves"));

    const HttpResult duplicate = http->post(QStringLiteral("/api/v1/products"),
                                            token("all"),
                                            {{QStringLiteral("sku"), QStringLiteral("P-9")},
                                             {QStringLiteral("name"), QStringLiteral("Again")}});
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/products/P-404"), token("wh-a")).status, 404);
}

TEST_F(RestTest, ThresholdsAreCreatedThenEditedWithTheirETag)
{
    start();
    const auto put = [&](const QByteArray &body, HttpClient::Headers headers) {
        return http->send("PUT",
                          QStringLiteral("/api/v1/thresholds/P-1/WH-A"),
                          token("manager-a"),
                          body,
                          headers);
    };
    const HttpResult created = put(R"({"min":5,"max":50})", {});
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    EXPECT_EQ(put(R"({"min":6,"max":50})", {}).status, 428);
    const HttpResult edited = put(R"({"min":6,"max":50,"reorderPoint":10})",
                                  {{"If-Match", created.header("etag")}});
    ASSERT_EQ(edited.status, 200) << edited.body.toStdString();
    EXPECT_EQ(edited.json().value(QStringLiteral("reorderPoint")).toInteger(), 10);
    EXPECT_EQ(put(R"({"min":7})", {{"If-Match", created.header("etag")}}).status, 412);
    EXPECT_EQ(put(R"({"min":9,"max":2})", {{"If-Match", edited.header("etag")}}).status, 422);

    const HttpResult listed = http->get(QStringLiteral("/api/v1/thresholds?product=P-1"),
                                        token("wh-a"));
    const QJsonArray items = listed.json().value(QStringLiteral("items")).toArray();
    ASSERT_EQ(items.size(), 1) << listed.body.toStdString();
    EXPECT_EQ(items.at(0).toObject().value(QStringLiteral("min")).toInteger(), 6);
}

TEST_F(RestTest, PagesFollowOneAnotherToTheEnd)
{
    start();
    for (const char *bin : {"A-1", "A-2", "A-3"}) {
        for (const char *sku : {"P-1", "P-2"})
            ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"),
                                 token("wh-a"),
                                 receipt(sku, bin, 1))
                          .status,
                      201);
    }
    for (const char *list : {"stock", "movements"}) {
        QStringList seen;
        QString next;
        for (int page = 0; page < 10; ++page) {
            const QString query = QStringLiteral("/api/v1/%1?limit=4").arg(QLatin1String(list))
                                  + (next.isEmpty() ? QString() : QStringLiteral("&after=") + next);
            const QJsonObject body = http->get(query, token("wh-a")).json();
            for (const QJsonValue &item : body.value(QStringLiteral("items")).toArray()) {
                const QJsonObject row = item.toObject();
                seen << row.value(QStringLiteral("product")).toString() + QLatin1Char('@')
                            + row.value(QStringLiteral("location")).toString();
            }
            next = body.value(QStringLiteral("next")).toString();
            if (next.isEmpty())
                break;
        }
        seen.sort();
        EXPECT_EQ(seen.size(), 6) << list;
        EXPECT_EQ(seen.removeDuplicates(), 0) << list;
    }
}

TEST_F(RestTest, AConnectedWorkstationHearsOfARestWriteInItsWarehouse)
{
    start();
    RawPeer peer(server->url());
    ASSERT_TRUE(peer.connected());
    peer.hello(token("wh-a"));
    ASSERT_EQ(peer.next().value(QStringLiteral("t")).toString(), QStringLiteral("welcome"));
    ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"), token("all"), receipt("P-1", "A-1", 1))
                  .status,
              201);
    EXPECT_EQ(peer.next().value(QStringLiteral("t")).toString(), QStringLiteral("notify"));
}

TEST_F(RestTest, MetricsCountWhatHappened)
{
    start();
    ASSERT_EQ(http->post(QStringLiteral("/api/v1/receipts"), token("wh-a"), receipt("P-1", "A-1", 2))
                  .status,
              201);
    ASSERT_EQ(http->post(QStringLiteral("/api/v1/issues"), token("wh-a"), receipt("P-1", "A-9", 1))
                  .status,
              422);
    const HttpResult metrics = http->get(QStringLiteral("/metrics"));
    ASSERT_EQ(metrics.status, 200);
    EXPECT_TRUE(metrics.header("content-type").startsWith("text/plain; version=0.0.4"));
    const QString text = QString::fromUtf8(metrics.body);
    for (const char *expected : {
             "stockroom_movements_applied_total 1\n",
             "stockroom_operations_total{outcome=\"applied\"} 1\n",
             "stockroom_connected_workstations 0\n",
             "stockroom_http_requests_total{route=\"POST /api/v1/receipts\",status=\"201\"} 1\n",
             "stockroom_http_requests_total{route=\"POST /api/v1/issues\",status=\"422\"} 1\n",
             "stockroom_http_request_seconds_count{route=\"POST /api/v1/receipts\"} 1\n",
             "stockroom_database_seconds_count{caller=\"rest\"} 1\n",
             "# TYPE stockroom_push_seconds histogram\n",
             "# TYPE stockroom_rejections_total counter\n",
         }) {
        EXPECT_TRUE(text.contains(QLatin1String(expected))) << expected << "\n"
                                                            << text.toStdString();
    }
}

} // namespace
} // namespace Stockroom::Test
