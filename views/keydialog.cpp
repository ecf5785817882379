#include "keydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Stockroom::Views {

KeyDialog::KeyDialog(const QString &databasePath, const QString &problem, QWidget *parent)
    : QDialog(parent)
    , m_key(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember it in the system key store"), this))
{
    setWindowTitle(tr("Open the stock database"));
    auto *what = new QLabel(tr("The key of %1:").arg(QFileInfo(databasePath).fileName()), this);
    what->setToolTip(databasePath);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setMinimumWidth(320);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Open)->setEnabled(false);
    connect(m_key, &QLineEdit::textChanged, this, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Open)->setEnabled(!text.isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    if (!problem.isEmpty()) {
        auto *said = new QLabel(problem, this);
        said->setWordWrap(true);
        said->setStyleSheet(QStringLiteral("color: #b91c1c; font-weight: bold;"));
        layout->addWidget(said);
    }
    layout->addWidget(what);
    layout->addWidget(m_key);
    layout->addWidget(m_remember);
    layout->addWidget(buttons);
}

QString KeyDialog::key() const
{
    return m_key->text();
}

bool KeyDialog::remember() const
{
    return m_remember->isChecked();
}

} // namespace Stockroom::Views
