#include "undocommands.h"

#include "conflictdialog.h"

#include "model/services/masterdataservice.h"

namespace Stockroom::Views {

EditCommand::EditCommand(const QString &text, qint64 versionAfter, Step step, UndoFailed failed)
    : m_version(versionAfter)
    , m_step(std::move(step))
    , m_failed(std::move(failed))
{
    setText(text);
}

void EditCommand::undo()
{
    make(false);
}

void EditCommand::redo()
{
    if (m_made) {
        m_made = false; // pushed after the edit itself was made
        return;
    }
    make(true);
}

void EditCommand::make(bool forward)
{
    auto version = m_step(forward, m_version);
    if (!version) {
        setObsolete(true);
        m_failed(version.error());
        return;
    }
    m_version = *version;
}

EditCommand::Step EditCommand::productStep(MasterDataService &service,
                                           const Actor &actor,
                                           qint64 productId,
                                           const ProductFields &before,
                                           const ProductFields &after)
{
    return [&service, actor, productId, before, after](bool forward, qint64 base) -> Result<qint64> {
        const ProductFields &fields = forward ? after : before;
        auto done = service.editProduct(
            actor, {productId, base, fields.name, fields.localName, fields.unit, fields.archived});
        if (!done)
            return std::unexpected(done.error());
        return done->version;
    };
}

EditCommand::Step EditCommand::thresholdStep(MasterDataService &service,
                                             const Actor &actor,
                                             qint64 productId,
                                             qint64 warehouseId,
                                             const Limits &before,
                                             const Limits &after)
{
    return [&service, actor, productId, warehouseId, before, after](bool forward,
                                                                    qint64 base) -> Result<qint64> {
        const Limits &limits = forward ? after : before;
        auto done = service.setThreshold(actor,
                                         {productId,
                                          warehouseId,
                                          base,
                                          limits.minQty,
                                          limits.maxQty,
                                          limits.reorderPoint});
        if (!done)
            return std::unexpected(done.error());
        return done->version;
    };
}

EditCommand::Step EditCommand::locationStep(MasterDataService &service,
                                            const Actor &actor,
                                            qint64 locationId,
                                            const LocationFields &before,
                                            const LocationFields &after)
{
    return [&service, actor, locationId, before, after](bool forward,
                                                        qint64 base) -> Result<qint64> {
        const LocationFields &fields = forward ? after : before;
        auto done
            = service.editLocation(actor,
                                   {locationId, base, fields.name, fields.barcode, fields.archived});
        if (!done)
            return std::unexpected(done.error());
        return done->version;
    };
}

Result<qint64> EditCommand::submit(const Step &step,
                                   qint64 base,
                                   const std::function<int(const Error &)> &ask)
{
    auto version = step(true, base);
    if (version || version.error().code != ErrorCode::VersionConflict)
        return version;
    const Error conflict = version.error();
    switch (ask(conflict)) {
    case ConflictDialog::KeepMine:
        return step(true, conflict.conflict->currentVersion);
    case ConflictDialog::TakeTheirs:
        return fail(ErrorCode::VersionConflict,
                    ConflictDialog::tr("What is stored now is shown; your values were not saved."));
    default:
        return fail(ErrorCode::Cancelled, ConflictDialog::tr("Not saved: %1").arg(conflict.message));
    }
}

} // namespace Stockroom::Views
