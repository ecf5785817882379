#include "labelsheet.h"

#include "model/domain/gs1.h"
#include "model/io/savedfile.h"

#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

#include <zint.h>

#include <memory>

namespace Stockroom::Views {

namespace {

constexpr int columns = 3;
constexpr int rows = 8;
constexpr double labelWidthMm = 70;
constexpr double labelHeightMm = 37;

struct SymbolDeleter
{
    void operator()(zint_symbol *symbol) const { ZBarcode_Delete(symbol); }
};
using Symbol = std::unique_ptr<zint_symbol, SymbolDeleter>;

// The label's code as zint's vectors.
Result<Symbol> encode(const Label &label)
{
    Symbol symbol(ZBarcode_Create());
    if (!symbol)
        return fail(ErrorCode::Io, LabelSheet::tr("The barcode library could not start."));
    switch (label.code) {
    case Label::Code::Ean13:
        symbol->symbology = BARCODE_EANX;
        break;
    case Label::Code::Code128:
        symbol->symbology = BARCODE_CODE128;
        break;
    case Label::Code::Gs1_128:
        symbol->symbology = BARCODE_GS1_128;
        symbol->input_mode = GS1_MODE | GS1PARENS_MODE;
        break;
    }
    symbol->show_hrt = 1;
    const QByteArray data = label.data.toUtf8();
    const int status = ZBarcode_Encode_and_Buffer_Vector(symbol.get(),
                                                         reinterpret_cast<const unsigned char *>(
                                                             data.constData()),
                                                         int(data.size()),
                                                         0);
    if (status >= ZINT_ERROR || !symbol->vector) {
        return fail(ErrorCode::InvalidInput,
                    LabelSheet::tr("%1 cannot be printed as a barcode: %2")
                        .arg(label.data, QString::fromLatin1(symbol->errtxt)));
    }
    return symbol;
}

} // namespace

Result<Label> LabelSheet::forProduct(const Product &product,
                                     const QString &lot,
                                     const QDate &expiry,
                                     std::optional<qint64> count)
{
    QString gtin;
    QString ean13;
    for (const Barcode &barcode : product.barcodes) {
        if (gtin.isEmpty())
            gtin = Gs1::gtinOf(barcode);
        if (ean13.isEmpty() && barcode.symbology == Symbology::Ean13)
            ean13 = barcode.code;
    }
    if (!lot.isEmpty() || expiry.isValid() || count) {
        if (gtin.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        tr("%1 has no EAN or UPC barcode, so it has no GTIN for a GS1 label.")
                            .arg(product.sku));
        }
        Gs1Data data;
        data.gtin = gtin;
        data.lot = lot.trimmed();
        data.expiry = expiry;
        data.count = count;
        return Label{Label::Code::Gs1_128, Gs1::humanReadable(data), product.name, product.sku};
    }
    if (!ean13.isEmpty())
        return Label{Label::Code::Ean13, ean13, product.name, product.sku};
    return Label{Label::Code::Code128, product.sku, product.name, product.sku};
}

Label LabelSheet::forLocation(const Location &location)
{
    return {Label::Code::Code128,
            location.barcode.isEmpty() ? location.code : location.barcode,
            location.name,
            location.code};
}

Status LabelSheet::paint(QPainter &painter, const QRectF &rect, const Label &label)
{
    auto symbol = encode(label);
    if (!symbol)
        return std::unexpected(symbol.error());
    const zint_vector &vector = *(*symbol)->vector;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Title above, caption below, the bars in between, each scaled to fit.
    const double line = rect.height() / 7;
    QFont font = painter.font();
    font.setPixelSize(qMax(1, int(line * 0.8)));
    painter.setFont(font);
    const QRectF title(rect.left(), rect.top(), rect.width(), line);
    const QRectF caption(rect.left(), rect.bottom() - line, rect.width(), line);
    painter.setPen(Qt::black);
    painter.drawText(title,
                     Qt::AlignCenter,
                     painter.fontMetrics().elidedText(label.title,
                                                      Qt::ElideRight,
                                                      int(rect.width())));
    painter.drawText(caption, Qt::AlignCenter, label.caption);
    const QRectF room(rect.left(),
                      title.bottom() + line * 0.2,
                      rect.width(),
                      rect.height() - line * 2.4);
    // Modules keep their width ratios; a wide symbol (GS1-128) may grow taller than its
    // proportions, which scanners read better. The text keeps the narrower scale.
    const double scaleX = qMin(room.width() / vector.width, room.height() / vector.height);
    const double scaleY = qMin(room.height() / vector.height, scaleX * 3);
    const double scale = qMin(scaleX, scaleY);
    const QPointF origin(room.center().x() - vector.width * scaleX / 2,
                         room.center().y() - vector.height * scaleY / 2);
    for (const zint_vector_rect *bar = vector.rectangles; bar; bar = bar->next) {
        painter.fillRect(QRectF(origin.x() + bar->x * scaleX,
                                origin.y() + bar->y * scaleY,
                                bar->width * scaleX,
                                bar->height * scaleY),
                         bar->colour == 8 ? Qt::white : Qt::black);
    }
    for (const zint_vector_string *text = vector.strings; text; text = text->next) {
        QFont digits = painter.font();
        digits.setPixelSize(qMax(1, int(text->fsize * scale)));
        painter.setFont(digits);
        const QString words = QString::fromUtf8(reinterpret_cast<const char *>(text->text),
                                                text->length);
        const double width = painter.fontMetrics().horizontalAdvance(words);
        double x = origin.x() + text->x * scaleX;
        if (text->halign == 0)
            x -= width / 2;
        else if (text->halign == 2)
            x -= width;
        painter.drawText(QPointF(x, origin.y() + text->y * scaleY), words);
    }
    painter.restore();
    return {};
}

Status LabelSheet::paint(QPagedPaintDevice &device, const QList<Label> &labels)
{
    QPainter painter;
    if (!painter.begin(&device))
        return fail(ErrorCode::Io, tr("The labels could not be started on this device."));
    const double perMm = device.logicalDpiX() / 25.4;
    const QSizeF cell(labelWidthMm * perMm, labelHeightMm * perMm);
    const double inset = 3 * perMm;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const int onPage = int(i % (columns * rows));
        if (i > 0 && onPage == 0 && !device.newPage()) {
            painter.end();
            return fail(ErrorCode::Io, tr("A new page could not be started."));
        }
        const QRectF where(QPointF((onPage % columns) * cell.width(),
                                   (onPage / columns) * cell.height()),
                           cell);
        if (auto done = paint(painter, where.adjusted(inset, inset, -inset, -inset), labels.at(i));
            !done) {
            painter.end();
            return done;
        }
    }
    painter.end();
    return {};
}

Status LabelSheet::writePdf(const QString &path, const QList<Label> &labels)
{
    return SavedFile::write(path, [&](QIODevice &out) {
        QPdfWriter pdf(&out);
        pdf.setCreator(QStringLiteral("Stockroom"));
        pdf.setTitle(tr("Labels"));
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(600);
        return paint(pdf, labels);
    });
}

Result<QImage> LabelSheet::image(const Label &label, const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    if (auto done = paint(painter, QRectF(QPointF(0, 0), QSizeF(size)), label); !done)
        return std::unexpected(done.error());
    painter.end();
    return image;
}

} // namespace Stockroom::Views
