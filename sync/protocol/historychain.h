#pragma once

// HistoryChain: the link that ties a workstation's history to what the server recorded
// (docs/sync-protocol.md, "History chain"; docs/security.md).
//
// A device's operations, in the order of their sequence numbers, form a chain: each link
// is SHA-256 of the link before it and of the operation's CBOR exactly as a push carries
// it. The chain starts from 32 zero bytes before operation 1. The workstation computes it
// from its outbox as it pushes and keeps the link of each push's last operation once the
// server answered it; the server computes the same links from what it received and keeps
// the device's newest. A workstation whose stored history was changed after it was pushed
// no longer leads to the server's link, so the server refuses it and says so.
//
// Pure functions; no database.

#include <QByteArray>
#include <QByteArrayView>
#include <QCborMap>

namespace Stockroom::Sync::HistoryChain {

inline constexpr qsizetype linkSize = 32;

// The link before operation 1.
QByteArray start();
// The link after an operation, given as the CBOR a push carries...
QByteArray next(const QByteArray &previous, QByteArrayView operationCbor);
// ...or as the map it decodes to (encoded again the same way).
QByteArray next(const QByteArray &previous, const QCborMap &operation);
// Whether bytes can be a link at all.
bool isLink(const QByteArray &bytes);

} // namespace Stockroom::Sync::HistoryChain
