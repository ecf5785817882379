// The OpenAPI document a live server serves matches the server: the same routes with the
// same role rules and the same idempotency, and the server answers each documented route
// (and refuses each undocumented method on a documented path).

#include "httpclient.h"
#include "tests/support/sync/syncharness.h"

#include "sync/server/restapi.h"

#include <QJsonArray>

#include <gtest/gtest.h>

namespace Stockroom::Test {
namespace {

QString roleName(Sync::Access access)
{
    switch (access) {
    case Sync::Access::Public:
        return QStringLiteral("public");
    case Sync::Access::Clerk:
        return QStringLiteral("clerk");
    case Sync::Access::Manager:
        return QStringLiteral("manager");
    case Sync::Access::Admin:
        return QStringLiteral("admin");
    }
    return QString();
}

class OpenApiTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        startServer({QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")});
        http = std::make_unique<HttpClient>(server->httpUrl());
        document = http->get(QStringLiteral("/openapi.json")).json();
    }

    // "METHOD /path" -> the operation, for every operation in the document.
    QMap<QString, QJsonObject> operations() const
    {
        QMap<QString, QJsonObject> found;
        const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
        for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
            const QJsonObject methods = path.value().toObject();
            for (auto it = methods.constBegin(); it != methods.constEnd(); ++it) {
                if (it.key() != QLatin1String("parameters"))
                    found.insert(it.key().toUpper() + QLatin1Char(' ') + path.key(),
                                 it.value().toObject());
            }
        }
        return found;
    }

    std::unique_ptr<HttpClient> http;
    QJsonObject document;
};

TEST_F(OpenApiTest, TheDocumentListsExactlyTheServersRoutesWithTheirRules)
{
    ASSERT_TRUE(
        document.value(QStringLiteral("openapi")).toString().startsWith(QStringLiteral("3.")));
    QMap<QString, QJsonObject> documented = operations();
    for (const Sync::RestApi::Route &route : Sync::RestApi::routes()) {
        const QString name = QLatin1String(route.method) + QLatin1Char(' ')
                             + QLatin1String(route.path);
        ASSERT_TRUE(documented.contains(name)) << name.toStdString() << " is not documented";
        const QJsonObject operation = documented.take(name);
        EXPECT_EQ(operation.value(QStringLiteral("x-stockroom-role")).toString(),
                  roleName(route.access))
            << name.toStdString();
        EXPECT_EQ(operation.contains(QStringLiteral("security")), route.access == Sync::Access::Public)
            << name.toStdString() << ": public routes, and only they, waive the bearer token";
        bool takesKey = false;
        for (const QJsonValue &parameter : operation.value(QStringLiteral("parameters")).toArray()) {
            takesKey = takesKey
                       || parameter.toObject().value(QStringLiteral("$ref"))
                              == QStringLiteral("#/components/parameters/idempotencyKey");
        }
        EXPECT_EQ(takesKey, route.idempotent) << name.toStdString();
    }
    EXPECT_TRUE(documented.isEmpty()) << "documented but not served: "
                                      << documented.keys().join(QStringLiteral(", ")).toStdString();
}

TEST_F(OpenApiTest, TheServerAnswersEveryDocumentedRouteAndOnlyThose)
{
    const QMap<QString, QJsonObject> documented = operations();
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (auto it = documented.cbegin(); it != documented.cend(); ++it) {
        const QByteArray method = it.key().section(QLatin1Char(' '), 0, 0).toLatin1();
        QString path = it.key().section(QLatin1Char(' '), 1);
        path.replace(QStringLiteral("{sku}"), QStringLiteral("P-1"))
            .replace(QStringLiteral("{warehouse}"), QStringLiteral("WH-A"));
        const bool isPublic = it->value(QStringLiteral("x-stockroom-role"))
                              == QStringLiteral("public");
        // Without a token: public routes answer, the others ask for one (never 404 or 405).
        const HttpResult anonymous = http->send(method, path);
        EXPECT_EQ(anonymous.status, isPublic ? 200 : 401) << it.key().toStdString();
        for (const char *other : methods) {
            if (documented.contains(QLatin1String(other) + QLatin1Char(' ')
                                    + it.key().section(QLatin1Char(' '), 1)))
                continue;
            EXPECT_EQ(http->send(other, path).status, 405) << other << ' ' << path.toStdString();
        }
    }
}

} // namespace
} // namespace Stockroom::Test
