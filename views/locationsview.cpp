#include "locationsview.h"

#include "conflictdialog.h"
#include "feedback.h"
#include "undocommands.h"

#include "model/domain/limits.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

constexpr int idRole = Qt::UserRole + 1;

QString kindName(LocationKind kind)
{
    switch (kind) {
    case LocationKind::Warehouse:
        return LocationsView::tr("Warehouse");
    case LocationKind::Zone:
        return LocationsView::tr("Zone");
    case LocationKind::Bin:
        return LocationsView::tr("Bin");
    }
    return QString();
}

} // namespace

LocationsView::LocationsView(const Actor &actor,
                             const Catalog &catalog,
                             MasterDataService &service,
                             QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_catalog(catalog)
    , m_service(service)
    , m_undo(new QUndoStack(this))
    , m_tree(new QTreeWidget(this))
    , m_code(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_barcode(new QLineEdit(this))
    , m_archived(new QCheckBox(tr("Archived: kept in the history, nothing moves there"), this))
    , m_message(new QLabel(this))
{
    m_ask = [this](const Error &error) {
        static const QHash<QString, QString> labels{{QStringLiteral("name"), tr("Name")},
                                                    {QStringLiteral("barcode"), tr("Label barcode")},
                                                    {QStringLiteral("archived"), tr("Archived")}};
        ConflictDialog dialog(error, labels, this);
        dialog.exec();
        return int(dialog.choice());
    };
    m_tree->setHeaderLabels({tr("Code"), tr("Name"), tr("Kind")});
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_name->setMaxLength(int(Stockroom::Limits::locationName));
    m_barcode->setMaxLength(int(Stockroom::Limits::barcode));
    m_barcode->setPlaceholderText(tr("The label's code; empty: the location code"));
    m_message->setWordWrap(true);
    auto *save = new QPushButton(tr("Sa&ve"), this);
    auto *add = new QPushButton(tr("&Add inside…"), this);
    auto *undo = new QPushButton(tr("&Undo"), this);
    auto *redo = new QPushButton(tr("Re&do"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("Code:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Label barcode:"), m_barcode);
    form->addRow(QString(), m_archived);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch(1);
    buttons->addWidget(undo);
    buttons->addWidget(redo);
    buttons->addWidget(save);
    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addLayout(form);
    editorLayout->addLayout(buttons);
    editorLayout->addWidget(m_message);
    editorLayout->addStretch(1);
    auto *split = new QSplitter(this);
    split->addWidget(m_tree);
    split->addWidget(editor);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        if (current)
            open(current->data(0, idRole).toLongLong());
    });
    connect(save, &QPushButton::clicked, this, [this] { this->save(); });
    connect(add, &QPushButton::clicked, this, &LocationsView::askForChild);
    connect(undo, &QPushButton::clicked, m_undo, &QUndoStack::undo);
    connect(redo, &QPushButton::clicked, m_undo, &QUndoStack::redo);
    connect(m_undo, &QUndoStack::canUndoChanged, undo, &QPushButton::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, redo, &QPushButton::setEnabled);
    connect(m_undo, &QUndoStack::indexChanged, this, [this] {
        if (m_locationId)
            open(m_locationId);
    });
    undo->setEnabled(false);
    redo->setEnabled(false);
    auto *saveKey = new QShortcut(QKeySequence::Save, this, this, [this] { this->save(); });
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    auto *undoKey = new QShortcut(QKeySequence::Undo, this, m_undo, &QUndoStack::undo);
    undoKey->setContext(Qt::WidgetWithChildrenShortcut);
    auto *redoKey = new QShortcut(QKeySequence::Redo, this, m_undo, &QUndoStack::redo);
    redoKey->setContext(Qt::WidgetWithChildrenShortcut);
    editor->setEnabled(actor.can(Permission::EditMasterData));
    reload();
}

LocationsView::~LocationsView()
{
    m_undo->disconnect(this);
}

QString LocationsView::message() const
{
    return m_message->text();
}

void LocationsView::say(const QString &text, bool ok)
{
    showOutcome(m_message, text, ok);
}

void LocationsView::reload()
{
    const qint64 current = m_locationId;
    const QSignalBlocker quiet(m_tree);
    m_tree->clear();
    auto warehouses = m_catalog.warehouses();
    if (!warehouses) {
        say(warehouses.error().message, false);
        return;
    }
    QHash<qint64, QTreeWidgetItem *> items;
    for (const Location &warehouse : std::as_const(*warehouses)) {
        auto under = m_catalog.locationsUnder(warehouse.id);
        if (!under) {
            say(under.error().message, false);
            return;
        }
        // Every item first, then each under its parent: the list is by code, and a parent
        // need not sort before its children.
        for (const Location &location : std::as_const(*under)) {
            auto *item = new QTreeWidgetItem(
                {location.code, location.name, kindName(location.kind)});
            item->setData(0, idRole, location.id);
            if (location.archived) {
                for (int column = 0; column < 3; ++column)
                    item->setForeground(column, QColor(0x6b, 0x72, 0x80));
            }
            items.insert(location.id, item);
        }
        for (const Location &location : std::as_const(*under)) {
            QTreeWidgetItem *item = items.value(location.id);
            if (QTreeWidgetItem *parent = items.value(location.parentId))
                parent->addChild(item);
            else
                m_tree->addTopLevelItem(item);
        }
    }
    m_tree->expandToDepth(0);
    if (QTreeWidgetItem *item = items.value(current)) {
        m_tree->setCurrentItem(item);
        open(current);
    }
}

void LocationsView::open(qint64 locationId)
{
    auto location = m_catalog.location(locationId);
    if (!location) {
        say(location.error().message, false);
        return;
    }
    showLocation(*location);
}

void LocationsView::showLocation(const Location &location)
{
    m_locationId = location.id;
    m_version = location.version;
    m_loadedName = location.name;
    m_loadedBarcode = location.barcode;
    m_loadedArchived = location.archived;
    m_code->setText(tr("%1 (%2)").arg(location.code, kindName(location.kind)));
    m_name->setText(location.name);
    m_barcode->setText(location.barcode);
    m_archived->setChecked(location.archived);
}

Status LocationsView::save()
{
    if (!m_locationId)
        return fail(ErrorCode::InvalidInput, tr("Choose a location first."));
    const LocationFields before{m_loadedName, m_loadedBarcode, m_loadedArchived};
    const LocationFields after{m_name->text(), m_barcode->text().trimmed(), m_archived->isChecked()};
    if (after == before) {
        say(tr("Nothing changed."), true);
        return {};
    }
    const qint64 id = m_locationId;
    auto step = EditCommand::locationStep(m_service, m_actor, id, before, after);
    auto version = EditCommand::submit(step, m_version, m_ask);
    if (!version) {
        if (version.error().code == ErrorCode::VersionConflict)
            open(id);
        say(version.error().message, version.error().code == ErrorCode::VersionConflict);
        return std::unexpected(version.error());
    }
    m_undo->push(new EditCommand(tr("edit of %1").arg(after.name),
                                 *version,
                                 std::move(step),
                                 [this](const Error &error) { say(error.message, false); }));
    reload();
    say(tr("Saved."), true);
    return {};
}

Status LocationsView::addChild(const QString &code, const QString &name, const QString &barcode)
{
    auto parent = m_catalog.location(m_locationId);
    if (!parent)
        return std::unexpected(parent.error());
    const LocationKind kind = parent->kind == LocationKind::Warehouse ? LocationKind::Zone
                                                                      : LocationKind::Bin;
    auto made = m_service.createLocation(m_actor,
                                         {parent->id,
                                          kind,
                                          code.trimmed(),
                                          name.trimmed(),
                                          barcode.trimmed()});
    if (!made) {
        say(made.error().message, false);
        return std::unexpected(made.error());
    }
    m_locationId = made->id;
    reload();
    say(tr("Added %1.").arg(made->code), true);
    return {};
}

void LocationsView::askForChild()
{
    if (!m_locationId) {
        say(tr("Choose a location first."), false);
        return;
    }
    bool ok = false;
    const QString code = QInputDialog::getText(this,
                                               tr("Add a location"),
                                               tr("Code of the new location:"),
                                               QLineEdit::Normal,
                                               QString(),
                                               &ok);
    if (!ok || code.trimmed().isEmpty())
        return;
    addChild(code, code, QString());
}

} // namespace Stockroom::Views
