// The sync protocol's decoders on any bytes: a frame (decode), a cursor, and every record
// decoder on every map the frame holds (an operation's body, a pulled item), as the server
// and the workstation read them. Nothing crashes, every refusal says what is wrong, and a
// movement read and written again reads back as what was written.

#include "fuzzcheck.h"
#include "model/domain/cbor.h"
#include "model/domain/changes.h"
#include "sync/protocol/movementmessage.h"
#include "sync/protocol/protocol.h"
#include "sync/protocol/pulledrecords.h"

#include <QCborArray>
#include <QCborMap>

#include <cstddef>
#include <cstdint>

using namespace Stockroom;
using namespace Stockroom::Sync;

namespace {

template<typename Decoded>
void refusalSaysWhy(const Decoded &decoded)
{
    if (!decoded)
        FUZZ_CHECK(!decoded.error().message.isEmpty());
}

void readMovement(const QCborMap &map, MovementMessage::Form form)
{
    const auto movement = MovementMessage::fromCbor(map, form);
    refusalSaysWhy(movement);
    if (movement) {
        const auto again = MovementMessage::fromCbor(movement->toCbor(form), form);
        FUZZ_CHECK(again.has_value());
        // Keys the form does not carry may be read and then not written: what is written
        // reads back as itself.
        FUZZ_CHECK(again->toCbor(form) == movement->toCbor(form));
    }
}

template<typename Change>
void readChange(const QCborMap &map)
{
    const auto change = Change::fromCbor(map);
    if (!change)
        FUZZ_CHECK(!change.error().isEmpty());
    else
        FUZZ_CHECK(Change::fromCbor(change->toCbor()).has_value());
}

void readEveryRecord(const QCborMap &map)
{
    readMovement(map, MovementMessage::Form::Pushed);
    readMovement(map, MovementMessage::Form::Pulled);
    refusalSaysWhy(fromPulledItem<UserRecord>(map));
    refusalSaysWhy(fromPulledItem<LocationRecord>(map));
    refusalSaysWhy(fromPulledItem<ProductRecord>(map));
    refusalSaysWhy(fromPulledItem<ThresholdRecord>(map));
    refusalSaysWhy(fromPulledItem<ConflictRecord>(map));
    readChange<ProductCreated>(map);
    readChange<ProductEdited>(map);
    readChange<BarcodeLinked>(map);
    readChange<ThresholdSet>(map);
    readChange<ConflictResolved>(map);
}

// Every map in value, to a bounded depth (a frame nests operations in a push, items in a
// page, lines in a movement).
void visit(const QCborValue &value, int depth)
{
    if (depth > 4)
        return;
    if (value.isMap()) {
        const QCborMap map = value.toMap();
        readEveryRecord(map);
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            visit(it.value(), depth + 1);
    } else if (value.isArray()) {
        const QCborArray array = value.toArray();
        for (qsizetype i = 0; i < array.size() && i < 64; ++i)
            visit(array.at(i), depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    refusalSaysWhy(Cursor::fromBytes(bytes));
    const auto message = decode(bytes, defaultMaxMessage);
    if (!message) {
        FUZZ_CHECK(!message.error().code.isEmpty());
        FUZZ_CHECK(!message.error().message.isEmpty());
        // A stored body is read with readCbor; a damaged one is read no further.
        if (const auto stored = readCbor(bytes))
            visit(*stored, 0);
        return 0;
    }
    // A type, which may be one no side knows (or empty): that is answered "unknown-type".
    FUZZ_CHECK(message->value(key("t")).isString());
    (void) typeOf(*message);
    visit(*message, 0);
    return 0;
}
