// HttpRequestParser: what it accepts, byte by byte as well as whole; every limit at and past
// it; and every lenient reading a proxy in front could disagree with, refused.

#include "sync/server/httprequestparser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

namespace Stockroom::Sync {
namespace {

using State = HttpRequestParser::State;

QString problemOf(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body)
        .object()
        .value(QStringLiteral("type"))
        .toString()
        .section(u':', -1);
}

// Feeds request whole; the state reached.
State parseWhole(HttpRequestParser &parser, QByteArrayView request)
{
    return parser.feed(request);
}

// The status a request is refused with, or 0 when it is read whole.
int refusal(QByteArrayView request, HttpLimits limits = {})
{
    HttpRequestParser parser(limits);
    const State state = parseWhole(parser, request);
    if (state == State::Failed)
        return parser.failure().status;
    return state == State::Complete ? 0 : -1;
}

TEST(HttpRequestParserTest, AGetIsReadWithItsPathQueryAndHeaders)
{
    HttpRequestParser parser;
    ASSERT_EQ(parseWhole(parser,
                         "GET /api/v1/stock?product=P%2F1&warehouse=WH-A HTTP/1.1\r\n"
                         "Host: example\r\n"
                         "Authorization:  Bearer abc \r\n"
                         "X-Twice: one\r\n"
                         "x-twice: two\r\n"
                         "\r\n"),
              State::Complete);
    EXPECT_TRUE(parser.keepAlive());
    const HttpCall call = parser.takeRequest();
    EXPECT_EQ(call.method, "GET");
    EXPECT_EQ(call.path, QStringLiteral("/api/v1/stock"));
    EXPECT_EQ(call.query.queryItemValue(QStringLiteral("product"), QUrl::FullyDecoded),
              QStringLiteral("P/1"));
    EXPECT_EQ(call.header("authorization"), "Bearer abc");
    EXPECT_EQ(call.header("x-twice"), "one, two");
    EXPECT_TRUE(call.body.isEmpty());
    EXPECT_EQ(parser.state(), State::Empty);
}

TEST(HttpRequestParserTest, ABodyArrivingAByteAtATimeIsTheSameRequest)
{
    const QByteArray request = "POST /api/v1/receipts HTTP/1.1\r\nHost: h\r\n"
                               "Content-Length: 11\r\n\r\nhello world";
    HttpRequestParser parser;
    for (qsizetype i = 0; i + 1 < request.size(); ++i) {
        const State state = parser.feed(request.sliced(i, 1));
        ASSERT_NE(state, State::Complete) << i;
        ASSERT_NE(state, State::Failed) << i;
    }
    ASSERT_EQ(parser.feed(request.last(1)), State::Complete);
    const HttpCall call = parser.takeRequest();
    EXPECT_EQ(call.method, "POST");
    EXPECT_EQ(call.body, "hello world");
}

TEST(HttpRequestParserTest, PipelinedRequestsAreReadOneAfterAnother)
{
    HttpRequestParser parser;
    ASSERT_EQ(parser.feed("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                          "GET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"),
              State::Complete);
    EXPECT_EQ(parser.takeRequest().body, "abc");
    ASSERT_EQ(parser.resume(), State::Complete);
    EXPECT_FALSE(parser.keepAlive());
    EXPECT_EQ(parser.takeRequest().path, QStringLiteral("/b"));
    EXPECT_EQ(parser.resume(), State::Empty);
}

TEST(HttpRequestParserTest, ABodyThatIsItselfARequestIsJustABody)
{
    const QByteArray inner = "GET /admin HTTP/1.1\r\nHost: h\r\n\r\n";
    HttpRequestParser parser;
    ASSERT_EQ(parser.feed("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: "
                          + QByteArray::number(inner.size()) + "\r\n\r\n" + inner),
              State::Complete);
    EXPECT_EQ(parser.takeRequest().body, inner);
    EXPECT_EQ(parser.resume(), State::Empty);
}

TEST(HttpRequestParserTest, Http10ClosesUnlessAskedToKeepAlive)
{
    HttpRequestParser parser;
    ASSERT_EQ(parser.feed("GET / HTTP/1.0\r\n\r\n"), State::Complete);
    EXPECT_FALSE(parser.keepAlive());
    parser.takeRequest();
    ASSERT_EQ(parser.feed("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), State::Complete);
    EXPECT_TRUE(parser.keepAlive());
}

TEST(HttpRequestParserTest, ExpectContinueIsAnsweredBeforeTheBody)
{
    HttpRequestParser parser;
    ASSERT_EQ(parser.feed("PUT /a HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\n"
                          "Content-Length: 2\r\n\r\n"),
              State::Body);
    EXPECT_TRUE(parser.expectsContinue());
    EXPECT_EQ(refusal("PUT /a HTTP/1.1\r\nHost: h\r\nExpect: magic\r\nContent-Length: 2\r\n\r\n"),
              417);
}

TEST(HttpRequestParserTest, LenientReadingsAreRefused)
{
    const struct
    {
        const char *what;
        QByteArray request;
        int status;
    } cases[] = {
        {"Content-Length abc", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n", 400},
        {"Content-Length -1", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400},
        {"Content-Length 0x23", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x23\r\n\r\n", 400},
        {"Content-Length +5", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\n", 400},
        {"Content-Length empty", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", 400},
        {"Content-Length as a list",
         "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 1\r\n\r\n",
         400},
        {"Content-Length twice",
         "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
         400},
        {"Content-Length of 19 digits",
         "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9999999999999999999\r\n\r\n",
         400},
        {"Transfer-Encoding",
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         411},
        {"Transfer-Encoding beside Content-Length",
         "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
         411},
        {"HTTP/9.9", "GET / HTTP/9.9\r\nHost: h\r\n\r\n", 400},
        {"HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n", 400},
        {"http/1.1 in lower case", "GET / http/1.1\r\nHost: h\r\n\r\n", 400},
        {"no version", "GET /\r\nHost: h\r\n\r\n", 400},
        {"two spaces", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        {"a NUL in a header",
         QByteArrayLiteral("GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n"),
         400},
        {"a NUL in the target", QByteArrayLiteral("GET /a\0 HTTP/1.1\r\nHost: h\r\n\r\n"), 400},
        {"a control character in a header", "GET / HTTP/1.1\r\nHost: h\r\nX: a\x01z\r\n\r\n", 400},
        {"a bare LF", "GET / HTTP/1.1\nHost: h\r\n\r\n", 400},
        {"a bare CR", "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400},
        {"a folded header", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", 400},
        {"a space before the colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400},
        {"a header without a colon", "GET / HTTP/1.1\r\nHost: h\r\nnonsense\r\n\r\n", 400},
        {"no Host", "GET / HTTP/1.1\r\n\r\n", 400},
        {"Host twice", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
        {"an absolute target", "GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        {"a target with raw UTF-8", "GET /\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        {"an unknown method", "BREW / HTTP/1.1\r\nHost: h\r\n\r\n", 501},
        {"a method that is not a token", "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
        {"endless empty lines", QByteArray(100, '\n').replace("\n", "\r\n"), 400},
    };
    for (const auto &c : cases) {
        HttpRequestParser parser;
        ASSERT_EQ(parser.feed(c.request), State::Failed) << c.what;
        EXPECT_EQ(parser.failure().status, c.status) << c.what;
        EXPECT_EQ(parser.failure().contentType, "application/problem+json") << c.what;
        EXPECT_FALSE(parser.keepAlive()) << c.what;
        // Failed is final: nothing after it is read as a request.
        EXPECT_EQ(parser.feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), State::Failed) << c.what;
    }
}

TEST(HttpRequestParserTest, TheRequestLineIsLimitedAsItArrives)
{
    HttpLimits limits;
    const auto line = [](qsizetype size) {
        const QByteArray start = "GET /";
        const QByteArray end = " HTTP/1.1";
        return start + QByteArray(size - start.size() - end.size(), 'a') + end;
    };
    EXPECT_EQ(refusal(line(limits.requestLine) + "\r\nHost: h\r\n\r\n"), 0);
    EXPECT_EQ(refusal(line(limits.requestLine + 1) + "\r\nHost: h\r\n\r\n"), 414);
    // Refused before its end arrives: no more than the limit is kept.
    HttpRequestParser parser;
    EXPECT_EQ(parser.feed("GET /" + QByteArray(limits.requestLine, 'a')), State::Failed);
    EXPECT_EQ(parser.failure().status, 414);
    EXPECT_EQ(problemOf(parser.failure()), QStringLiteral("uri-too-long"));
    EXPECT_EQ(parser.buffered(), 0);
}

TEST(HttpRequestParserTest, TheHeaderSectionIsLimitedAsItArrives)
{
    HttpLimits limits;
    const QByteArray start = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
    // The request line, the headers and the empty line: exactly the limit, then one more.
    const auto request = [&](qsizetype size) {
        return start + QByteArray(size - start.size() - 4, 'v') + "\r\n\r\n";
    };
    EXPECT_EQ(refusal(request(limits.headerSection)), 0);
    EXPECT_EQ(refusal(request(limits.headerSection + 1)), 431);
    // A 100 MB header line is refused once the limit is passed, whatever comes after.
    HttpRequestParser parser;
    parser.feed(start);
    State state = State::Headers;
    qint64 fed = 0;
    while (state == State::Headers && fed < 100'000'000) {
        state = parser.feed(QByteArray(4096, 'v'));
        fed += 4096;
    }
    EXPECT_EQ(state, State::Failed);
    EXPECT_LE(fed, limits.headerSection + 4096);
    EXPECT_EQ(problemOf(parser.failure()), QStringLiteral("headers-too-large"));
}

TEST(HttpRequestParserTest, TheNumberOfHeadersIsLimited)
{
    HttpLimits limits;
    const auto request = [](int headers) {
        QByteArray text = "GET / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 1; i < headers; ++i)
            text += "X-" + QByteArray::number(i) + ": v\r\n";
        return text + "\r\n";
    };
    EXPECT_EQ(refusal(request(limits.headerCount)), 0);
    EXPECT_EQ(refusal(request(limits.headerCount + 1)), 431);
}

TEST(HttpRequestParserTest, ABodyTooLargeIsRefusedByItsLengthBeforeItIsRead)
{
    HttpLimits limits;
    const auto head = [](qint64 length) {
        return "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(length)
               + "\r\n\r\n";
    };
    EXPECT_EQ(refusal(head(limits.body) + QByteArray(limits.body, 'b')), 0);
    HttpRequestParser parser;
    ASSERT_EQ(parser.feed(head(limits.body + 1)), State::Failed);
    EXPECT_EQ(parser.failure().status, 413);
    EXPECT_EQ(parser.unreadBody(), limits.body + 1);
    // 500 MB said, not one byte of it sent: refused all the same.
    HttpRequestParser large;
    ASSERT_EQ(large.feed(head(500'000'000) + "abc"), State::Failed);
    EXPECT_EQ(large.failure().status, 413);
    EXPECT_EQ(large.unreadBody(), 500'000'000 - 3);
    EXPECT_EQ(large.buffered(), 0);
}

} // namespace
} // namespace Stockroom::Sync
