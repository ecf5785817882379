#pragma once

// ConflictDialog: shown when an edit meets a newer version. It lists each field the user
// changed with both sides, the value the user meant and the value stored now, and lets
// the user choose: keep mine (written as a new edit on the current version) or take
// theirs (the form shows what is stored). Nothing is overwritten without this choice.

#include "model/domain/error.h"

#include <QDialog>

class QTableWidget;

namespace Stockroom::Views {

class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum Choice { Cancel, KeepMine, TakeTheirs };

    // labels names the fields for people ("name" -> "Name"); a field not in it shows as is.
    ConflictDialog(const Error &error,
                   const QHash<QString, QString> &labels,
                   QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QTableWidget *table() const { return m_table; }

    void choose(Choice choice);

private:
    QTableWidget *m_table;
    Choice m_choice = Cancel;
};

} // namespace Stockroom::Views
