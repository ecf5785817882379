#pragma once

// RestServer: the HTTP listener of stockroom-server's REST API (see RestApi), /metrics,
// /healthz, /readyz and /openapi.json, on Qt HttpServer.
//
// It turns each request into an HttpCall for RestApi and writes back the reply, counts and
// times it in Metrics, and refuses a body over maxBody with 413. Qt HttpServer 6.4 reads a
// whole request before handing it over, so the limit bounds what is processed, not what
// is received: run the REST port behind the same network rules as the sync port.

#include "httpmessage.h"
#include "model/error.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QSslConfiguration>

#include <optional>

namespace Stockroom::Sync {

class EventLog;
class Metrics;
class RestApi;

class RestServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    static constexpr qint64 maxBody = 1024 * 1024;

    // api, log and metrics must outlive the server.
    RestServer(RestApi &api, EventLog &log, Metrics &metrics, QObject *parent = nullptr);
    ~RestServer() override;

    // Listens on address and port (0: any free port); https:// when tls is given.
    Status listen(const QHostAddress &address,
                  quint16 port,
                  const std::optional<QSslConfiguration> &tls = std::nullopt);
    quint16 port() const { return m_port; }
    // Stops listening; requests already received are still answered.
    void close();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void reply(const QHttpServerRequest &request, QTcpSocket *socket, const HttpReply &reply);

    RestApi &m_api;
    EventLog &m_log;
    Metrics &m_metrics;
    quint16 m_port = 0;
};

} // namespace Stockroom::Sync
