#include "historyanchor.h"

#include "sync/protocol/historychain.h"

#include "model/domain/cbor.h"

namespace Stockroom::Sync {

ProtocolError HistoryAnchor::diverged(qint64 seq)
{
    return {QStringLiteral("history-diverged"),
            QStringLiteral("This workstation's history no longer leads to what the server "
                           "recorded after its operation %1: its database was changed outside "
                           "Stockroom. Nothing more is taken from it. Run 'stockroom-cli "
                           "verify' on it, and have an administrator look at it before it "
                           "joins again.")
                .arg(seq),
            true};
}

std::expected<HistoryAnchor, ProtocolError> HistoryAnchor::follow(qint64 acked,
                                                                  const QCborArray &ops,
                                                                  const QCborMap &chain) const
{
    if (chain.isEmpty()) {
        if (isRecorded()) {
            return std::unexpected(
                ProtocolError{QStringLiteral("history-diverged"),
                              QStringLiteral(
                                  "This workstation sent its history chain before and now sends "
                                  "none: it runs an older Stockroom than before. Update it."),
                              true});
        }
        return *this;
    }
    const QByteArray prev = chain.value(key("prev")).toByteArray();
    const QByteArray head = chain.value(key("head")).toByteArray();
    if (!HistoryChain::isLink(prev) || !HistoryChain::isLink(head)) {
        return std::unexpected(ProtocolError{QStringLiteral("malformed"),
                                             QStringLiteral("A push's \"chain\" needs a \"prev\" "
                                                            "and a \"head\" of 32 bytes each."),
                                             true});
    }
    if (ops.isEmpty())
        return *this;
    // What the chain must pass through: the recorded link; for a device that has pushed
    // nothing, the chain's start; otherwise (it pushed before it sent chains) nothing yet,
    // and the device's own word starts the record.
    std::optional<HistoryAnchor> known;
    if (isRecorded())
        known = *this;
    else if (acked == 0)
        known = HistoryAnchor{0, HistoryChain::start()};

    qint64 at = cborInteger(ops.first().toMap().value(key("seq"))) - 1;
    QByteArray link = prev;
    const auto passes = [&] {
        return !known || at != known->seq || link == known->link;
    };
    if (!passes())
        return std::unexpected(diverged(at));
    for (const QCborValue &op : ops) {
        link = HistoryChain::next(link, op.toMap());
        at = cborInteger(op.toMap().value(key("seq")));
        if (!passes())
            return std::unexpected(diverged(at));
    }
    if (link != head) {
        return std::unexpected(
            ProtocolError{QStringLiteral("history-diverged"),
                          QStringLiteral(
                              "The push's history chain does not match its operations %1 to %2.")
                              .arg(cborInteger(ops.first().toMap().value(key("seq"))))
                              .arg(at),
                          true});
    }
    if (known && known->seq >= at)
        return *this; // replays of what the record has passed already
    return HistoryAnchor{at, link};
}

std::optional<ProtocolError> HistoryAnchor::checkHello(const QCborMap &chain) const
{
    if (chain.isEmpty() || !isRecorded())
        return std::nullopt;
    const QCborValue seq = chain.value(key("seq"));
    const QByteArray link = chain.value(key("link")).toByteArray();
    if (!seq.isInteger() || !HistoryChain::isLink(link)) {
        return ProtocolError{QStringLiteral("malformed"),
                             QStringLiteral("hello's \"chain\" needs a \"seq\" and a \"link\" of "
                                            "32 bytes."),
                             true};
    }
    // A device a little behind (the answer to its last push was lost) is checked when it
    // sends that push again; one ahead talks to a server restored from an older copy.
    if (cborInteger(seq) == this->seq && link != this->link)
        return diverged(this->seq);
    return std::nullopt;
}

} // namespace Stockroom::Sync
