#include "reportdocument.h"

#include "model/io/savedfile.h"
#include "model/itemmodels/periodreportmodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QGraphicsScene>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QValueAxis>

#include <algorithm>

namespace Stockroom::Views {

namespace {

// Relative widths of the report's columns: SKU, product, unit, then seven figures.
constexpr int columnWeights[PeriodReportModel::ColumnCount] = {10, 22, 5, 8, 8, 8, 9, 9, 9, 8};

} // namespace

ReportDocument::ReportDocument(const PeriodReportModel &model, QString scope, QDateTime made)
    : m_model(model)
    , m_scope(std::move(scope))
    , m_made(std::move(made))
{}

QChart *ReportDocument::newChart(const PeriodReportModel &model)
{
    // The busiest products: most units received and issued together.
    QList<PeriodLine> busiest = model.lines();
    std::stable_sort(busiest.begin(), busiest.end(), [](const PeriodLine &a, const PeriodLine &b) {
        return a.receipts + a.issues > b.receipts + b.issues;
    });
    busiest = busiest.mid(0, 10);
    auto *receipts = new QBarSet(tr("Receipts"));
    receipts->setColor(QColor(0x15, 0x80, 0x3d));
    auto *issues = new QBarSet(tr("Issues"));
    issues->setColor(QColor(0x1d, 0x4e, 0xd8));
    QStringList skus;
    qint64 high = 1;
    for (const PeriodLine &line : std::as_const(busiest)) {
        skus.append(line.sku);
        receipts->append(double(line.receipts));
        issues->append(double(line.issues));
        high = qMax(high, qMax(line.receipts, line.issues));
    }
    auto *chart = new QChart;
    chart->setTitle(tr("Receipts and issues of the ten busiest products"));
    chart->setLocalizeNumbers(true);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *series = new QBarSeries;
    series->append(receipts);
    series->append(issues);
    chart->addSeries(series);
    auto *products = new QBarCategoryAxis;
    products->append(skus.isEmpty() ? QStringList{tr("(nothing moved)")} : skus);
    products->setTruncateLabels(false);
    products->setLabelsAngle(skus.size() > 5 ? -45 : 0);
    auto *units = new QValueAxis;
    units->setRange(0, double(high));
    units->setLabelFormat(QStringLiteral("%.0f"));
    units->applyNiceNumbers();
    chart->addAxis(products, Qt::AlignBottom);
    chart->addAxis(units, Qt::AlignLeft);
    series->attachAxis(products);
    series->attachAxis(units);
    return chart;
}

Status ReportDocument::paint(QPagedPaintDevice &device, const Progress &progress) const
{
    QPainter painter;
    if (!painter.begin(&device))
        return fail(ErrorCode::Io, tr("The report could not be started on this device."));
    const QRect page = painter.viewport();
    const int dpi = device.logicalDpiY();
    QFont body = painter.font();
    body.setPointSizeF(8.5);
    QFont bold = body;
    bold.setBold(true);
    QFont title = body;
    title.setPointSizeF(15);
    title.setBold(true);
    painter.setFont(body);
    const int rowHeight = painter.fontMetrics().height() * 3 / 2;
    const int margin = dpi / 4;

    // The columns, spread over the page width by weight.
    QList<QRect> columns;
    int totalWeight = 0;
    for (int weight : columnWeights)
        totalWeight += weight;
    int x = page.left();
    for (int column = 0; column < PeriodReportModel::ColumnCount; ++column) {
        const int width = page.width() * columnWeights[column] / totalWeight;
        columns.append(QRect(x, 0, width, rowHeight));
        x += width;
    }

    // The first page's head: title, period, scope, the time it was made, and the chart.
    const int chartHeight = page.height() * 2 / 5;
    const int headHeight = rowHeight * 4 + chartHeight + margin;
    const int rows = m_model.rowCount();
    const int perFirstPage = qMax(1, (page.height() - headHeight) / rowHeight - 1);
    const int perPage = qMax(1, page.height() / rowHeight - 2);
    const int pages = 1 + (rows > perFirstPage ? (rows - perFirstPage + perPage - 1) / perPage : 0);

    const auto footer = [&](int number) {
        painter.setFont(body);
        painter.drawText(QRect(page.left(), page.bottom() - rowHeight, page.width(), rowHeight),
                         Qt::AlignRight | Qt::AlignVCenter,
                         tr("Page %1 of %2").arg(number).arg(pages));
    };
    const auto header = [&](int top) {
        painter.setFont(bold);
        for (int column = 0; column < PeriodReportModel::ColumnCount; ++column) {
            const QRect cell = columns.at(column).translated(0, top).adjusted(2, 0, -2, 0);
            const auto align = column >= PeriodReportModel::Opening ? Qt::AlignRight
                                                                    : Qt::AlignLeft;
            painter.drawText(cell,
                             align | Qt::AlignVCenter,
                             m_model.headerData(column, Qt::Horizontal).toString());
        }
        painter.drawLine(page.left(), top + rowHeight, page.right(), top + rowHeight);
        painter.setFont(body);
        return top + rowHeight;
    };

    const QLocale locale;
    const Period period = m_model.period();
    painter.setFont(title);
    painter.drawText(QRect(page.left(), page.top(), page.width(), rowHeight * 2),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Period movement analysis"));
    painter.setFont(body);
    painter.drawText(QRect(page.left(), page.top() + rowHeight * 2, page.width(), rowHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     tr("%1 to %2 · %3")
                         .arg(locale.toString(period.from, QLocale::LongFormat),
                              locale.toString(period.to, QLocale::LongFormat),
                              m_scope));
    painter.drawText(QRect(page.left(), page.top() + rowHeight * 3, page.width(), rowHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Made %1").arg(locale.toString(m_made.toLocalTime(), QLocale::ShortFormat)));
    {
        // The chart is drawn at screen size and scaled, so its fonts keep their proportions.
        QGraphicsScene scene;
        QChart *chart = newChart(m_model);
        scene.addItem(chart);
        const QSizeF size(900, 900.0 * chartHeight / page.width());
        chart->resize(size);
        scene.setSceneRect(QRectF(QPointF(0, 0), size));
        scene.render(&painter,
                     QRectF(page.left(), page.top() + rowHeight * 4, page.width(), chartHeight),
                     scene.sceneRect());
    }

    int top = header(page.top() + headHeight);
    int pageNumber = 1;
    int onPage = 0;
    for (int row = 0; row < rows; ++row) {
        if (onPage == (pageNumber == 1 ? perFirstPage : perPage)) {
            footer(pageNumber);
            if (!device.newPage()) {
                painter.end();
                return fail(ErrorCode::Io, tr("A new page could not be started."));
            }
            ++pageNumber;
            onPage = 0;
            top = header(page.top());
        }
        const bool total = m_model.index(row, 0).data(PeriodReportModel::TotalRole).toBool();
        painter.setFont(total ? bold : body);
        if (total)
            painter.drawLine(page.left(), top, page.right(), top);
        for (int column = 0; column < PeriodReportModel::ColumnCount; ++column) {
            const QRect cell = columns.at(column).translated(0, top).adjusted(2, 0, -2, 0);
            const QVariant value = m_model.index(row, column).data();
            const bool figure = column >= PeriodReportModel::Opening;
            const QString text = figure ? locale.toString(value.toLongLong())
                                        : painter.fontMetrics().elidedText(value.toString(),
                                                                           Qt::ElideRight,
                                                                           cell.width());
            painter.drawText(cell,
                             (figure ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                             text);
        }
        top += rowHeight;
        ++onPage;
        if (progress && !progress(row + 1, rows)) {
            painter.end();
            return fail(ErrorCode::Cancelled, tr("The report was cancelled; nothing was kept."));
        }
    }
    footer(pageNumber);
    painter.end();
    return {};
}

Status ReportDocument::writePdf(const QString &path, const Progress &progress) const
{
    return SavedFile::write(path, [&](QIODevice &out) {
        QPdfWriter pdf(&out);
        pdf.setTitle(tr("Period movement analysis"));
        pdf.setCreator(QStringLiteral("Stockroom"));
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(QPageLayout::Landscape);
        pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        pdf.setResolution(300);
        return paint(pdf, progress);
    });
}

} // namespace Stockroom::Views
