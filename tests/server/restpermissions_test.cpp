// The REST API's permission matrix: every operation in the served OpenAPI document, called
// by a clerk, a manager and an administrator token of warehouse WH-A, on WH-A (their own)
// and on WH-B (another). The document's x-stockroom-role and x-stockroom-warehouse-scoped
// say what must happen; the server must do exactly that.

#include "httpclient.h"
#include "tests/support/sync/syncharness.h"

#include "sync/server/restapi.h"

#include <QJsonArray>

#include <gtest/gtest.h>

namespace Stockroom::Test {
namespace {

struct Probe
{
    QByteArray method;
    QString path;
    QByteArray body;
    HttpClient::Headers headers;
};

class RestPermissionsTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        startServer({QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
        http = std::make_unique<HttpClient>(server->httpUrl());
    }

    QString token(const char *name) const { return tokens.value(QString::fromLatin1(name)); }

    // The ETag to send with an edit, read with the token of every warehouse; empty when the
    // record does not exist yet.
    QByteArray currentTag(const QString &path)
    {
        return http->get(path, token("all")).header("etag");
    }

    QByteArray thresholdTag(const QString &warehouse)
    {
        const QJsonArray items = http->get(QStringLiteral("/api/v1/thresholds?product=P-1&"
                                                          "warehouse=")
                                               + warehouse,
                                           token("all"))
                                     .json()
                                     .value(QStringLiteral("items"))
                                     .toArray();
        if (items.isEmpty())
            return {};
        return '"'
               + QByteArray::number(
                   items.at(0).toObject().value(QStringLiteral("version")).toInteger())
               + '"';
    }

    // A valid request for the operation, on the own warehouse or the other one.
    std::optional<Probe> example(const QString &operation, bool own)
    {
        const QString warehouse = own ? QStringLiteral("WH-A") : QStringLiteral("WH-B");
        const QString bin = own ? QStringLiteral("A-1") : QStringLiteral("B-1");
        const QByteArray key = "matrix-" + QByteArray::number(++m_calls);
        const auto json = [](const QString &text) {
            return text.toUtf8();
        };
        if (operation == QLatin1String("health"))
            return Probe{"GET", QStringLiteral("/healthz"), {}, {}};
        if (operation == QLatin1String("ready"))
            return Probe{"GET", QStringLiteral("/readyz"), {}, {}};
        if (operation == QLatin1String("metrics"))
            return Probe{"GET", QStringLiteral("/metrics"), {}, {}};
        if (operation == QLatin1String("openApi"))
            return Probe{"GET", QStringLiteral("/openapi.json"), {}, {}};
        if (operation == QLatin1String("listStock"))
            return Probe{"GET", QStringLiteral("/api/v1/stock?warehouse=") + warehouse, {}, {}};
        if (operation == QLatin1String("listMovements"))
            return Probe{"GET", QStringLiteral("/api/v1/movements?warehouse=") + warehouse, {}, {}};
        if (operation == QLatin1String("listThresholds"))
            return Probe{"GET", QStringLiteral("/api/v1/thresholds?warehouse=") + warehouse, {}, {}};
        if (operation == QLatin1String("listAlerts"))
            return Probe{"GET", QStringLiteral("/api/v1/alerts?warehouse=") + warehouse, {}, {}};
        if (operation == QLatin1String("listProducts"))
            return Probe{"GET", QStringLiteral("/api/v1/products"), {}, {}};
        if (operation == QLatin1String("getProduct"))
            return Probe{"GET", QStringLiteral("/api/v1/products/P-1"), {}, {}};
        if (operation == QLatin1String("listTokens"))
            return Probe{"GET", QStringLiteral("/api/v1/tokens"), {}, {}};
        if (operation == QLatin1String("recordReceipt")
            || operation == QLatin1String("recordIssue")) {
            return Probe{"POST",
                         operation == QLatin1String("recordReceipt")
                             ? QStringLiteral("/api/v1/receipts")
                             : QStringLiteral("/api/v1/issues"),
                         json(QStringLiteral(R"({"product":"P-1","location":"%1","quantity":1})")
                                  .arg(bin)),
                         {{"Idempotency-Key", key}}};
        }
        if (operation == QLatin1String("recordTransfer")) {
            return Probe{"POST",
                         QStringLiteral("/api/v1/transfers"),
                         json(QStringLiteral(
                                  R"({"product":"P-1","from":"%1","to":"A-2","quantity":1})")
                                  .arg(bin)),
                         {{"Idempotency-Key", key}}};
        }
        if (operation == QLatin1String("recordAdjustment")) {
            return Probe{"POST",
                         QStringLiteral("/api/v1/adjustments"),
                         json(QStringLiteral(R"({"product":"P-1","location":"%1","delta":2,)"
                                             R"("reason":"found"})")
                                  .arg(bin)),
                         {{"Idempotency-Key", key}}};
        }
        if (operation == QLatin1String("createProduct")) {
            return Probe{"POST",
                         QStringLiteral("/api/v1/products"),
                         json(QStringLiteral(R"({"sku":"M-%1","name":"Matrix %1"})").arg(m_calls)),
                         {{"Idempotency-Key", key}}};
        }
        if (operation == QLatin1String("editProduct")) {
            return Probe{"PATCH",
                         QStringLiteral("/api/v1/products/P-2"),
                         json(QStringLiteral(R"({"name":"Renamed %1"})").arg(m_calls)),
                         {{"If-Match", currentTag(QStringLiteral("/api/v1/products/P-2"))}}};
        }
        if (operation == QLatin1String("setThreshold")) {
            HttpClient::Headers headers;
            if (const QByteArray tag = thresholdTag(warehouse); !tag.isEmpty())
                headers.append({"If-Match", tag});
            return Probe{"PUT",
                         QStringLiteral("/api/v1/thresholds/P-1/") + warehouse,
                         json(QStringLiteral(R"({"min":%1,"max":1000})").arg(m_calls)),
                         headers};
        }
        return std::nullopt;
    }

    std::unique_ptr<HttpClient> http;

private:
    int m_calls = 0;
};

TEST_F(RestPermissionsTest, EveryOperationByEveryRoleOnItsOwnAndAnotherWarehouse)
{
    const QJsonObject document = http->get(QStringLiteral("/openapi.json")).json();
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
    ASSERT_FALSE(paths.isEmpty());
    const QStringList roles{QStringLiteral("clerk"),
                            QStringLiteral("manager"),
                            QStringLiteral("admin")};
    const QHash<QString, QString> tokenOf{{QStringLiteral("clerk"), token("wh-a")},
                                          {QStringLiteral("manager"), token("manager-a")},
                                          {QStringLiteral("admin"), token("admin-a")}};
    int checked = 0;
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject methods = path.value().toObject();
        for (auto it = methods.constBegin(); it != methods.constEnd(); ++it) {
            if (it.key() == QLatin1String("parameters"))
                continue;
            const QJsonObject operation = it.value().toObject();
            const QString id = operation.value(QStringLiteral("operationId")).toString();
            const QString rule = operation.value(QStringLiteral("x-stockroom-role")).toString();
            const bool scoped = operation.value(QStringLiteral("x-stockroom-warehouse-scoped"))
                                    .toBool();
            ASSERT_TRUE(rule == QLatin1String("public") || roles.contains(rule))
                << id.toStdString() << " has no role rule";
            for (const QString &role : roles) {
                for (const bool own : {true, false}) {
                    const auto probe = example(id, own);
                    ASSERT_TRUE(probe) << "no example request for " << id.toStdString();
                    ASSERT_EQ(probe->method, it.key().toUpper().toLatin1()) << id.toStdString();
                    const HttpResult result = http->send(probe->method,
                                                         probe->path,
                                                         tokenOf.value(role),
                                                         probe->body,
                                                         probe->headers);
                    const bool allowed = rule == QLatin1String("public")
                                         || roles.indexOf(role) >= roles.indexOf(rule);
                    const std::string what = id.toStdString() + " as " + role.toStdString()
                                             + (own ? " on its own warehouse"
                                                    : " on another warehouse");
                    if (!allowed) {
                        EXPECT_EQ(result.status, 403) << what << ": " << result.body.toStdString();
                        EXPECT_EQ(result.problem(), QStringLiteral("forbidden")) << what;
                    } else if (!own && scoped) {
                        EXPECT_EQ(result.status, 403) << what << ": " << result.body.toStdString();
                        EXPECT_EQ(result.problem(), QStringLiteral("out-of-scope")) << what;
                    } else {
                        EXPECT_GE(result.status, 200) << what;
                        EXPECT_LT(result.status, 300) << what << ": " << result.body.toStdString();
                    }
                    ++checked;
                }
            }
        }
    }
    EXPECT_EQ(checked, int(Sync::RestApi::routes().size()) * 3 * 2);
}

} // namespace
} // namespace Stockroom::Test
