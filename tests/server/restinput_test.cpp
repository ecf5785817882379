// The REST API against a real stockroom-server, given what it must refuse: bad input as
// problem+json, text past the model's limits, HTTP's own rules, and tokens that are
// missing, wrong, revoked or expired.

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

TEST_F(RestTest, BadInputGetsAProblemThatSaysWhatIsWrong)
{
    start();
    const auto post = [&](const QByteArray &body, HttpClient::Headers headers = {}) {
        return http->send("POST", QStringLiteral("/api/v1/issues"), token("wh-a"), body, headers);
    };
    const HttpClient::Headers keyed{{"Idempotency-Key", "k"}};
    struct Case
    {
        const char *what;
        HttpResult result;
        int status;
        const char *problem;
    };
    const Case cases[] = {
        {"malformed JSON", post("{\"product\":", {{"Idempotency-Key", "a"}}), 400, "malformed-body"},
        {"not an object", post("[1,2]", {{"Idempotency-Key", "b"}}), 400, "malformed-body"},
        {"wrong content type",
         post("product=P-1", {{"Idempotency-Key", "c"}, {"Content-Type", "text/plain"}}),
         415,
         "unsupported-media-type"},
        {"unknown product",
         post(R"({"product":"NOPE","location":"A-1","quantity":1})", {{"Idempotency-Key", "d"}}),
         422,
         "unknown-product"},
        {"unknown location",
         post(R"({"product":"P-1","location":"Z-9","quantity":1})", {{"Idempotency-Key", "e"}}),
         422,
         "unknown-location"},
        {"negative quantity",
         post(R"({"product":"P-1","location":"A-1","quantity":-3})", {{"Idempotency-Key", "f"}}),
         422,
         "invalid-quantity"},
        {"fractional quantity",
         post(R"({"product":"P-1","location":"A-1","quantity":1.5})", {{"Idempotency-Key", "g"}}),
         422,
         "invalid-field"},
        {"missing quantity",
         post(R"({"product":"P-1","location":"A-1"})", {{"Idempotency-Key", "h"}}),
         422,
         "missing-field"},
        {"a misspelt field",
         post(R"({"product":"P-1","location":"A-1","quantiy":1})", {{"Idempotency-Key", "i"}}),
         422,
         "unknown-field"},
        {"a lot-tracked product without its lot",
         post(R"({"product":"P-3","location":"A-1","quantity":1})", {{"Idempotency-Key", "j"}}),
         422,
         "lot-required"},
        {"an oversized body",
         post("{\"product\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}", keyed),
         413,
         "payload-too-large"},
    };
    for (const Case &c : cases) {
        EXPECT_EQ(c.result.status, c.status)
            << c.what << ": " << c.result.body.left(300).toStdString();
        EXPECT_EQ(c.result.header("content-type"), "application/problem+json") << c.what;
        EXPECT_EQ(c.result.problem(), QLatin1String(c.problem)) << c.what;
        const QJsonObject problem = c.result.json();
        EXPECT_EQ(problem.value(QStringLiteral("status")).toInt(), c.status) << c.what;
        EXPECT_FALSE(problem.value(QStringLiteral("title")).toString().isEmpty()) << c.what;
        EXPECT_FALSE(problem.value(QStringLiteral("detail")).toString().isEmpty()) << c.what;
    }
    EXPECT_EQ(ledgerLines(), 0);
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/nothing-here"), token("wh-a")).status, 404);
    const HttpResult wrongMethod = http->send("DELETE",
                                              QStringLiteral("/api/v1/stock"),
                                              token("wh-a"));
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(wrongMethod.header("allow"), "GET, HEAD");
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/stock?limit=0"), token("wh-a")).problem(),
              QStringLiteral("invalid-parameter"));
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/stock?after=garbage"), token("wh-a")).problem(),
              QStringLiteral("invalid-parameter"));
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/movements?from=yesterday"), token("wh-a")).problem(),
              QStringLiteral("invalid-parameter"));
    EXPECT_TRUE(server->running());
}

TEST_F(RestTest, TextPastTheModelsLimitsIsRefusedWithoutEchoingIt)
{
    start();
    const auto withText = [](QJsonObject body, const char *field, const QString &text) {
        body.insert(QLatin1String(field), text);
        return body;
    };
    const QString megabyte(900 * 1024, QLatin1Char('r'));
    struct Case
    {
        const char *what;
        HttpResult result;
        const char *problem;
    };
    const QJsonObject gloves{{QStringLiteral("sku"), QStringLiteral("G-1")},
                             {QStringLiteral("name"), QStringLiteral("Gloves")}};
    const Case cases[] = {
        {"a reference of 900 KB",
         http->post(QStringLiteral("/api/v1/receipts"),
                    token("wh-a"),
                    withText(receipt("P-1", "A-1", 1), "reference", megabyte)),
         "invalid-field"},
        {"a reference one past its limit",
         http->post(QStringLiteral("/api/v1/receipts"),
                    token("wh-a"),
                    withText(receipt("P-1", "A-1", 1),
                             "reference",
                             QString(Limits::reference + 1, u'r'))),
         "invalid-field"},
        {"a reason of 501 characters",
         http->post(QStringLiteral("/api/v1/receipts"),
                    token("wh-a"),
                    withText(receipt("P-1", "A-1", 1), "reason", QString(Limits::reason + 1, u's'))),
         "invalid-field"},
        {"an unknown SKU of 900 KB",
         http->post(QStringLiteral("/api/v1/receipts"),
                    token("wh-a"),
                    withText(receipt("P-1", "A-1", 1), "product", megabyte)),
         "invalid-field"},
        {"a SKU of 10,000 characters",
         http->post(QStringLiteral("/api/v1/products"),
                    token("all"),
                    withText(gloves, "sku", QString(10'000, u'S'))),
         "invalid-field"},
        {"a name of 100,000 characters",
         http->post(QStringLiteral("/api/v1/products"),
                    token("all"),
                    withText(gloves, "name", QString(100'000, u'n'))),
         "invalid-field"},
        {"a NUL in a SKU",
         http->post(QStringLiteral("/api/v1/products"),
                    token("all"),
                    withText(gloves, "sku", QStringLiteral("G\0-1"))),
         "invalid-field"},
        {"an unknown SKU in the path of 6 KB",
         http->send("PATCH",
                    QStringLiteral("/api/v1/products/") + QString(6 * 1024, u'S'),
                    token("all"),
                    R"({"name":"x"})",
                    {{"If-Match", "\"1\""}}),
         "not-found"},
        {"a path of 60 KB, beyond the request line's limit",
         http->send("PATCH",
                    QStringLiteral("/api/v1/products/") + QString(60 * 1024, u'S'),
                    token("all"),
                    R"({"name":"x"})",
                    {{"If-Match", "\"1\""}}),
         "uri-too-long"},
    };
    for (const Case &c : cases) {
        EXPECT_EQ(c.result.problem(), QLatin1String(c.problem))
            << c.what << ": " << c.result.body.left(300).toStdString();
        // The reply says which field and why, and is small: it may be kept for a day.
        EXPECT_LT(c.result.body.size(), 1024) << c.what;
    }
    EXPECT_EQ(ledgerLines(), 0);
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/products/G-1"), token("all")).status, 404);

    // At the limits, everything is taken.
    QJsonObject atLimits = receipt("P-1", "A-1", 1);
    atLimits.insert(QStringLiteral("reference"), QString(Limits::reference, QChar(0xACE0)));
    atLimits.insert(QStringLiteral("reason"), QString(Limits::reason, u's'));
    const HttpResult taken = http->post(QStringLiteral("/api/v1/receipts"), token("wh-a"), atLimits);
    EXPECT_EQ(taken.status, 201) << taken.body.left(300).toStdString();
    EXPECT_EQ(ledgerLines(), 1);
}

TEST_F(RestTest, HeadLowercaseBearerAndPercentEncodingAnswerAsHttpSays)
{
    start();
    // HEAD is GET without the body.
    const HttpResult health = http->send("HEAD", QStringLiteral("/healthz"), QString());
    EXPECT_EQ(health.status, 200);
    EXPECT_TRUE(health.body.isEmpty());
    EXPECT_EQ(health.header("content-length"),
              QByteArray::number(http->get(QStringLiteral("/healthz"), QString()).body.size()));

    // The scheme's name is case-insensitive.
    const HttpResult lower = http->send("GET",
                                        QStringLiteral("/api/v1/products?limit=1"),
                                        QString(),
                                        {},
                                        {{"Authorization", "bearer " + token("all").toLatin1()}});
    EXPECT_EQ(lower.status, 200) << lower.body.toStdString();

    // A SKU holding "/" and quotes is created, read and edited by its percent-encoded path,
    // and found by a percent-encoded query.
    const QString sku = QStringLiteral("A/B'(1);");
    const HttpResult created = http->post(QStringLiteral("/api/v1/products"),
                                          token("all"),
                                          {{QStringLiteral("sku"), sku},
                                           {QStringLiteral("name"), QStringLiteral("Odd")}});
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(sku));
    EXPECT_EQ(created.header("location"), "/api/v1/products/" + encoded.toLatin1());
    const HttpResult read = http->get(QStringLiteral("/api/v1/products/") + encoded, token("all"));
    ASSERT_EQ(read.status, 200) << read.body.toStdString();
    EXPECT_EQ(read.json().value(QStringLiteral("sku")).toString(), sku);
    const HttpResult edited = http->send("PATCH",
                                         QStringLiteral("/api/v1/products/") + encoded,
                                         token("all"),
                                         R"({"name":"Odd one"})",
                                         {{"If-Match", read.header("etag")}});
    EXPECT_EQ(edited.status, 200) << edited.body.toStdString();
    const HttpResult found = http->get(QStringLiteral("/api/v1/stock?product=") + encoded,
                                       token("all"));
    EXPECT_EQ(found.status, 200) << found.body.toStdString();
}

TEST_F(RestTest, TokensThatAreMissingWrongRevokedOrExpiredAreRefused)
{
    start();
    const auto problemOf = [&](const QString &token) {
        const HttpResult result = http->get(QStringLiteral("/api/v1/stock"), token);
        EXPECT_EQ(result.status, 401);
        EXPECT_FALSE(result.header("www-authenticate").isEmpty());
        return result.problem();
    };
    EXPECT_EQ(problemOf(QString()), QStringLiteral("unauthorized"));
    EXPECT_EQ(problemOf(QStringLiteral("srt_not-a-token")), QStringLiteral("unauthorized"));
    EXPECT_EQ(problemOf(token("revoked")), QStringLiteral("token-revoked"));
    EXPECT_EQ(problemOf(token("expired")), QStringLiteral("token-expired"));
}

TEST_F(RestTest, ATokenRevokedWhileTheServerRunsIsRefusedWithinTheGrantLifetime)
{
    start();
    Workstation desk(dir.filePath(QStringLiteral("desk.db")), token("wh-a"));
    ASSERT_TRUE(desk.sync(server->url()));
    ASSERT_EQ(http->get(QStringLiteral("/api/v1/stock"), token("wh-a")).status, 200);

    // Revoked by another process, as the admin command does.
    {
        auto serverDb = openDatabase(serverPath);
        ASSERT_TRUE(Sync::TokenStore(*serverDb).revoke(QStringLiteral("wh-a"),
                                                       QDateTime::currentDateTimeUtc()));
    }
    // Each of the server's connections remembers a valid grant for up to grantLifetime.
    QElapsedTimer since;
    since.start();
    const auto withinLifetime = [&] {
        return since.elapsed()
               < (Sync::TokenStore::grantLifetime + std::chrono::seconds(3)).count();
    };
    HttpResult read;
    do {
        read = http->get(QStringLiteral("/api/v1/stock"), token("wh-a"));
        if (read.status != 200)
            break;
        QThread::msleep(50);
    } while (withinLifetime());
    EXPECT_EQ(read.status, 401) << read.body.toStdString();
    EXPECT_EQ(read.problem(), QStringLiteral("token-revoked"));

    // The connected workstation's next sync is refused the same way, for good.
    since.restart();
    bool synced = true;
    do {
        ASSERT_TRUE(desk.post(QStringLiteral("kim"),
                              ReceiveStock{desk.productId(QStringLiteral("P-1")),
                                           desk.locationId(QStringLiteral("A-1")),
                                           {},
                                           {},
                                           1,
                                           {},
                                           {}}));
        synced = desk.sync(server->url(), 3000);
    } while (synced && withinLifetime());
    EXPECT_FALSE(synced);
    EXPECT_EQ(desk.lastState(), Sync::SyncClient::State::Refused);
    EXPECT_THAT(desk.lastError().toStdString(), testing::HasSubstr("revoked"));
}

TEST_F(RestTest, ATokenTheDatabaseCannotCheckIsNotRefusedForGood)
{
    start();
    // The desk has not synced yet: a token the server remembers as valid is not read again.
    Workstation desk(dir.filePath(QStringLiteral("desk.db")), token("all"));
    // The tokens' table is out of reach for a while (a database in trouble).
    auto serverDb = openDatabase(serverPath);
    QSqlQuery rename(serverDb->connection());
    ASSERT_TRUE(rename.exec(QStringLiteral("ALTER TABLE sync_tokens RENAME TO sync_tokens_away")));

    const HttpResult read = http->get(QStringLiteral("/api/v1/products"), token("all"));
    EXPECT_EQ(read.status, 503) << read.body.toStdString();
    EXPECT_FALSE(read.header("retry-after").isEmpty());
    EXPECT_FALSE(desk.sync(server->url(), 2500));
    EXPECT_NE(desk.lastState(), Sync::SyncClient::State::Refused) << desk.lastError().toStdString();

    ASSERT_TRUE(rename.exec(QStringLiteral("ALTER TABLE sync_tokens_away RENAME TO sync_tokens")));
    EXPECT_EQ(http->get(QStringLiteral("/api/v1/products"), token("all")).status, 200);
    EXPECT_TRUE(desk.sync(server->url())) << desk.lastError().toStdString();
}

} // namespace
} // namespace Stockroom::Test
