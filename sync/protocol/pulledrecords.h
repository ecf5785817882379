#pragma once

// The records a pull carries besides movements (docs/sync-protocol.md): users, locations,
// products with their barcodes, thresholds and conflict-inbox entries, each an item of a
// pulled page with its "kind". This is the one place that writes and reads those items: the
// server's change feed encodes them, the workstation's replica decodes them.
//
// The encoder writes exactly the keys and order that release 0.1.0 wrote
// (tests/data/release-0.1.0/pulled-pages.cbor). The decoder refuses an item with a key
// missing or of the wrong type, or a role, location type or symbology it does not know,
// with the code "invalid".

#include "protocol.h"

#include "model/domain/records.h"

#include <QCborMap>

namespace Stockroom::Sync {

// The "kind" of an item of each type.
template<typename Record>
inline constexpr const char *pulledKind = nullptr;
template<>
inline constexpr const char *pulledKind<UserRecord> = "user";
template<>
inline constexpr const char *pulledKind<LocationRecord> = "location";
template<>
inline constexpr const char *pulledKind<ProductRecord> = "product";
template<>
inline constexpr const char *pulledKind<ThresholdRecord> = "threshold";
template<>
inline constexpr const char *pulledKind<ConflictRecord> = "conflict";

QCborMap toPulledItem(const UserRecord &user);
QCborMap toPulledItem(const LocationRecord &location);
QCborMap toPulledItem(const ProductRecord &product);
QCborMap toPulledItem(const ThresholdRecord &threshold);
QCborMap toPulledItem(const ConflictRecord &conflict);

// Reads an item of the given type; its "kind" is the caller's to have checked.
template<typename Record>
std::expected<Record, ProtocolError> fromPulledItem(const QCborMap &item);

template<>
std::expected<UserRecord, ProtocolError> fromPulledItem(const QCborMap &item);
template<>
std::expected<LocationRecord, ProtocolError> fromPulledItem(const QCborMap &item);
template<>
std::expected<ProductRecord, ProtocolError> fromPulledItem(const QCborMap &item);
template<>
std::expected<ThresholdRecord, ProtocolError> fromPulledItem(const QCborMap &item);
template<>
std::expected<ConflictRecord, ProtocolError> fromPulledItem(const QCborMap &item);

} // namespace Stockroom::Sync
