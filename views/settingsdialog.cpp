#include "settingsdialog.h"

#include "model/services/catalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Stockroom::Views {

SettingsDialog::SettingsDialog(const Catalog &catalog,
                               const Preferences &preferences,
                               QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_language(new QComboBox(this))
    , m_warehouse(new QComboBox(this))
    , m_location(new QLineEdit(preferences.location, this))
    , m_gap(new QSpinBox(this))
    , m_minLength(new QSpinBox(this))
    , m_beep(new QCheckBox(tr("&Beep when a scan is refused"), this))
    , m_lockAfter(new QSpinBox(this))
    , m_problem(new QLabel(this))
    , m_initialLanguage(preferences.language)
{
    setWindowTitle(tr("Settings"));
    // Each language is named in itself, so anyone can find their own.
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(preferences.language)));
    m_warehouse->addItem(tr("All warehouses"), qint64(0));
    if (auto warehouses = catalog.warehouses()) {
        for (const Location &warehouse : *warehouses)
            m_warehouse->addItem(tr("%1 (%2)").arg(warehouse.name, warehouse.code), warehouse.id);
    }
    m_warehouse->setCurrentIndex(qMax(0, m_warehouse->findData(preferences.warehouseId)));
    m_location->setPlaceholderText(tr("None: scan a location label first"));
    m_gap->setRange(5, 200);
    m_gap->setSuffix(tr(" ms"));
    m_gap->setValue(preferences.scanGapMs);
    m_gap->setToolTip(tr("A scanner types faster than this between keys; people type slower."));
    m_minLength->setRange(1, 40);
    m_minLength->setValue(preferences.scanMinLength);
    m_beep->setChecked(preferences.beepOnRefusal);
    m_lockAfter->setRange(0, 240);
    m_lockAfter->setSuffix(tr(" min"));
    m_lockAfter->setSpecialValueText(tr("Never"));
    m_lockAfter->setValue(preferences.lockAfterMinutes);
    m_lockAfter->setToolTip(tr("Left this long without a key or a click, the window locks: "
                               "the same person signs in again and finds their work."));
    m_problem->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_problem->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Warehouse shown first:"), m_warehouse);
    form->addRow(tr("Scan l&ocation at start:"), m_location);
    form->addRow(tr("Scanner &gap:"), m_gap);
    form->addRow(tr("Shortest &code:"), m_minLength);
    form->addRow(QString(), m_beep);
    form->addRow(tr("Loc&k after:"), m_lockAfter);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

Preferences SettingsDialog::preferences() const
{
    return {m_language->currentData().toString(),
            m_warehouse->currentData().toLongLong(),
            m_location->text().trimmed(),
            m_gap->value(),
            m_minLength->value(),
            m_beep->isChecked(),
            m_lockAfter->value()};
}

QString SettingsDialog::problem() const
{
    return m_problem->text();
}

void SettingsDialog::accept()
{
    if (const QString code = m_location->text().trimmed(); !code.isEmpty()) {
        if (auto location = m_catalog.findLocation(code); !location) {
            m_problem->setText(location.error().message);
            m_location->setFocus();
            return;
        }
    }
    m_problem->setText(m_language->currentData().toString() != m_initialLanguage
                           ? tr("The language changes when Stockroom starts again.")
                           : QString());
    QDialog::accept();
}

} // namespace Stockroom::Views
