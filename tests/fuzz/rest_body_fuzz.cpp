// The REST API's reads of a request on any input: the query (paging limit and cursor), the
// If-Match header and the JSON body with each typed member read a handler makes. The first
// line is the target's query and the second the If-Match header; the rest is the body.
// Nothing crashes, every refusal is a problem reply, and nothing read breaks its limit.

#include "fuzzcheck.h"
#include "model/domain/limits.h"
#include "sync/server/restjson.h"

#include <QUrlQuery>

#include <cstddef>
#include <cstdint>

using namespace Stockroom;
using namespace Stockroom::Sync;

namespace {

template<typename Value>
void refusedWithAProblem(const Parsed<Value> &parsed)
{
    if (!parsed) {
        FUZZ_CHECK(parsed.error().status >= 400 && parsed.error().status < 500);
        FUZZ_CHECK(parsed.error().contentType == "application/problem+json");
    }
}

void readText(const QJsonObject &body, const char *name, Rest::TextLimit limit)
{
    for (const auto &text :
         {Rest::requiredText(body, name, limit), Rest::optionalText(body, name, limit)}) {
        refusedWithAProblem(text);
        if (text)
            FUZZ_CHECK(text->size() <= limit.maxLength);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype firstEnd = input.indexOf('\n');
    const qsizetype secondEnd = firstEnd < 0 ? -1 : input.indexOf('\n', firstEnd + 1);
    HttpCall call;
    call.method = "POST";
    call.path = QStringLiteral("/api/v1/receipts");
    call.query = QUrlQuery(QString::fromLatin1(input.left(firstEnd < 0 ? input.size() : firstEnd)));
    call.headers.insert("content-type", "application/json");
    if (firstEnd >= 0) {
        call.headers.insert("if-match", input.mid(firstEnd + 1, secondEnd - firstEnd - 1));
        call.body = secondEnd < 0 ? QByteArray() : input.mid(secondEnd + 1);
    }

    const auto limit = Rest::pageLimit(call, 100, 1000);
    refusedWithAProblem(limit);
    if (limit)
        FUZZ_CHECK(*limit >= 1 && *limit <= 1000);
    refusedWithAProblem(Rest::cursorValues(call, 2));
    refusedWithAProblem(Rest::ifMatch(call));

    for (const bool patch : {false, true}) {
        const auto body = Rest::objectBody(call, patch);
        refusedWithAProblem(body);
        if (!body)
            continue;
        readText(*body, "product", {Limits::sku, Limits::Kind::Code});
        readText(*body, "location", {Limits::locationCode, Limits::Kind::Code});
        readText(*body, "lot", {Limits::lotCode, Limits::Kind::Code});
        readText(*body, "name", {Limits::productName, Limits::Kind::Text});
        readText(*body, "reason", {Limits::reason, Limits::Kind::Text});
        readText(*body, "reference", {Limits::reference, Limits::Kind::Text});
        const auto quantity = Rest::requiredInteger(*body, "quantity", Limits::quantity);
        refusedWithAProblem(quantity);
        if (quantity)
            FUZZ_CHECK(*quantity >= -Limits::quantity && *quantity <= Limits::quantity);
        refusedWithAProblem(Rest::optionalInteger(*body, "minimum", Limits::quantity));
        refusedWithAProblem(Rest::optionalBool(*body, "lotTracked"));
        if (const auto unknown = Rest::onlyMembers(*body, {"product", "location", "quantity"}))
            FUZZ_CHECK(unknown->status == 422);
        (void) Rest::presentText(*body, "product");
    }
    return 0;
}
