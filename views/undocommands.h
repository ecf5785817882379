#pragma once

// Undo for master-data edits. A step replays a MasterDataService edit, so undo is a new
// edit (audited and synced like any other), never a rewrite of history. Undo and redo are
// made against the version the previous step produced: if someone changed the record in
// between, the step fails with its conflict, the stack reports it, and nothing is
// overwritten.

#include "model/domain/actor.h"
#include "model/domain/masterdatacommands.h"

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

struct LocationFields
{
    QString name;
    QString barcode;
    bool archived = false;

    friend bool operator==(const LocationFields &, const LocationFields &) = default;
};

struct Limits
{
    std::optional<qint64> minQty;
    std::optional<qint64> maxQty;
    std::optional<qint64> reorderPoint;

    friend bool operator==(const Limits &, const Limits &) = default;
};

// An edit already made, which produced version `versionAfter`. The first redo() (when the
// stack takes it) does nothing; later ones make the edit again.
class EditCommand : public QUndoCommand
{
public:
    // Makes the edit forward (redo) or back (undo) on a base version; returns the new one.
    using Step = std::function<Result<qint64>(bool forward, qint64 baseVersion)>;

    EditCommand(const QString &text, qint64 versionAfter, Step step, UndoFailed failed);

    void undo() override;
    void redo() override;

    // The steps of the two master-data edits.
    static Step productStep(MasterDataService &service,
                            const Actor &actor,
                            qint64 productId,
                            const ProductFields &before,
                            const ProductFields &after);
    static Step locationStep(MasterDataService &service,
                             const Actor &actor,
                             qint64 locationId,
                             const LocationFields &before,
                             const LocationFields &after);
    static Step thresholdStep(MasterDataService &service,
                              const Actor &actor,
                              qint64 productId,
                              qint64 warehouseId,
                              const Limits &before,
                              const Limits &after);

    // Makes a step forward on base. On a version conflict ask() chooses (a
    // ConflictDialog::Choice): keep mine makes it again on the current version; take theirs
    // fails with VersionConflict (show what is stored); cancel fails with Cancelled.
    static Result<qint64> submit(const Step &step,
                                 qint64 base,
                                 const std::function<int(const Error &)> &ask);

private:
    void make(bool forward);

    qint64 m_version;
    Step m_step;
    UndoFailed m_failed;
    bool m_made = true;
};

} // namespace Stockroom::Views
