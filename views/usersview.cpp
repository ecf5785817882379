#include "usersview.h"

#include "feedback.h"

#include "model/services/catalog.h"
#include "model/services/userservice.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Stockroom::Views {

UsersView::UsersView(const Actor &actor, const Catalog &catalog, UserService &users, QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_catalog(catalog)
    , m_users(users)
    , m_table(new QTableWidget(0, 4, this))
    , m_name(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_passwordAgain(new QLineEdit(this))
    , m_message(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels({tr("User name"), tr("Name"), tr("Role"), tr("Signs in")});
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    for (Role role : {Role::Clerk, Role::Manager, Role::Admin})
        m_role->addItem(displayName(role), int(role));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordAgain->setEchoMode(QLineEdit::Password);
    m_message->setWordWrap(true);
    auto *toggle = new QPushButton(tr("&Disable or enable"), this);
    auto *add = new QPushButton(tr("&Add user"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_name);
    form->addRow(tr("&Name:"), m_displayName);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Password a&gain:"), m_passwordAgain);
    form->addRow(QString(), add);
    auto *box = new QGroupBox(tr("New user"), this);
    box->setLayout(form);
    auto *right = new QVBoxLayout;
    right->addWidget(box);
    right->addWidget(toggle);
    right->addWidget(m_message);
    right->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_table, 3);
    layout->addLayout(right, 2);

    connect(add, &QPushButton::clicked, this, [this] { addUser(); });
    connect(toggle, &QPushButton::clicked, this, [this] { toggleSelected(); });
    reload();
}

QString UsersView::message() const
{
    return m_message->text();
}

void UsersView::say(const QString &text, bool ok)
{
    showOutcome(m_message, text, ok);
}

void UsersView::reload()
{
    auto users = m_catalog.users();
    if (!users) {
        say(users.error().message, false);
        return;
    }
    m_table->setRowCount(int(users->size()));
    for (int row = 0; row < users->size(); ++row) {
        const User &user = users->at(row);
        const QStringList cells{user.username,
                                user.displayName,
                                displayName(user.role),
                                user.active ? tr("yes") : tr("no (disabled)")};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, user.id);
            if (!user.active)
                item->setForeground(QColor(0x6b, 0x72, 0x80));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnToContents(0);
}

Status UsersView::addUser()
{
    if (m_password->text() != m_passwordAgain->text()) {
        say(tr("The two passwords differ."), false);
        m_passwordAgain->clear();
        return fail(ErrorCode::InvalidInput, m_message->text());
    }
    auto user = m_users.createUser(m_actor,
                                   {m_name->text(),
                                    m_displayName->text(),
                                    Role(m_role->currentData().toInt()),
                                    m_password->text()});
    if (!user) {
        say(user.error().message, false);
        return std::unexpected(user.error());
    }
    for (QLineEdit *field : {m_name, m_displayName, m_password, m_passwordAgain})
        field->clear();
    reload();
    say(tr("%1 can sign in now.").arg(user->username), true);
    return {};
}

Status UsersView::toggleSelected()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty()) {
        say(tr("Choose a user first."), false);
        return fail(ErrorCode::InvalidInput, m_message->text());
    }
    const qint64 id = selected.first()->data(Qt::UserRole).toLongLong();
    auto current = m_catalog.user(id);
    if (!current) {
        say(current.error().message, false);
        return std::unexpected(current.error());
    }
    auto changed = m_users.setActive(m_actor, id, !current->active);
    if (!changed) {
        say(changed.error().message, false);
        return std::unexpected(changed.error());
    }
    reload();
    say(changed->active ? tr("%1 can sign in again.").arg(changed->username)
                        : tr("%1 can no longer sign in.").arg(changed->username),
        true);
    return {};
}

} // namespace Stockroom::Views
