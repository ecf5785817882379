#include "productsview.h"

#include "conflictdialog.h"
#include "feedback.h"
#include "labeldialog.h"

#include "model/domain/limits.h"
#include "model/itemmodels/productmodel.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

// A limit box: -1 shows as "none", so an empty limit can be chosen with the keyboard.
QSpinBox *limitBox(QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(-1, 1'000'000'000);
    box->setSpecialValueText(ProductsView::tr("none"));
    box->setValue(-1);
    box->setGroupSeparatorShown(true);
    return box;
}

std::optional<qint64> limitOf(const QSpinBox *box)
{
    return box->value() < 0 ? std::nullopt : std::optional<qint64>(box->value());
}

const QHash<QString, QString> &fieldLabels()
{
    static const QHash<QString, QString> labels{
        {QStringLiteral("name"), ProductsView::tr("Name")},
        {QStringLiteral("local_name"), ProductsView::tr("Local name")},
        {QStringLiteral("unit"), ProductsView::tr("Unit")},
        {QStringLiteral("archived"), ProductsView::tr("Archived")},
        {QStringLiteral("min_qty"), ProductsView::tr("Min")},
        {QStringLiteral("max_qty"), ProductsView::tr("Max")},
        {QStringLiteral("reorder_point"), ProductsView::tr("Reorder point")},
    };
    return labels;
}

} // namespace

ProductsView::ProductsView(const Actor &actor,
                           const Catalog &catalog,
                           ProductModel &model,
                           MasterDataService &service,
                           const Clock &clock,
                           QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_catalog(catalog)
    , m_model(model)
    , m_service(service)
    , m_clock(clock)
    , m_undo(new QUndoStack(this))
    , m_editor(new QWidget(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_sku(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_localName(new QLineEdit(this))
    , m_unit(new QLineEdit(this))
    , m_archived(new QCheckBox(tr("Archived: kept in the history, no longer offered"), this))
    , m_barcodes(new QLabel(this))
    , m_newBarcode(new QLineEdit(this))
    , m_min(limitBox(this))
    , m_max(limitBox(this))
    , m_reorder(limitBox(this))
    , m_thresholdWarehouse(new QComboBox(this))
    , m_message(new QLabel(this))
{
    m_ask = [this](const Error &error) {
        ConflictDialog dialog(error, fieldLabels(), this);
        dialog.exec();
        return int(dialog.choice());
    };
    m_filter->setPlaceholderText(tr("Find a product: SKU, name or barcode"));
    m_filter->setClearButtonEnabled(true);
    m_table->setModel(&model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // The list finds a product; the form shows the rest. Three columns stay readable.
    for (int column : {ProductModel::LocalName, ProductModel::LotTracked, ProductModel::Barcodes})
        m_table->hideColumn(column);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(ProductModel::Sku,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ProductModel::Unit,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ProductModel::Name, QHeaderView::Stretch);
    m_sku->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_barcodes->setWordWrap(true);
    m_barcodes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_newBarcode->setPlaceholderText(tr("Scan or type a barcode to link"));
    m_name->setMaxLength(int(Stockroom::Limits::productName));
    m_localName->setMaxLength(int(Stockroom::Limits::productName));
    m_unit->setMaxLength(int(Stockroom::Limits::unit));
    m_newBarcode->setMaxLength(int(Stockroom::Limits::barcode));
    m_message->setWordWrap(true);
    m_thresholdWarehouse->addItem(tr("All warehouses together"), qint64(0));
    if (auto warehouses = m_catalog.warehouses()) {
        for (const Location &warehouse : *warehouses)
            m_thresholdWarehouse->addItem(tr("%1 (%2)").arg(warehouse.name, warehouse.code),
                                          warehouse.id);
    }

    auto *save = new QPushButton(tr("Sa&ve"), this);
    auto *revert = new QPushButton(tr("Rever&t"), this);
    auto *link = new QPushButton(tr("&Link barcode"), this);
    auto *labels = new QPushButton(tr("Print la&bels…"), this);
    auto *saveLimits = new QPushButton(tr("Save t&hresholds"), this);
    auto *undo = new QPushButton(tr("&Undo"), this);
    auto *redo = new QPushButton(tr("Re&do"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("SKU:"), m_sku);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("L&ocal name:"), m_localName);
    form->addRow(tr("Un&it:"), m_unit);
    form->addRow(QString(), m_archived);
    auto *formButtons = new QHBoxLayout;
    formButtons->addWidget(labels);
    formButtons->addStretch(1);
    formButtons->addWidget(revert);
    formButtons->addWidget(save);
    form->addRow(formButtons);
    form->addRow(tr("Barcodes:"), m_barcodes);
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_newBarcode, 1);
    linkRow->addWidget(link);
    form->addRow(QString(), linkRow);

    auto *limits = new QGroupBox(tr("Thresholds"), this);
    auto *limitForm = new QFormLayout(limits);
    limitForm->addRow(tr("&Warehouse:"), m_thresholdWarehouse);
    limitForm->addRow(tr("&Min:"), m_min);
    limitForm->addRow(tr("Ma&x:"), m_max);
    limitForm->addRow(tr("&Reorder point:"), m_reorder);
    limitForm->addRow(QString(), saveLimits);

    auto *history = new QHBoxLayout;
    history->addWidget(undo);
    history->addWidget(redo);
    history->addStretch(1);

    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->addLayout(form);
    editorLayout->addWidget(limits);
    editorLayout->addLayout(history);
    editorLayout->addWidget(m_message);
    editorLayout->addStretch(1);

    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_table, 1);

    auto *split = new QSplitter(this);
    split->addWidget(list);
    split->addWidget(m_editor);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    const bool mayEdit = actor.can(Permission::EditMasterData);
    m_editor->setEnabled(false); // until a product is chosen
    connect(m_filter, &QLineEdit::textChanged, &m_model, [this](const QString &text) {
        m_model.setFilter(text, true);
    });
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    open(current.data(ProductModel::ProductIdRole).toLongLong());
            });
    connect(save, &QPushButton::clicked, this, [this] { this->save(); });
    connect(revert, &QPushButton::clicked, this, [this] { open(m_productId); });
    connect(link, &QPushButton::clicked, this, [this] { linkBarcode(m_newBarcode->text()); });
    connect(m_newBarcode, &QLineEdit::returnPressed, this, [this] {
        linkBarcode(m_newBarcode->text());
    });
    connect(saveLimits, &QPushButton::clicked, this, [this] { saveThresholds(); });
    connect(labels, &QPushButton::clicked, this, [this] {
        auto product = m_catalog.product(m_productId);
        if (!product) {
            failed(product.error());
            return;
        }
        LabelDialog(*product, m_clock.today(), this).exec();
    });
    connect(m_thresholdWarehouse,
            &QComboBox::currentIndexChanged,
            this,
            &ProductsView::loadThresholds);
    connect(undo, &QPushButton::clicked, m_undo, &QUndoStack::undo);
    connect(redo, &QPushButton::clicked, m_undo, &QUndoStack::redo);
    connect(m_undo, &QUndoStack::canUndoChanged, undo, &QPushButton::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, redo, &QPushButton::setEnabled);
    undo->setEnabled(false);
    redo->setEnabled(false);
    auto *saveKey = new QShortcut(QKeySequence::Save, this, this, [this] { this->save(); });
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    save->setToolTip(saveKey->key().toString(QKeySequence::NativeText));
    auto *undoKey = new QShortcut(QKeySequence::Undo, this, m_undo, &QUndoStack::undo);
    undoKey->setContext(Qt::WidgetWithChildrenShortcut);
    auto *redoKey = new QShortcut(QKeySequence::Redo, this, m_undo, &QUndoStack::redo);
    redoKey->setContext(Qt::WidgetWithChildrenShortcut);
    // After an undo or a redo the form shows what is stored now.
    connect(m_undo, &QUndoStack::indexChanged, this, [this] {
        if (m_productId)
            open(m_productId);
    });
    if (!mayEdit)
        say(tr("A manager edits products."), false);
    m_table->setEnabled(mayEdit);
}

ProductsView::~ProductsView()
{
    m_undo->disconnect(this);
}

QString ProductsView::message() const
{
    return m_message->text();
}

void ProductsView::say(const QString &text, bool ok)
{
    showOutcome(m_message, text, ok);
}

void ProductsView::failed(const Error &error)
{
    say(error.message, false);
}

void ProductsView::open(qint64 productId)
{
    auto product = m_catalog.product(productId);
    if (!product) {
        failed(product.error());
        return;
    }
    showProduct(*product);
}

void ProductsView::showProduct(const Product &product)
{
    m_productId = product.id;
    m_version = product.version;
    m_loaded = {product.name, product.localName, product.unit, product.archived};
    m_sku->setText(product.sku);
    m_name->setText(product.name);
    m_localName->setText(product.localName);
    m_unit->setText(product.unit);
    m_archived->setChecked(product.archived);
    QStringList codes;
    for (const Barcode &barcode : product.barcodes)
        codes.append(barcode.code);
    m_barcodes->setText(codes.isEmpty() ? tr("(none)") : codes.join(QStringLiteral(", ")));
    m_editor->setEnabled(m_actor.can(Permission::EditMasterData));
    loadThresholds();
}

void ProductsView::loadThresholds()
{
    if (!m_productId)
        return;
    const qint64 warehouse = m_thresholdWarehouse->currentData().toLongLong();
    auto threshold = m_catalog.threshold(m_productId, warehouse);
    if (!threshold) {
        failed(threshold.error());
        return;
    }
    const Threshold t = threshold->value_or(Threshold{});
    m_thresholdVersion = t.version;
    m_loadedLimits = {t.minQty, t.maxQty, t.reorderPoint};
    m_min->setValue(int(t.minQty.value_or(-1)));
    m_max->setValue(int(t.maxQty.value_or(-1)));
    m_reorder->setValue(int(t.reorderPoint.value_or(-1)));
}

Result<qint64> ProductsView::submit(const EditCommand::Step &step,
                                    qint64 base,
                                    const std::function<void()> &showStored)
{
    auto version = EditCommand::submit(step, base, m_ask);
    if (!version) {
        if (version.error().code == ErrorCode::VersionConflict)
            showStored();
        say(version.error().message, version.error().code == ErrorCode::VersionConflict);
    }
    return version;
}

Status ProductsView::save()
{
    if (!m_productId)
        return fail(ErrorCode::InvalidInput, tr("Choose a product first."));
    const ProductFields before = m_loaded;
    const ProductFields after{m_name->text(),
                              m_localName->text(),
                              m_unit->text(),
                              m_archived->isChecked()};
    if (after == before) {
        say(tr("Nothing changed."), true);
        return {};
    }
    const qint64 id = m_productId;
    auto step = EditCommand::productStep(m_service, m_actor, id, before, after);
    auto version = submit(step, m_version, [this, id] { open(id); });
    if (!version)
        return std::unexpected(version.error());
    m_undo->push(new EditCommand(tr("edit of %1").arg(after.name),
                                 *version,
                                 std::move(step),
                                 [this](const Error &error) { failed(error); }));
    open(id);
    say(tr("Saved %1.").arg(m_sku->text()), true);
    return {};
}

Status ProductsView::saveThresholds()
{
    if (!m_productId)
        return fail(ErrorCode::InvalidInput, tr("Choose a product first."));
    const qint64 warehouse = m_thresholdWarehouse->currentData().toLongLong();
    const Limits before = m_loadedLimits;
    const Limits after{limitOf(m_min), limitOf(m_max), limitOf(m_reorder)};
    if (after == before) {
        say(tr("Nothing changed."), true);
        return {};
    }
    auto step = EditCommand::thresholdStep(m_service, m_actor, m_productId, warehouse, before, after);
    auto version = submit(step, m_thresholdVersion, [this] { loadThresholds(); });
    if (!version)
        return std::unexpected(version.error());
    m_undo->push(new EditCommand(tr("change of thresholds"),
                                 *version,
                                 std::move(step),
                                 [this](const Error &error) { failed(error); }));
    loadThresholds();
    say(tr("Thresholds saved."), true);
    return {};
}

Status ProductsView::linkBarcode(const QString &code)
{
    if (!m_productId)
        return fail(ErrorCode::InvalidInput, tr("Choose a product first."));
    auto done = m_service.addBarcode(m_actor, {m_productId, code});
    if (!done) {
        failed(done.error());
        return std::unexpected(done.error());
    }
    m_newBarcode->clear();
    showProduct(*done);
    say(tr("Barcode %1 now belongs to %2.").arg(code.trimmed(), done->name), true);
    return {};
}

} // namespace Stockroom::Views
