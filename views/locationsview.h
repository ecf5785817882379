#pragma once

// LocationsView: the managers' editor of the location tree: warehouses, zones and bins.
// Choose a location to edit its name, label barcode and archived flag, or add a zone or bin
// under it. Changes go through MasterDataService, which validates them; an edit that meets
// a newer version shows both sides; saved edits can be undone. A workstation that syncs
// edits no locations (the server's are the truth) and says so.

#include "model/domain/actor.h"
#include "model/domain/error.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;

namespace Stockroom {
class Catalog;
class MasterDataService;
struct Location;
} // namespace Stockroom

namespace Stockroom::Views {

class LocationsView : public QWidget
{
    Q_OBJECT

public:
    using AskConflict = std::function<int(const Error &error)>;

    LocationsView(const Actor &actor,
                  const Catalog &catalog,
                  MasterDataService &service,
                  QWidget *parent = nullptr);
    ~LocationsView() override;

    void setAskConflict(AskConflict ask) { m_ask = std::move(ask); }
    // Reads the tree again, keeping the current location chosen.
    void reload();
    void open(qint64 locationId);
    Status save();
    // Adds a zone (under a warehouse) or a bin (under a zone) below the current location.
    Status addChild(const QString &code, const QString &name, const QString &barcode);

    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *barcodeField() const { return m_barcode; }
    QCheckBox *archivedField() const { return m_archived; }
    QUndoStack *undoStack() const { return m_undo; }
    QString message() const;

private:
    void say(const QString &text, bool ok);
    void showLocation(const Location &location);
    void askForChild();

    Actor m_actor;
    const Catalog &m_catalog;
    MasterDataService &m_service;
    AskConflict m_ask;
    QUndoStack *m_undo;
    QTreeWidget *m_tree;
    QLabel *m_code;
    QLineEdit *m_name;
    QLineEdit *m_barcode;
    QCheckBox *m_archived;
    QLabel *m_message;
    qint64 m_locationId = 0;
    qint64 m_version = 0;
    QString m_loadedName;
    QString m_loadedBarcode;
    bool m_loadedArchived = false;
};

} // namespace Stockroom::Views
