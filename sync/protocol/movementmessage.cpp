#include "movementmessage.h"

#include "model/domain/cbor.h"
#include "model/domain/limits.h"

#include <QCborArray>
#include <QCborStreamWriter>

namespace Stockroom::Sync {

namespace {

using Form = MovementMessage::Form;

// Where the encoder writes: a CBOR stream, or maps and an array. The encoding itself is
// written once, in encode(), for both.
class StreamSink
{
public:
    explicit StreamSink(QCborStreamWriter &writer)
        : m_writer(writer)
    {}
    void startMap(qsizetype size) { m_writer.startMap(quint64(size)); }
    void endMap() { m_writer.endMap(); }
    void startArray(const char *name, qsizetype size)
    {
        m_writer.append(key(name));
        m_writer.startArray(quint64(size));
    }
    void endArray() { m_writer.endArray(); }
    void entry(const char *name, const QString &value)
    {
        m_writer.append(key(name));
        m_writer.append(value);
    }
    void entry(const char *name, qint64 value)
    {
        m_writer.append(key(name));
        m_writer.append(value);
    }
    void entry(const char *name, bool value)
    {
        m_writer.append(key(name));
        m_writer.append(value);
    }
    void entry(const char *name, std::optional<qint64> value)
    {
        m_writer.append(key(name));
        if (value)
            m_writer.append(*value);
        else
            m_writer.append(nullptr);
    }

private:
    QCborStreamWriter &m_writer;
};

// Builds the movement's map: the outer map, its one array of lines, and a map per line.
class MapSink
{
public:
    void startMap(qsizetype) { m_open.append(QCborMap()); }
    void endMap()
    {
        QCborMap done = m_open.takeLast();
        if (m_open.isEmpty())
            m_result = std::move(done);
        else
            m_array.append(std::move(done));
    }
    void startArray(const char *name, qsizetype)
    {
        m_arrayName = name;
        m_array = QCborArray();
    }
    void endArray() { m_open.last().insert(key(m_arrayName), std::move(m_array)); }
    template<typename T>
    void entry(const char *name, const T &value)
    {
        m_open.last().insert(key(name), cbor(value));
    }
    QCborMap result() { return std::move(m_result); }

private:
    static QCborValue cbor(const QString &value) { return value; }
    static QCborValue cbor(qint64 value) { return value; }
    static QCborValue cbor(bool value) { return value; }
    static QCborValue cbor(std::optional<qint64> value)
    {
        return value ? QCborValue(*value) : QCborValue(nullptr);
    }

    QList<QCborMap> m_open;
    const char *m_arrayName = nullptr;
    QCborArray m_array;
    QCborMap m_result;
};

// The keys and their order are release 0.1.0's, byte for byte: a pushed body as the
// workstation streamed it, a pulled item as the change feed built it.
template<typename Sink>
void encode(const MovementMessage &m, Form form, Sink &out)
{
    const bool pulled = form == Form::Pulled;
    const bool reservation = !pulled && m.reservation;
    out.startMap((pulled ? 10 : 7) + (reservation ? 1 : 0));
    if (pulled)
        out.entry("kind", QStringLiteral("movement"));
    out.entry("id", m.id);
    out.entry("type", toString(m.type));
    if (pulled)
        out.entry("device", m.device);
    out.entry("deviceSeq", m.deviceSeq);
    out.entry("at", m.at);
    out.entry("reason", m.reason);
    out.entry("reference", m.reference);
    if (pulled)
        out.entry("user", m.user);
    if (reservation)
        out.entry("reservation", true);
    out.startArray("legs", m.lines.size());
    for (const MovementMessage::Line &line : m.lines) {
        const bool lot = !line.lot.isEmpty();
        if (pulled) {
            out.startMap(5 + (lot ? 2 : 0));
            out.entry("leg", line.index);
            out.entry("delta", line.delta);
            out.entry("counted", line.counted);
            out.entry("product", line.product);
            out.entry("location", line.location);
        } else {
            out.startMap(3 + (lot ? 2 : 0) + (line.counted ? 2 : 0));
            out.entry("product", line.product);
            out.entry("location", line.location);
            out.entry("delta", line.delta);
        }
        if (lot) {
            out.entry("lot", line.lot);
            out.entry("expiry", line.expiry);
        }
        if (!pulled && line.counted) {
            out.entry("counted", *line.counted);
            out.entry("expected", line.expected);
        }
        out.endMap();
    }
    out.endArray();
    out.endMap();
}

ProtocolError invalid(const QString &message)
{
    return {QStringLiteral("invalid"), message, false};
}

} // namespace

void MovementMessage::write(QCborStreamWriter &writer, Form form) const
{
    StreamSink sink(writer);
    encode(*this, form, sink);
}

QCborMap MovementMessage::toCbor(Form form) const
{
    MapSink sink;
    encode(*this, form, sink);
    return sink.result();
}

std::expected<MovementMessage, ProtocolError> MovementMessage::fromCbor(const QCborMap &map,
                                                                        Form form)
{
    const std::optional<MovementType> type = movementTypeFromString(
        map.value(key("type")).toString());
    MovementMessage m;
    m.id = map.value(key("id")).toString();
    const QCborArray lines = map.value(key("legs")).toArray();
    if (!type || m.id.isEmpty() || lines.isEmpty() || lines.size() > 2
        || !map.value(key("deviceSeq")).isInteger()) {
        return std::unexpected(invalid(QStringLiteral("A movement needs an id, a type, its device "
                                                      "sequence and one or two lines.")));
    }
    if ((*type == MovementType::Transfer) != (lines.size() == 2)) {
        return std::unexpected(
            invalid(QStringLiteral("A transfer has two lines; other movements have one.")));
    }
    m.type = *type;
    m.deviceSeq = cborInteger(map.value(key("deviceSeq")));
    m.at = cborInteger(map.value(key("at")));
    m.reason = map.value(key("reason")).toString();
    m.reference = map.value(key("reference")).toString();
    if (form == Form::Pulled) {
        m.device = map.value(key("device")).toString();
        m.user = map.value(key("user")).toString();
    } else {
        m.reservation = map.value(key("reservation")).toBool();
    }
    m.lines.reserve(lines.size());
    for (const QCborValue &value : lines) {
        const QCborMap item = value.toMap();
        Line line;
        line.index = cborInteger(item.value(key("leg")));
        line.product = item.value(key("product")).toString();
        line.location = item.value(key("location")).toString();
        if (!item.value(key("delta")).isInteger())
            return std::unexpected(
                invalid(QStringLiteral("Every line needs a whole-number delta.")));
        line.delta = cborInteger(item.value(key("delta")));
        line.lot = item.value(key("lot")).toString();
        if (!line.lot.isEmpty())
            line.expiry = item.value(key("expiry")).toString();
        if (item.value(key("counted")).isInteger()) {
            line.counted = cborInteger(item.value(key("counted")));
            line.expected = cborInteger(item.value(key("expected")));
        }
        m.lines.append(line);
    }
    if (form == Form::Pushed) {
        // What gets into the ledger stays there: a pushed movement keeps the model's limits.
        // A pulled one is already in the server's ledger, and must pass whatever its size.
        if (auto ok = Limits::checkId(m.id, QStringLiteral("A movement's id")); !ok)
            return std::unexpected(invalid(ok.error().message));
        if (auto ok = Limits::checkMovementNotes(m.reason, m.reference); !ok)
            return std::unexpected(invalid(ok.error().message));
        QList<qint64> deltas;
        for (const Line &line : std::as_const(m.lines)) {
            deltas.append(line.delta);
            if (line.counted && (*line.counted < 0 || *line.counted > Limits::quantity))
                return std::unexpected(invalid(QStringLiteral("A count is from 0 to %1, not %2.")
                                                   .arg(Limits::quantity)
                                                   .arg(*line.counted)));
        }
        if (auto ok = Limits::checkDeltas(m.type, deltas); !ok)
            return std::unexpected(invalid(ok.error().message));
        for (const Line &line : std::as_const(m.lines)) {
            if (auto ok = Limits::checkId(line.product, QStringLiteral("A line's product")); !ok)
                return std::unexpected(invalid(ok.error().message));
            if (auto ok = Limits::checkId(line.location, QStringLiteral("A line's location")); !ok)
                return std::unexpected(invalid(ok.error().message));
            if (auto ok = Limits::checkLotCode(line.lot); !ok)
                return std::unexpected(invalid(ok.error().message));
            if (auto ok = Limits::checkText(line.expiry,
                                            Limits::isoDate,
                                            Limits::Kind::Code,
                                            QStringLiteral("A lot's expiry"));
                !ok)
                return std::unexpected(invalid(ok.error().message));
        }
    }
    return m;
}

} // namespace Stockroom::Sync
