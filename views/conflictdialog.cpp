#include "conflictdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

QString shown(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return ConflictDialog::tr("(none)");
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? ConflictDialog::tr("yes") : ConflictDialog::tr("no");
    return value.toString();
}

} // namespace

ConflictDialog::ConflictDialog(const Error &error,
                               const QHash<QString, QString> &labels,
                               QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Changed by someone else"));
    auto *message = new QLabel(error.message, this);
    message->setWordWrap(true);
    const Conflict conflict = error.conflict.value_or(Conflict{});
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Your value"), tr("Stored now")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setRowCount(int(conflict.mine.size()));
    int row = 0;
    for (auto it = conflict.mine.cbegin(); it != conflict.mine.cend(); ++it, ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(labels.value(it.key(), it.key())));
        m_table->setItem(row, 1, new QTableWidgetItem(shown(it.value())));
        m_table->setItem(row, 2, new QTableWidgetItem(shown(conflict.theirs.value(it.key()))));
        if (shown(it.value()) != shown(conflict.theirs.value(it.key()))) {
            for (int column = 1; column < 3; ++column) {
                QFont font = m_table->item(row, column)->font();
                font.setBold(true);
                m_table->item(row, column)->setFont(font);
            }
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *mine = buttons->addButton(tr("Keep &mine"), QDialogButtonBox::ActionRole);
    QPushButton *theirs = buttons->addButton(tr("Take &theirs"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(mine, &QPushButton::clicked, this, [this] { choose(KeepMine); });
    connect(theirs, &QPushButton::clicked, this, [this] { choose(TakeTheirs); });
    connect(buttons, &QDialogButtonBox::rejected, this, [this] { choose(Cancel); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 300);
}

void ConflictDialog::choose(Choice choice)
{
    m_choice = choice;
    if (choice == Cancel)
        reject();
    else
        accept();
}

} // namespace Stockroom::Views
