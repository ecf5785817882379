#include "newdatabasedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Stockroom::Views {

NewDatabaseDialog::NewDatabaseDialog(const QString &path, Create create, QWidget *parent)
    : QDialog(parent)
    , m_create(std::move(create))
    , m_key(new QLineEdit(this))
    , m_keyAgain(new QLineEdit(this))
    , m_admin(new QLineEdit(QStringLiteral("admin"), this))
    , m_password(new QLineEdit(this))
    , m_passwordAgain(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the key in the system key store"), this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Create a stock database"));
    auto *intro = new QLabel(tr("%1 will be encrypted with its key. Without the key nobody, "
                                "not even you, can open it: keep it safe.")
                                 .arg(QFileInfo(path).fileName()),
                             this);
    intro->setWordWrap(true);
    for (QLineEdit *secret : {m_key, m_keyAgain, m_password, m_passwordAgain})
        secret->setEchoMode(QLineEdit::Password);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b91c1c; font-weight: bold;"));
    auto *form = new QFormLayout;
    form->addRow(tr("Database &key:"), m_key);
    form->addRow(tr("The key &again:"), m_keyAgain);
    form->addRow(QString(), m_remember);
    form->addRow(tr("First admin's &user name:"), m_admin);
    form->addRow(tr("Admin's &password:"), m_password);
    form->addRow(tr("The password a&gain:"), m_passwordAgain);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewDatabaseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

QString NewDatabaseDialog::problem() const
{
    return m_problem->text();
}

NewDatabaseAnswers NewDatabaseDialog::answers() const
{
    return {m_key->text(), m_admin->text().trimmed(), m_password->text(), m_remember->isChecked()};
}

void NewDatabaseDialog::accept()
{
    if (m_key->text().isEmpty()) {
        m_problem->setText(tr("Choose a key for the database."));
        return;
    }
    if (m_key->text() != m_keyAgain->text()) {
        m_problem->setText(tr("The two keys differ."));
        m_keyAgain->clear();
        return;
    }
    if (m_password->text() != m_passwordAgain->text()) {
        m_problem->setText(tr("The two passwords differ."));
        m_passwordAgain->clear();
        return;
    }
    if (auto created = m_create(answers()); !created) {
        m_problem->setText(created.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace Stockroom::Views
