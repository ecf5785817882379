#pragma once

// MasterDataMerge: the server's side of the master-data changes workstations push
// (docs/conflicts.md): a product created once, whoever sends it again; a barcode linked
// once; a product's fields and a threshold's limits merged one by one against the values
// the edit was made on, a field changed two ways on both sides becoming an entry of the
// conflict inbox; and a manager's decision on such an entry ("theirs" keeps the server's
// value, "mine" writes the device's). The writes go through the model's MasterDataWriter,
// ConflictService and StockLedger.

#include "appliedoperation.h"
#include "serverlookups.h"

#include "model/domain/changes.h"

namespace Stockroom::Sync {

class MasterDataMerge
{
public:
    using Applied = AppliedOperation;

    // All must outlive this.
    MasterDataMerge(Database &db, const Clock &clock, StockLedger &ledger, ServerLookups &lookups);

    Result<Applied> applyProductCreate(const ProductCreated &created);
    Result<Applied> applyProductBarcode(qint64 seq, const BarcodeLinked &link);
    Result<Applied> applyProductEdit(const SyncSession &session,
                                     qint64 seq,
                                     const QString &userUuid,
                                     const ProductEdited &edit);
    Result<Applied> applyThreshold(const SyncSession &session,
                                   qint64 seq,
                                   const QString &userUuid,
                                   const ThresholdSet &set);
    Result<Applied> applyResolve(const SyncSession &session,
                                 const QString &userUuid,
                                 const ConflictResolved &decision);

private:
    // "mine": the device's side written over the server's, or a refusal (its reason) when
    // it cannot be, which leaves the conflict open.
    Result<std::optional<Applied>> keepMine(const ConflictRecord &conflict,
                                            const QString &userUuid,
                                            Applied &applied);
    // On a threshold's field conflict: the device's limit, unless the limits would no
    // longer fit together.
    Result<std::optional<Applied>> keepThresholdLimit(const ConflictRecord &conflict);
    // On a stale count: the count stands as of when it was made. The stock gets the
    // difference between what was counted and what the count left (the conflict's two
    // sides) as an adjustment by the person who decided; what moved since stays. Refused
    // when that would leave the stock below zero.
    Result<std::optional<Applied>> keepCount(const ConflictRecord &conflict,
                                             const QString &userUuid,
                                             Applied &applied);

    Database &m_db;
    const Clock &m_clock;
    StockLedger &m_ledger;
    ServerLookups &m_lookups;
};

} // namespace Stockroom::Sync
