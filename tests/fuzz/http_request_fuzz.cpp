// HttpRequestParser on any bytes, in pieces as a socket would deliver them: it never
// crashes, never keeps more than its limits allow, and every request it hands over keeps
// them. Small limits, so that each is reached often.

#include "fuzzcheck.h"
#include "sync/server/httprequestparser.h"

#include <cstddef>
#include <cstdint>

using namespace Stockroom::Sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    HttpLimits limits;
    limits.requestLine = 256;
    limits.headerSection = 1024;
    limits.headerCount = 8;
    limits.body = 512;
    HttpRequestParser parser(limits);
    // The first byte says how large the pieces are (1 to 256 bytes).
    const std::size_t piece = std::size_t(data[0]) + 1;
    const auto *bytes = reinterpret_cast<const char *>(data + 1);
    std::size_t left = size - 1;
    int requests = 0;
    while (left > 0 && parser.state() != HttpRequestParser::State::Failed) {
        const std::size_t now = left < piece ? left : piece;
        HttpRequestParser::State state = parser.feed(QByteArrayView(bytes, qsizetype(now)));
        bytes += now;
        left -= now;
        while (state == HttpRequestParser::State::Complete) {
            const HttpCall call = parser.takeRequest();
            FUZZ_CHECK(call.body.size() <= limits.body);
            FUZZ_CHECK(call.path.startsWith(u'/'));
            FUZZ_CHECK(!call.method.isEmpty());
            ++requests;
            state = parser.resume();
        }
        // What is kept never outgrows the head's limit, or a body and one piece.
        FUZZ_CHECK(parser.buffered() <= limits.headerSection + limits.body + qsizetype(piece) + 4);
    }
    if (parser.state() == HttpRequestParser::State::Failed) {
        const int status = parser.failure().status;
        FUZZ_CHECK(status >= 400 && status < 600);
        FUZZ_CHECK(!parser.failure().body.isEmpty());
        FUZZ_CHECK(!parser.keepAlive());
    }
    return requests >= 0 ? 0 : 1;
}
