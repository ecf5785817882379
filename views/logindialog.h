#pragma once

// LoginDialog: a user name and a password, checked by the function it is given (the
// model's UserService::authenticate), until they are right or the person gives up. A
// refusal is shown in the dialog and never says whether the name exists.

#include "model/domain/actor.h"
#include "model/domain/error.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;

namespace Stockroom::Views {

class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    using Authenticate = std::function<Result<Actor>(const QString &, const QString &)>;

    explicit LoginDialog(Authenticate authenticate, QWidget *parent = nullptr);

    Actor actor() const { return m_actor; }
    QLineEdit *userField() const { return m_user; }
    QLineEdit *passwordField() const { return m_password; }
    QString message() const;

    void accept() override;

private:
    Authenticate m_authenticate;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_message;
    Actor m_actor;
};

} // namespace Stockroom::Views
