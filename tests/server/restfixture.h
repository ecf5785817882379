#pragma once

// RestTest: a real stockroom-server serving the REST API on 127.0.0.1, an HTTP client for
// it, and the seeded tokens (rest_test.cpp, restinput_test.cpp).

#include "httpclient.h"
#include "tests/support/sync/syncharness.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Stockroom::Test {

class RestTest : public ServerFixture<>
{
protected:
    void start(const QStringList &arguments = {})
    {
        startServer(QStringList{QStringLiteral("--http"), QStringLiteral("127.0.0.1:0")}
                    + arguments);
        http = std::make_unique<HttpClient>(server->httpUrl());
    }
    QString token(const char *name) const { return tokens.value(QString::fromLatin1(name)); }

    qint64 quantity(const QString &sku, const QString &location)
    {
        const HttpResult stock
            = http->get(QStringLiteral("/api/v1/stock?product=%1&location=%2").arg(sku, location),
                        token("all"));
        qint64 total = 0;
        for (const QJsonValue &row : stock.json().value(QStringLiteral("items")).toArray())
            total += row.toObject().value(QStringLiteral("quantity")).toInteger();
        return total;
    }

    qint64 ledgerLines()
    {
        const HttpResult movements = http->get(QStringLiteral("/api/v1/movements?limit=1000"),
                                               token("all"));
        return movements.json().value(QStringLiteral("items")).toArray().size();
    }

    std::unique_ptr<HttpClient> http;
};

inline QJsonObject receipt(const char *sku, const char *location, qint64 quantity)
{
    return {{QStringLiteral("product"), QLatin1String(sku)},
            {QStringLiteral("location"), QLatin1String(location)},
            {QStringLiteral("quantity"), quantity}};
}

} // namespace Stockroom::Test
