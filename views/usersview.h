#pragma once

// UsersView: the admins' list of users, with their roles and whether they may sign in, a
// form to add one (the password typed twice), and Disable / Enable. UserService checks the
// role and the rules; on a workstation that syncs, users are managed on the server and
// the view says so.

#include "model/domain/actor.h"
#include "model/domain/error.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace Stockroom {
class Catalog;
class UserService;
} // namespace Stockroom

namespace Stockroom::Views {

class UsersView : public QWidget
{
    Q_OBJECT

public:
    UsersView(const Actor &actor,
              const Catalog &catalog,
              UserService &users,
              QWidget *parent = nullptr);

    void reload();
    Status addUser();
    // Disables the selected user, or enables them when disabled.
    Status toggleSelected();

    QTableWidget *table() const { return m_table; }
    QLineEdit *nameField() const { return m_name; }
    QComboBox *roleField() const { return m_role; }
    QLineEdit *passwordField() const { return m_password; }
    QLineEdit *passwordAgainField() const { return m_passwordAgain; }
    QString message() const;

private:
    void say(const QString &text, bool ok);

    Actor m_actor;
    const Catalog &m_catalog;
    UserService &m_users;
    QTableWidget *m_table;
    QLineEdit *m_name;
    QLineEdit *m_displayName;
    QComboBox *m_role;
    QLineEdit *m_password;
    QLineEdit *m_passwordAgain;
    QLabel *m_message;
};

} // namespace Stockroom::Views
