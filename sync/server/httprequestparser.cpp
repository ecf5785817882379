#include "httprequestparser.h"

#include "restjson.h"

#include <QUrlQuery>

#include <limits>

namespace Stockroom::Sync {

namespace {

// RFC 9110 5.6.2: the characters of a token (a method, a header's name).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// A header value's characters: visible ASCII, space, tab, and bytes of 0x80 and over.
bool isFieldValue(QByteArrayView text)
{
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 ? byte != '\t' : byte == 0x7f)
            return false;
    }
    return true;
}

// A request target's characters: visible ASCII only (anything else is percent-encoded).
bool isTargetText(QByteArrayView text)
{
    for (char c : text) {
        if (c <= 0x20 || c >= 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// Whether a comma-separated list (Connection, Expect) names token, in any case.
bool listHas(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView item : QByteArray(list.data(), list.size()).split(',')) {
        if (trimmed(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isKnownMethod(QByteArrayView method)
{
    for (const char *known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
        if (method == QByteArrayView(known))
            return true;
    }
    return false;
}

} // namespace

HttpRequestParser::HttpRequestParser(HttpLimits limits)
    : m_limits(limits)
{}

HttpRequestParser::State HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_state == State::Failed)
        return m_state;
    m_buffer.append(bytes);
    return parse();
}

HttpRequestParser::State HttpRequestParser::resume()
{
    return parse();
}

HttpCall HttpRequestParser::takeRequest()
{
    HttpCall call = std::move(m_call);
    m_call = HttpCall{};
    m_state = State::Empty;
    m_scanned = 0;
    m_bodyLength = 0;
    m_expectsContinue = false;
    m_unreadBody = 0;
    m_blankSkipped = 0;
    return call;
}

HttpRequestParser::State HttpRequestParser::fail(int status,
                                                 const char *type,
                                                 const QString &title,
                                                 const QString &detail)
{
    m_failure = Rest::problem(status, type, title, detail);
    m_buffer.clear();
    m_keepAlive = false;
    return m_state = State::Failed;
}

HttpRequestParser::State HttpRequestParser::parse()
{
    if (m_state == State::Failed || m_state == State::Complete)
        return m_state;
    if (m_state == State::Empty || m_state == State::Headers) {
        // RFC 9112 2.2: empty lines before a request line are ignored.
        qsizetype blank = 0;
        while (blank + 1 < m_buffer.size() && m_buffer.at(blank) == '\r'
               && m_buffer.at(blank + 1) == '\n')
            blank += 2;
        if (blank > 0) {
            m_buffer.remove(0, blank);
            m_scanned = 0;
            m_blankSkipped += blank;
            if (m_blankSkipped > 64)
                return fail(400,
                            "bad-request",
                            QStringLiteral("The request is malformed"),
                            QStringLiteral("Empty lines where a request should start."));
        }
        if (m_buffer.isEmpty() || (m_buffer.size() == 1 && m_buffer.at(0) == '\r'))
            return m_state = State::Empty;
        m_state = State::Headers;
        const qsizetype from = std::max<qsizetype>(0, m_scanned - 3);
        const qsizetype end = m_buffer.indexOf("\r\n\r\n", from);
        if (end < 0) {
            m_scanned = m_buffer.size();
            const qsizetype lineEnd = m_buffer.indexOf('\n');
            headTooLarge(lineEnd < 0 ? m_buffer.size() : lineEnd, m_buffer.size());
            return m_state;
        }
        if (headTooLarge(m_buffer.indexOf("\r\n"), end + 4))
            return m_state;
        if (parseHead(end) == State::Failed)
            return m_state;
        m_buffer.remove(0, end + 4);
        m_state = State::Body;
    }
    if (m_buffer.size() < m_bodyLength)
        return m_state;
    m_call.body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    return m_state = State::Complete;
}

bool HttpRequestParser::headTooLarge(qsizetype lineLength, qsizetype headLength)
{
    if (lineLength > m_limits.requestLine) {
        fail(414,
             "uri-too-long",
             QStringLiteral("The request line is too long"),
             QStringLiteral("A request line may have at most %1 bytes.").arg(m_limits.requestLine));
        return true;
    }
    if (headLength > m_limits.headerSection) {
        fail(431,
             "headers-too-large",
             QStringLiteral("The request's headers are too large"),
             QStringLiteral("The request line and headers may have at most %1 bytes together.")
                 .arg(m_limits.headerSection));
        return true;
    }
    return false;
}

HttpRequestParser::State HttpRequestParser::parseHead(qsizetype end)
{
    const auto malformed = [this](const QString &detail) {
        return fail(400, "bad-request", QStringLiteral("The request is malformed"), detail);
    };
    const QByteArrayView head = QByteArrayView(m_buffer).first(end);
    // Lines end with CRLF, and with nothing else: a bare CR or LF is read differently by
    // different parsers.
    for (qsizetype i = 0; i < head.size(); ++i) {
        const char c = head.at(i);
        if (c == '\0')
            return malformed(QStringLiteral("The request holds a NUL byte."));
        if (c == '\r' && (i + 1 >= head.size() || head.at(i + 1) != '\n'))
            return malformed(QStringLiteral("A line ends with CR but no LF."));
        if (c == '\n' && (i == 0 || head.at(i - 1) != '\r'))
            return malformed(QStringLiteral("A line ends with LF but no CR."));
    }

    qsizetype lineEnd = head.indexOf("\r\n");
    if (lineEnd < 0)
        lineEnd = head.size();
    const QByteArrayView requestLine = head.first(lineEnd);
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return malformed(QStringLiteral("The request line is not \"method target version\"."));
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(lastSpace + 1);
    if (!isToken(method))
        return malformed(QStringLiteral("The method is not a token."));
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return malformed(QStringLiteral("Only HTTP/1.1 and HTTP/1.0 are served."));
    if (target.isEmpty() || target.front() != '/' || !isTargetText(target))
        return malformed(QStringLiteral("The target must be a path that starts with \"/\", in "
                                        "visible ASCII, with one space on each side."));
    if (!isKnownMethod(method))
        return fail(501,
                    "not-implemented",
                    QStringLiteral("The method is not served"),
                    QStringLiteral("This server serves GET, HEAD, POST, PUT, PATCH, DELETE and "
                                   "OPTIONS."));
    const bool http10 = version == "HTTP/1.0";

    HttpCall call;
    call.method = method.toByteArray();
    const qsizetype question = target.indexOf('?');
    const QByteArrayView path = question < 0 ? target : target.first(question);
    call.path = QString::fromLatin1(path);
    if (question >= 0)
        call.query = QUrlQuery(QString::fromLatin1(target.sliced(question + 1)));

    int count = 0;
    bool hasLength = false;
    bool hasHost = false;
    qint64 length = 0;
    qsizetype at = lineEnd + 2;
    while (at < head.size()) {
        qsizetype next = head.indexOf("\r\n", at);
        if (next < 0)
            next = head.size();
        const QByteArrayView line = head.sliced(at, next - at);
        at = next + 2;
        if (++count > m_limits.headerCount)
            return fail(431,
                        "headers-too-large",
                        QStringLiteral("The request has too many headers"),
                        QStringLiteral("A request may have at most %1 headers.")
                            .arg(m_limits.headerCount));
        if (line.isEmpty() || line.front() == ' ' || line.front() == '\t')
            return malformed(QStringLiteral("A header is folded over two lines."));
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return malformed(QStringLiteral("A header line has no colon."));
        const QByteArrayView name = line.first(colon);
        if (!isToken(name))
            return malformed(QStringLiteral("A header's name is not a token (no space may come "
                                            "before its colon)."));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return malformed(QStringLiteral("A header's value holds a control character."));
        const QByteArray key = name.toByteArray().toLower();
        if (key == "content-length") {
            if (hasLength)
                return malformed(QStringLiteral("Content-Length is given twice."));
            hasLength = true;
            if (value.isEmpty() || value.size() > 18)
                return malformed(QStringLiteral("Content-Length is not a decimal number."));
            for (char c : value) {
                if (c < '0' || c > '9')
                    return malformed(QStringLiteral("Content-Length is not a decimal number."));
                length = length * 10 + (c - '0');
            }
        } else if (key == "transfer-encoding") {
            return fail(411,
                        "length-required",
                        QStringLiteral("A body needs Content-Length"),
                        QStringLiteral("Send the body with Content-Length: no transfer coding "
                                       "is accepted."));
        } else if (key == "host") {
            if (hasHost)
                return malformed(QStringLiteral("Host is given twice."));
            hasHost = true;
        }
        auto existing = call.headers.find(key);
        if (existing == call.headers.end())
            call.headers.insert(key, value.toByteArray());
        else
            *existing += ", " + value.toByteArray();
    }
    if (!http10 && !hasHost)
        return malformed(QStringLiteral("An HTTP/1.1 request must name its Host."));

    const QByteArray connection = call.header("connection");
    m_keepAlive = http10 ? listHas(connection, "keep-alive") : !listHas(connection, "close");
    m_expectsContinue = false;
    if (const QByteArray expect = call.header("expect"); !expect.isEmpty()) {
        if (http10 || expect.compare("100-continue", Qt::CaseInsensitive) != 0)
            return fail(417,
                        "expectation-failed",
                        QStringLiteral("The expectation is not supported"),
                        QStringLiteral("Only \"Expect: 100-continue\" is supported."));
        m_expectsContinue = length > 0;
    }
    if (length > m_limits.body) {
        m_unreadBody = length - (m_buffer.size() - (end + 4));
        return fail(413,
                    "payload-too-large",
                    QStringLiteral("The body is too large"),
                    QStringLiteral("A request body may have at most %1 bytes; this one has %2.")
                        .arg(m_limits.body)
                        .arg(length));
    }
    m_call = std::move(call);
    m_bodyLength = length;
    return m_state;
}

} // namespace Stockroom::Sync
