#pragma once

// NewDatabaseDialog: the first start of a workstation without a database: its key (typed
// twice, never shown), the first admin's name and password (twice), and whether to keep
// the key in the system key store. Creating is the caller's function; the dialog stays
// open with the reason when it fails.

#include "model/domain/error.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Stockroom::Views {

struct NewDatabaseAnswers
{
    QString key;
    QString adminName;
    QString adminPassword;
    bool rememberKey = false;
};

class NewDatabaseDialog : public QDialog
{
    Q_OBJECT

public:
    using Create = std::function<Status(const NewDatabaseAnswers &answers)>;

    NewDatabaseDialog(const QString &path, Create create, QWidget *parent = nullptr);

    QLineEdit *keyField() const { return m_key; }
    QLineEdit *keyAgainField() const { return m_keyAgain; }
    QLineEdit *adminField() const { return m_admin; }
    QLineEdit *passwordField() const { return m_password; }
    QLineEdit *passwordAgainField() const { return m_passwordAgain; }
    QString problem() const;
    NewDatabaseAnswers answers() const;

    void accept() override;

private:
    Create m_create;
    QLineEdit *m_key;
    QLineEdit *m_keyAgain;
    QLineEdit *m_admin;
    QLineEdit *m_password;
    QLineEdit *m_passwordAgain;
    QCheckBox *m_remember;
    QLabel *m_problem;
};

} // namespace Stockroom::Views
