#pragma once

// LabelSheet: product and location labels, drawn with zint: EAN-13 for a product's own
// barcode, Code 128 for a SKU or a location, GS1-128 for a product with its lot, expiry
// and count. Labels go onto A4 sheets of 3 × 8 (70 × 37 mm), to PDF or a printer. Bars are
// drawn as vectors, so they stay sharp at any printer resolution. A code zint cannot
// encode is an error with zint's reason; nothing is half-written.

#include "model/domain/error.h"
#include "model/domain/types.h"

#include <QCoreApplication>
#include <QImage>

#include <optional>

class QPagedPaintDevice;
class QPainter;

namespace Stockroom::Views {

struct Label
{
    enum class Code { Ean13, Code128, Gs1_128 };
    Code code = Code::Code128;
    QString data;    // for GS1-128, the element string with AIs in parentheses
    QString title;   // a product or location name
    QString caption; // a SKU or location code
};

class LabelSheet
{
    Q_DECLARE_TR_FUNCTIONS(Stockroom::Views::LabelSheet)

public:
    // A product's label: GS1-128 when a lot, expiry or count is given (the product needs
    // an EAN or UPC barcode for its GTIN), else its EAN-13, else Code 128 of its SKU.
    static Result<Label> forProduct(const Product &product,
                                    const QString &lot = {},
                                    const QDate &expiry = {},
                                    std::optional<qint64> count = {});
    static Label forLocation(const Location &location);

    // Draws one label into rect: the title, the bars with their text, the caption.
    static Status paint(QPainter &painter, const QRectF &rect, const Label &label);
    // The labels on as many sheets as they need.
    static Status paint(QPagedPaintDevice &device, const QList<Label> &labels);
    static Status writePdf(const QString &path, const QList<Label> &labels);
    // One label as an image (a preview, and what tests read back with a barcode reader).
    static Result<QImage> image(const Label &label, const QSize &size);
};

} // namespace Stockroom::Views
