#pragma once

// LabelDialog: labels for one product: how many, and for a GS1-128 label its lot, expiry
// and count. A preview shows the label as it will print, or why it cannot; the labels go
// to a PDF or straight to a printer.

#include "labelsheet.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Stockroom::Views {

class LabelDialog : public QDialog
{
    Q_OBJECT

public:
    // A lot's expiry starts a year after today.
    LabelDialog(const Product &product, QDate today, QWidget *parent = nullptr);

    // The labels the fields ask for, or why there are none.
    Result<QList<Label>> labels() const;
    Status savePdf(const QString &path);

    QSpinBox *copiesField() const { return m_copies; }
    QLineEdit *lotField() const { return m_lot; }
    QCheckBox *expiresField() const { return m_expires; }
    QDateEdit *expiryField() const { return m_expiry; }
    QSpinBox *countField() const { return m_count; }
    QString message() const;

private:
    void preview();
    void choosePdf();
    void print();

    Product m_product;
    QSpinBox *m_copies;
    QLineEdit *m_lot;
    QCheckBox *m_expires;
    QDateEdit *m_expiry;
    QSpinBox *m_count;
    QLabel *m_preview;
    QLabel *m_message;
    QPushButton *m_pdf;
    QPushButton *m_print;
};

} // namespace Stockroom::Views
