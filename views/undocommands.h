#pragma once

// Undo for master-data edits. Each command replays a MasterDataService edit, so undo is a
// new edit (audited and synced like any other), never a rewrite of history. Undo and redo
// are made against the version the previous step produced: if someone changed the record
// in between, the step fails with its conflict, the stack reports it, and nothing is
// overwritten.

#include "model/actor.h"
#include "model/masterdatacommands.h"

#include <QUndoCommand>

#include <functional>

namespace Stockroom {
class MasterDataService;
}

namespace Stockroom::Views {

// Called when an undo or redo could not be applied.
using UndoFailed = std::function<void(const Error &error)>;

struct ProductFields
{
    QString name;
    QString localName;
    QString unit;
    bool archived = false;

    friend bool operator==(const ProductFields &, const ProductFields &) = default;
};

// An edit already applied (version `after` is what it produced); redo() the first time
// does nothing.
class ProductEditCommand : public QUndoCommand
{
public:
    ProductEditCommand(MasterDataService &service,
                       const Actor &actor,
                       qint64 productId,
                       const ProductFields &before,
                       const ProductFields &after,
                       qint64 versionAfter,
                       UndoFailed failed);

    void undo() override;
    void redo() override;

private:
    void apply(const ProductFields &fields);

    MasterDataService &m_service;
    Actor m_actor;
    qint64 m_productId;
    ProductFields m_before;
    ProductFields m_after;
    qint64 m_version;
    UndoFailed m_failed;
    bool m_applied = true;
};

struct Limits
{
    std::optional<qint64> minQty;
    std::optional<qint64> maxQty;
    std::optional<qint64> reorderPoint;

    friend bool operator==(const Limits &, const Limits &) = default;
};

class ThresholdCommand : public QUndoCommand
{
public:
    ThresholdCommand(MasterDataService &service,
                     const Actor &actor,
                     qint64 productId,
                     qint64 warehouseId,
                     const Limits &before,
                     const Limits &after,
                     qint64 versionAfter,
                     UndoFailed failed);

    void undo() override;
    void redo() override;

private:
    void apply(const Limits &limits);

    MasterDataService &m_service;
    Actor m_actor;
    qint64 m_productId;
    qint64 m_warehouseId;
    Limits m_before;
    Limits m_after;
    qint64 m_version;
    UndoFailed m_failed;
    bool m_applied = true;
};

} // namespace Stockroom::Views
