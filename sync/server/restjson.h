#pragma once

// The REST API's JSON: replies, RFC 9457 problems, and typed reads of request bodies that
// answer a wrong or missing field with the problem to send back.

#include "httpmessage.h"

#include "model/domain/limits.h"
#include "model/domain/types.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>
#include <span>

namespace Stockroom::Sync::Rest {

HttpReply json(int status, const QJsonObject &object);
HttpReply json(int status, const QJsonArray &array);

// A problem+json reply; code becomes the type "urn:stockroom:problem:<code>". extra adds
// members such as "current" (the state a stale edit met).
HttpReply problem(int status,
                  const char *code,
                  const QString &title,
                  const QString &detail,
                  const QJsonObject &extra = {});

// 503: the database failed; nothing of the request was applied.
HttpReply unavailable();

// The body as a JSON object; a wrong content type, a malformed body or a body that is
// not an object is a problem. patch also accepts application/merge-patch+json.
Parsed<QJsonObject> objectBody(const HttpCall &call, bool patch = false);

// The model's limit of a text field (model/domain/limits.h).
struct TextLimit
{
    qsizetype maxLength;
    Limits::Kind kind;
};

// Required and optional members of a body, trimmed. A member of the wrong type, or one
// that breaks its limit, is a problem (which never echoes the value).
Parsed<QString> requiredText(const QJsonObject &object, const char *name, TextLimit limit);
Parsed<QString> optionalText(const QJsonObject &object, const char *name, TextLimit limit);
// What requiredText() accepts, or empty where it would answer a problem: for a caller that
// only looks (making the problem reply costs a JSON document).
QString presentText(const QJsonObject &object, const char *name);
// Whole numbers within ±limit.
Parsed<qint64> requiredInteger(const QJsonObject &object, const char *name, qint64 limit);
// Absent: std::nullopt inside; null: also std::nullopt, with present set.
struct OptionalInteger
{
    bool present = false;
    std::optional<qint64> value;
};
Parsed<OptionalInteger> optionalInteger(const QJsonObject &object, const char *name, qint64 limit);
Parsed<std::optional<bool>> optionalBool(const QJsonObject &object, const char *name);
// Members a body may have; any other is a problem, so that a typo is not silently ignored.
std::optional<HttpReply> onlyMembers(const QJsonObject &object, std::span<const char *const> names);
inline std::optional<HttpReply> onlyMembers(const QJsonObject &object,
                                            std::initializer_list<const char *> names)
{
    return onlyMembers(object, std::span<const char *const>(names.begin(), names.size()));
}

// A paging limit from ?limit=, 1..maxLimit, defaulting to defaultLimit.
Parsed<int> pageLimit(const HttpCall &call, int defaultLimit, int maxLimit);

// Paging cursors: opaque to clients (base64url of a CBOR array of the last row's sort
// values). cursorValues reads ?after= and wants count values; std::nullopt without it.
QString cursorText(const QVariantList &values);
Parsed<std::optional<QVariantList>> cursorValues(const HttpCall &call, qsizetype count);

// ETag and If-Match of a record version: "7" (a strong tag).
QByteArray etag(qint64 version);
// The version an If-Match names; std::nullopt without the header; a problem when it is not
// one of our tags.
Parsed<std::optional<qint64>> ifMatch(const HttpCall &call);

// A whole number, or null.
QJsonValue numberOrNull(const std::optional<qint64> &value);

// A product as the API shows it.
QJsonObject productJson(const Product &product);

} // namespace Stockroom::Sync::Rest
