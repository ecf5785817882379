#pragma once

// ProductsView: the managers' product editor. A list to find a product (filter as you
// type), a form for its fields, its barcodes with "Link barcode", and its min, max and
// reorder point per warehouse. Every change goes through MasterDataService, which
// validates it; an edit that meets a newer version opens the ConflictDialog; saved
// edits can be undone and redone (Ctrl+Z, Ctrl+Shift+Z).

#include "model/domain/actor.h"
#include "model/domain/clock.h"
#include "model/domain/error.h"
#include "undocommands.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QUndoStack;

namespace Stockroom {
class Catalog;
class MasterDataService;
class ProductModel;
struct Product;
} // namespace Stockroom

namespace Stockroom::Views {

class ProductsView : public QWidget
{
    Q_OBJECT

public:
    // How a conflict is settled; the default asks with a ConflictDialog. Tests answer it.
    using AskConflict = std::function<int(const Error &error)>;

    ProductsView(const Actor &actor,
                 const Catalog &catalog,
                 ProductModel &model,
                 MasterDataService &service,
                 const Clock &clock,
                 QWidget *parent = nullptr);
    // The undo stack announces its own clearing; the form must not hear it half-destroyed.
    ~ProductsView() override;

    void setAskConflict(AskConflict ask) { m_ask = std::move(ask); }

    // Opens a product in the form (as selecting it in the list does).
    void open(qint64 productId);
    qint64 currentProduct() const { return m_productId; }
    Status save();
    Status saveThresholds();
    Status linkBarcode(const QString &code);

    QLineEdit *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *localNameField() const { return m_localName; }
    QLineEdit *unitField() const { return m_unit; }
    QCheckBox *archivedField() const { return m_archived; }
    QSpinBox *minField() const { return m_min; }
    QSpinBox *maxField() const { return m_max; }
    QSpinBox *reorderField() const { return m_reorder; }
    QUndoStack *undoStack() const { return m_undo; }
    QString message() const;

private:
    void showProduct(const Product &product);
    void loadThresholds();
    void say(const QString &text, bool ok);
    void failed(const Error &error);
    // Makes an edit; on a version conflict asks whose values to keep. The new version.
    Result<qint64> submit(const EditCommand::Step &step,
                          qint64 base,
                          const std::function<void()> &showStored);

    Actor m_actor;
    const Catalog &m_catalog;
    ProductModel &m_model;
    MasterDataService &m_service;
    const Clock &m_clock;
    AskConflict m_ask;
    QUndoStack *m_undo;
    QWidget *m_editor;
    QLineEdit *m_filter;
    QTableView *m_table;
    QLabel *m_sku;
    QLineEdit *m_name;
    QLineEdit *m_localName;
    QLineEdit *m_unit;
    QCheckBox *m_archived;
    QLabel *m_barcodes;
    QLineEdit *m_newBarcode;
    QSpinBox *m_min;
    QSpinBox *m_max;
    QSpinBox *m_reorder;
    QComboBox *m_thresholdWarehouse;
    QLabel *m_message;
    qint64 m_productId = 0;
    qint64 m_version = 0;
    qint64 m_thresholdVersion = 0;
    ProductFields m_loaded;
    Limits m_loadedLimits;
};

} // namespace Stockroom::Views
