#include "restjson.h"

#include "model/domain/cbor.h"

#include <QCborArray>
#include <QCborValue>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Stockroom::Sync::Rest {

namespace {

HttpReply badField(const char *name, const QString &expected)
{
    return problem(422,
                   "invalid-field",
                   QStringLiteral("A field has the wrong type or value"),
                   QStringLiteral("\"%1\" must be %2.").arg(QLatin1String(name), expected),
                   {{QStringLiteral("field"), QLatin1String(name)}});
}

HttpReply missingField(const char *name)
{
    return problem(422,
                   "missing-field",
                   QStringLiteral("A required field is missing"),
                   QStringLiteral("The body needs \"%1\".").arg(QLatin1String(name)),
                   {{QStringLiteral("field"), QLatin1String(name)}});
}

Parsed<QString> withinLimit(QString text, const char *name, TextLimit limit)
{
    const QString field = QLatin1Char('"') + QLatin1String(name) + QLatin1Char('"');
    if (auto ok = Limits::checkText(text, limit.maxLength, limit.kind, field); !ok) {
        return std::unexpected(problem(422,
                                       "invalid-field",
                                       QStringLiteral("A field has the wrong type or value"),
                                       ok.error().message,
                                       {{QStringLiteral("field"), QLatin1String(name)}}));
    }
    return text;
}

} // namespace

HttpReply json(int status, const QJsonObject &object)
{
    return HttpReply{status,
                     "application/json",
                     QJsonDocument(object).toJson(QJsonDocument::Compact),
                     {}};
}

HttpReply json(int status, const QJsonArray &array)
{
    return HttpReply{status,
                     "application/json",
                     QJsonDocument(array).toJson(QJsonDocument::Compact),
                     {}};
}

HttpReply problem(int status,
                  const char *code,
                  const QString &title,
                  const QString &detail,
                  const QJsonObject &extra)
{
    QJsonObject object = extra;
    object.insert(QStringLiteral("type"),
                  QStringLiteral("urn:stockroom:problem:") + QLatin1String(code));
    object.insert(QStringLiteral("title"), title);
    object.insert(QStringLiteral("status"), status);
    object.insert(QStringLiteral("detail"), detail);
    HttpReply reply = json(status, object);
    reply.contentType = "application/problem+json";
    return reply;
}

HttpReply unavailable()
{
    HttpReply reply = problem(503,
                              "unavailable",
                              QStringLiteral("The server could not use its database"),
                              QStringLiteral("Try again later; nothing of this request was "
                                             "applied."));
    reply.addHeader("Retry-After", "1");
    return reply;
}

Parsed<QJsonObject> objectBody(const HttpCall &call, bool patch)
{
    const QByteArray type = call.header("content-type").split(';').constFirst().trimmed().toLower();
    if (type != "application/json" && !(patch && type == "application/merge-patch+json")) {
        return std::unexpected(problem(415,
                                       "unsupported-media-type",
                                       QStringLiteral("The body must be JSON"),
                                       QStringLiteral("Send the body as application/json, not "
                                                      "\"%1\".")
                                           .arg(QString::fromLatin1(type))));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(call.body, &error);
    if (error.error != QJsonParseError::NoError) {
        return std::unexpected(
            problem(400,
                    "malformed-body",
                    QStringLiteral("The body is not valid JSON"),
                    QStringLiteral("%1 at byte %2.").arg(error.errorString()).arg(error.offset)));
    }
    if (!document.isObject()) {
        return std::unexpected(problem(400,
                                       "malformed-body",
                                       QStringLiteral("The body is not a JSON object"),
                                       QStringLiteral("Send one JSON object.")));
    }
    return document.object();
}

Parsed<QString> requiredText(const QJsonObject &object, const char *name, TextLimit limit)
{
    if (QString text = presentText(object, name); !text.isEmpty())
        return withinLimit(std::move(text), name, limit);
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return std::unexpected(missingField(name));
    return std::unexpected(badField(name, QStringLiteral("a non-empty string")));
}

QString presentText(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    return value.isString() ? value.toString().trimmed() : QString();
}

Parsed<QString> optionalText(const QJsonObject &object, const char *name, TextLimit limit)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return std::unexpected(badField(name, QStringLiteral("a string")));
    return withinLimit(value.toString().trimmed(), name, limit);
}

Parsed<qint64> requiredInteger(const QJsonObject &object, const char *name, qint64 limit)
{
    auto value = optionalInteger(object, name, limit);
    if (!value)
        return std::unexpected(value.error());
    if (!value->value)
        return std::unexpected(missingField(name));
    return *value->value;
}

Parsed<OptionalInteger> optionalInteger(const QJsonObject &object, const char *name, qint64 limit)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined())
        return OptionalInteger{};
    if (value.isNull())
        return OptionalInteger{true, std::nullopt};
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > double(limit)) {
        return std::unexpected(
            badField(name, QStringLiteral("a whole number between -%1 and %1").arg(limit)));
    }
    return OptionalInteger{true, qint64(number)};
}

Parsed<std::optional<bool>> optionalBool(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return std::optional<bool>();
    if (!value.isBool())
        return std::unexpected(badField(name, QStringLiteral("true or false")));
    return std::optional<bool>(value.toBool());
}

std::optional<HttpReply> onlyMembers(const QJsonObject &object, std::span<const char *const> names)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const bool known = std::any_of(names.begin(), names.end(), [&](const char *name) {
            return it.key() == QLatin1String(name);
        });
        if (!known) {
            QStringList allowed;
            for (const char *name : names)
                allowed << QLatin1String(name);
            return problem(422,
                           "unknown-field",
                           QStringLiteral("The body has a field this request does not take"),
                           QStringLiteral("\"%1\" is not one of: %2.")
                               .arg(it.key(), allowed.join(QStringLiteral(", "))),
                           {{QStringLiteral("field"), it.key()}});
        }
    }
    return std::nullopt;
}

Parsed<int> pageLimit(const HttpCall &call, int defaultLimit, int maxLimit)
{
    if (!call.query.hasQueryItem(QStringLiteral("limit")))
        return defaultLimit;
    bool ok = false;
    const int limit = call.query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded)
                          .toInt(&ok);
    if (!ok || limit < 1 || limit > maxLimit) {
        return std::unexpected(
            problem(400,
                    "invalid-parameter",
                    QStringLiteral("A query parameter is invalid"),
                    QStringLiteral("limit must be a number from 1 to %1.").arg(maxLimit),
                    {{QStringLiteral("parameter"), QStringLiteral("limit")}}));
    }
    return limit;
}

QString cursorText(const QVariantList &values)
{
    return QString::fromLatin1(QCborArray::fromVariantList(values).toCborValue().toCbor().toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Parsed<std::optional<QVariantList>> cursorValues(const HttpCall &call, qsizetype count)
{
    if (!call.query.hasQueryItem(QStringLiteral("after")))
        return std::optional<QVariantList>();
    const auto decoded = QByteArray::fromBase64Encoding(
        call.query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const std::optional<QCborValue> value = decoded ? readCbor(*decoded) : std::nullopt;
    if (!value || !value->isArray() || value->toArray().size() != count) {
        return std::unexpected(problem(400,
                                       "invalid-parameter",
                                       QStringLiteral("A query parameter is invalid"),
                                       QStringLiteral("after must be the \"next\" value of an "
                                                      "earlier page of the same list."),
                                       {{QStringLiteral("parameter"), QStringLiteral("after")}}));
    }
    return std::optional<QVariantList>(value->toArray().toVariantList());
}

QJsonValue numberOrNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonObject productJson(const Product &product)
{
    QJsonArray barcodes;
    for (const Barcode &barcode : product.barcodes)
        barcodes.append(barcode.code);
    return {{QStringLiteral("sku"), product.sku},
            {QStringLiteral("name"), product.name},
            {QStringLiteral("localName"), product.localName},
            {QStringLiteral("unit"), product.unit},
            {QStringLiteral("lotTracked"), product.lotTracked},
            {QStringLiteral("archived"), product.archived},
            {QStringLiteral("version"), product.version},
            {QStringLiteral("barcodes"), barcodes}};
}

QByteArray etag(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

Parsed<std::optional<qint64>> ifMatch(const HttpCall &call)
{
    if (!call.headers.contains("if-match"))
        return std::optional<qint64>();
    QByteArray tag = call.header("if-match").trimmed();
    bool ok = tag.size() >= 3 && tag.startsWith('"') && tag.endsWith('"');
    const qint64 version = ok ? tag.mid(1, tag.size() - 2).toLongLong(&ok) : 0;
    if (!ok || version < 0) {
        return std::unexpected(problem(400,
                                       "invalid-if-match",
                                       QStringLiteral("If-Match is not a version of ours"),
                                       QStringLiteral("Send If-Match with the ETag the record "
                                                      "came with, such as \"3\".")));
    }
    return std::optional<qint64>(version);
}

} // namespace Stockroom::Sync::Rest
