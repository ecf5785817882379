#pragma once

// KeyDialog: asks for a database's key as a passphrase (never echoed), says why when a key
// was wrong, and offers to keep it in the system key store so that this workstation opens
// without it next time.

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Stockroom::Views {

class KeyDialog : public QDialog
{
    Q_OBJECT

public:
    // problem: why the key is asked again (a wrong key), or empty.
    KeyDialog(const QString &databasePath, const QString &problem, QWidget *parent = nullptr);

    QString key() const;
    bool remember() const;
    QLineEdit *keyField() const { return m_key; }
    QCheckBox *rememberField() const { return m_remember; }

private:
    QLineEdit *m_key;
    QCheckBox *m_remember;
};

} // namespace Stockroom::Views
