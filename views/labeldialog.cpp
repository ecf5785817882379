#include "labeldialog.h"

#include "feedback.h"

#include "model/domain/limits.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Stockroom::Views {

LabelDialog::LabelDialog(const Product &product, QDate today, QWidget *parent)
    : QDialog(parent)
    , m_product(product)
    , m_copies(new QSpinBox(this))
    , m_lot(new QLineEdit(this))
    , m_expires(new QCheckBox(tr("E&xpires on:"), this))
    , m_expiry(new QDateEdit(today.addYears(1), this))
    , m_count(new QSpinBox(this))
    , m_preview(new QLabel(this))
    , m_message(new QLabel(this))
    , m_pdf(new QPushButton(tr("Save &PDF…"), this))
    , m_print(new QPushButton(tr("P&rint…"), this))
{
    setWindowTitle(tr("Labels for %1").arg(product.sku));
    m_copies->setRange(1, 240);
    m_lot->setMaxLength(int(Limits::lotCode));
    m_lot->setPlaceholderText(tr("Only for a GS1 label"));
    m_expiry->setCalendarPopup(true);
    m_expiry->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_expiry->setEnabled(false);
    m_count->setRange(0, 99'999'999);
    m_count->setSpecialValueText(tr("none"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(420, 220);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b91c1c;"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Copies:"), m_copies);
    form->addRow(tr("&Lot:"), m_lot);
    form->addRow(m_expires, m_expiry);
    form->addRow(tr("C&ount on the label:"), m_count);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_pdf, QDialogButtonBox::ActionRole);
    buttons->addButton(m_print, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    connect(m_expires, &QCheckBox::toggled, this, &LabelDialog::preview);
    connect(m_expiry, &QDateEdit::dateChanged, this, &LabelDialog::preview);
    connect(m_lot, &QLineEdit::textChanged, this, &LabelDialog::preview);
    connect(m_count, &QSpinBox::valueChanged, this, &LabelDialog::preview);
    connect(m_pdf, &QPushButton::clicked, this, &LabelDialog::choosePdf);
    connect(m_print, &QPushButton::clicked, this, &LabelDialog::print);
    preview();
}

QString LabelDialog::message() const
{
    return m_message->text();
}

Result<QList<Label>> LabelDialog::labels() const
{
    auto label = LabelSheet::forProduct(m_product,
                                        m_lot->text(),
                                        m_expires->isChecked() ? m_expiry->date() : QDate(),
                                        m_count->value() > 0
                                            ? std::optional<qint64>(m_count->value())
                                            : std::nullopt);
    if (!label)
        return std::unexpected(label.error());
    return QList<Label>(m_copies->value(), *label);
}

void LabelDialog::preview()
{
    auto made = labels();
    auto image = made ? LabelSheet::image(made->first(), QSize(420, 220))
                      : Result<QImage>(std::unexpected(made.error()));
    m_pdf->setEnabled(bool(image));
    m_print->setEnabled(bool(image));
    if (!image) {
        m_preview->setPixmap({});
        m_message->setText(image.error().message);
        return;
    }
    m_preview->setPixmap(QPixmap::fromImage(*image));
    m_message->clear();
}

Status LabelDialog::savePdf(const QString &path)
{
    auto made = labels();
    Status done = made ? LabelSheet::writePdf(path, *made) : Status(std::unexpected(made.error()));
    showOutcome(m_message, done ? tr("Saved %1.").arg(path) : done.error().message, bool(done));
    return done;
}

void LabelDialog::choosePdf()
{
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Save the labels as PDF"),
                                                      tr("labels-%1.pdf").arg(m_product.sku),
                                                      tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        savePdf(path);
}

void LabelDialog::print()
{
    auto made = labels();
    if (!made)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setFullPage(true);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Status done = LabelSheet::paint(printer, *made);
    m_message->setText(done ? tr("Sent to %1.").arg(printer.printerName()) : done.error().message);
}

} // namespace Stockroom::Views
