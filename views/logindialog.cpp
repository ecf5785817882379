#include "logindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Stockroom::Views {

LoginDialog::LoginDialog(Authenticate authenticate, QWidget *parent)
    : QDialog(parent)
    , m_authenticate(std::move(authenticate))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Sign in to Stockroom"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_message->setWordWrap(true);
    m_message->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

QString LoginDialog::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void LoginDialog::accept()
{
    auto actor = m_authenticate(m_user->text().trimmed(), m_password->text());
    if (!actor) {
        m_message->setText(actor.error().message);
        m_message->show();
        m_password->clear();
        m_password->setFocus();
        return;
    }
    m_actor = *actor;
    QDialog::accept();
}

} // namespace Stockroom::Views
