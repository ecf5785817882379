#include "dashboardview.h"

#include "model/itemmodels/alertmodel.h"
#include "model/itemmodels/dashboardmodel.h"
#include "model/services/catalog.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace Stockroom::Views {

namespace {

// One colour per movement type, the same in every chart; readable on white and in print.
QColor colourOf(MovementType type)
{
    switch (type) {
    case MovementType::Receipt:
        return QColor(0x15, 0x80, 0x3d);
    case MovementType::Issue:
        return QColor(0x1d, 0x4e, 0xd8);
    case MovementType::Transfer:
        return QColor(0xa1, 0x62, 0x07);
    case MovementType::Adjustment:
        return QColor(0xb9, 0x1c, 0x1c);
    case MovementType::Count:
        return QColor(0x6d, 0x28, 0xd9);
    }
    return Qt::gray;
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    // Numbers as the user's locale writes them, with group separators: 2,000,000.
    chart->setLocalizeNumbers(true);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

QChartView *viewOf(QChart *chart, QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

void clear(QChart *chart)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

// A value axis from zero (or the lowest value, when below zero) with whole-number ticks.
QValueAxis *countAxis(qint64 low, qint64 high)
{
    auto *axis = new QValueAxis;
    axis->setRange(double(qMin<qint64>(0, low)), double(qMax<qint64>(high, 1)));
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->applyNiceNumbers();
    return axis;
}

// Date formats on the axes; each language orders day and month its own way.
QString dayFormat()
{
    return DashboardView::tr("d MMM", "a day on a chart axis (QDate format)");
}

QString monthFormat()
{
    return DashboardView::tr("MMM yy", "a month on a chart axis (QDate format)");
}

// Groups the days of a period into bars a chart can label: days up to a month, weeks up to
// four months, calendar months beyond.
struct Buckets
{
    QString title;
    QStringList labels;
    QList<std::array<qint64, movementTypeCount>> sums;
};

Buckets bucketsOf(const QList<DayMovements> &perDay)
{
    Buckets buckets;
    enum {
        Day,
        Week,
        Month
    } size
        = perDay.size() <= 31    ? Day
          : perDay.size() <= 120 ? Week
                                 : Month;
    QDate start;
    for (qsizetype i = 0; i < perDay.size(); ++i) {
        const QDate day = perDay.at(i).day;
        const bool opens = i == 0 || size == Day || (size == Week && start.daysTo(day) >= 7)
                           || (size == Month && day.month() != start.month());
        if (opens) {
            start = day;
            switch (size) {
            case Day:
                buckets.labels.append(QString::number(day.day()));
                break;
            case Week:
                buckets.labels.append(QLocale().toString(day, dayFormat()));
                break;
            case Month:
                buckets.labels.append(QLocale().toString(day, monthFormat()));
                break;
            }
            buckets.sums.append(std::array<qint64, movementTypeCount>{});
        }
        for (int type = 0; type < movementTypeCount; ++type)
            buckets.sums.last()[size_t(type)] += perDay.at(i).lines[size_t(type)];
    }
    switch (size) {
    case Day:
        buckets.title = DashboardView::tr("Movement lines per day");
        break;
    case Week:
        buckets.title = DashboardView::tr("Movement lines per week (from the day shown)");
        break;
    case Month:
        buckets.title = DashboardView::tr("Movement lines per month");
        break;
    }
    return buckets;
}

} // namespace

DashboardView::DashboardView(const Catalog &catalog,
                             DashboardModel &model,
                             const AlertModel &alerts,
                             QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_model(model)
    , m_alerts(alerts)
    , m_period(new QComboBox(this))
    , m_warehouse(new QComboBox(this))
    , m_product(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_belowMin(new QLabel(this))
    , m_levelChart(newChart(tr("Stock level")))
    , m_movementChart(newChart(tr("Movement lines per day")))
    , m_moverChart(newChart(tr("Top 10 movers (units issued)")))
{
    for (int days : {7, 30, 90, 365})
        m_period->addItem(tr("Last %n day(s)", nullptr, days), days);
    m_period->setCurrentIndex(m_period->findData(m_model.days()));
    m_warehouse->addItem(tr("All warehouses"), qint64(0));
    if (auto warehouses = m_catalog.warehouses()) {
        for (const Location &warehouse : *warehouses)
            m_warehouse->addItem(tr("%1 (%2)").arg(warehouse.name, warehouse.code), warehouse.id);
    }
    m_product->setPlaceholderText(tr("All products: type a SKU or barcode, or scan"));
    m_product->setClearButtonEnabled(true);
    m_product->setMinimumWidth(280);
    m_problem->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_belowMin->setTextFormat(Qt::RichText);
    m_belowMin->setAlignment(Qt::AlignCenter);
    m_belowMin->setFrameShape(QFrame::StyledPanel);
    m_belowMin->setMinimumWidth(160);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Period:"), this));
    filters->addWidget(m_period);
    filters->addWidget(new QLabel(tr("Warehouse:"), this));
    filters->addWidget(m_warehouse);
    filters->addWidget(new QLabel(tr("Product:"), this));
    filters->addWidget(m_product, 1);
    filters->addWidget(m_problem);

    auto *grid = new QGridLayout(this);
    grid->addLayout(filters, 0, 0, 1, 2);
    grid->addWidget(viewOf(m_levelChart, this), 1, 0);
    grid->addWidget(m_belowMin, 1, 1);
    grid->addWidget(viewOf(m_movementChart, this), 2, 0);
    grid->addWidget(viewOf(m_moverChart, this), 2, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        m_model.setDays(m_period->currentData().toInt());
    });
    connect(m_warehouse, &QComboBox::currentIndexChanged, this, &DashboardView::applyScope);
    connect(m_product, &QLineEdit::returnPressed, this, &DashboardView::chooseProduct);
    connect(m_product, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && m_productId) {
            m_productId = 0;
            applyScope();
        }
    });
    connect(&m_model, &DashboardModel::changed, this, &DashboardView::redraw);
    connect(&m_alerts, &QAbstractItemModel::modelReset, this, &DashboardView::countAlerts);
    countAlerts();
}

// The charts load when the dashboard shows, and follow the ledger only while it does.
void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model.setWatched(true);
}

void DashboardView::hideEvent(QHideEvent *event)
{
    m_model.setWatched(false);
    QWidget::hideEvent(event);
}

void DashboardView::showProduct(const Product &product)
{
    m_productId = product.id;
    m_productName = product.id ? tr("%1 (%2)").arg(product.shownName(), product.sku) : QString();
    m_product->setText(product.id ? product.sku : QString());
    m_problem->clear();
    applyScope();
}

void DashboardView::chooseProduct()
{
    const QString text = m_product->text().trimmed();
    if (text.isEmpty()) {
        showProduct({});
        return;
    }
    auto product = m_catalog.findProduct(text);
    if (!product) {
        m_problem->setText(product.error().message);
        return;
    }
    showProduct(*product);
}

void DashboardView::applyScope()
{
    m_model.setScope({m_warehouse->currentData().toLongLong(), m_productId});
}

void DashboardView::redraw()
{
    drawLevels();
    drawMovements();
    drawMovers();
}

void DashboardView::drawLevels()
{
    clear(m_levelChart);
    const QString scope = m_productId ? m_productName : tr("all products");
    m_levelChart->setTitle(tr("Stock level: %1, %2").arg(scope, m_warehouse->currentText()));
    auto *series = new QLineSeries;
    series->setName(tr("Units on hand at the end of the day"));
    qint64 low = 0;
    qint64 high = 0;
    for (const DayLevel &level : m_model.levels()) {
        series->append(double(level.day.startOfDay().toMSecsSinceEpoch()), double(level.quantity));
        low = qMin(low, level.quantity);
        high = qMax(high, level.quantity);
    }
    m_levelChart->addSeries(series);
    auto *days = new QDateTimeAxis;
    days->setFormat(dayFormat());
    days->setTickCount(qMin<int>(8, int(m_model.levels().size())));
    const Period period = m_model.period();
    days->setRange(period.from.startOfDay(), period.to.startOfDay());
    m_levelChart->addAxis(days, Qt::AlignBottom);
    m_levelChart->addAxis(countAxis(low, high), Qt::AlignLeft);
    series->attachAxis(days);
    series->attachAxis(m_levelChart->axes(Qt::Vertical).first());
}

void DashboardView::drawMovements()
{
    clear(m_movementChart);
    const Buckets buckets = bucketsOf(m_model.movementsPerDay());
    const QStringList &labels = buckets.labels;
    const auto &sums = buckets.sums;
    m_movementChart->setTitle(buckets.title);
    auto *series = new QStackedBarSeries;
    qint64 high = 0;
    for (const auto &sum : sums) {
        qint64 total = 0;
        for (qint64 lines : sum)
            total += lines;
        high = qMax(high, total);
    }
    for (int type = 0; type < movementTypeCount; ++type) {
        auto *set = new QBarSet(displayName(MovementType(type)));
        set->setColor(colourOf(MovementType(type)));
        set->setBorderColor(colourOf(MovementType(type)));
        for (const auto &sum : sums)
            set->append(double(sum[size_t(type)]));
        series->append(set);
    }
    series->setBarWidth(0.8);
    m_movementChart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setTruncateLabels(false);
    if (labels.size() > 10 && labels.first().size() > 2)
        categories->setLabelsAngle(-60);
    const Period period = m_model.period();
    categories->setTitleText(tr("%1 to %2")
                                 .arg(QLocale().toString(period.from, QLocale::ShortFormat),
                                      QLocale().toString(period.to, QLocale::ShortFormat)));
    m_movementChart->addAxis(categories, Qt::AlignBottom);
    auto *counts = countAxis(0, high);
    m_movementChart->addAxis(counts, Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(counts);
}

void DashboardView::drawMovers()
{
    clear(m_moverChart);
    const QList<Mover> &movers = m_model.topMovers();
    auto *set = new QBarSet(tr("Units issued"));
    set->setColor(colourOf(MovementType::Issue));
    QStringList labels;
    qint64 high = 0;
    // Horizontal bars are drawn bottom-up: the biggest mover goes last, to be on top.
    for (auto it = movers.crbegin(); it != movers.crend(); ++it) {
        labels.append(it->sku);
        set->append(double(it->unitsIssued));
        high = qMax(high, it->unitsIssued);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    set->setLabelColor(Qt::white);
    m_moverChart->addSeries(series);
    auto *products = new QBarCategoryAxis;
    products->append(labels.isEmpty() ? QStringList{tr("(no issues)")} : labels);
    products->setTruncateLabels(false);
    m_moverChart->addAxis(products, Qt::AlignLeft);
    auto *units = countAxis(0, high);
    m_moverChart->addAxis(units, Qt::AlignBottom);
    series->attachAxis(products);
    series->attachAxis(units);
    m_moverChart->legend()->setVisible(false);
}

void DashboardView::countAlerts()
{
    // The headline is what is below min; the other alerts are counted underneath.
    std::array<int, Alert::kindCount> counts{};
    for (int row = 0; row < m_alerts.rowCount(); ++row)
        ++counts[size_t(m_alerts.alertAt(row).kind)];
    const int below = counts[size_t(Alert::Kind::BelowMin)];
    const QString colour = below > 0 ? QStringLiteral("#b91c1c") : QStringLiteral("#166534");
    QString others;
    for (Alert::Kind kind : {Alert::Kind::AtReorderPoint,
                             Alert::Kind::AboveMax,
                             Alert::Kind::Negative,
                             Alert::Kind::Expiring,
                             Alert::Kind::Expired}) {
        others += QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>")
                      .arg(AlertModel::describe(kind).toHtmlEscaped())
                      .arg(QLocale().toString(counts[size_t(kind)]));
    }
    m_belowMin->setText(
        QStringLiteral("<div align='center' style='font-size: 36pt; font-weight: bold; "
                       "color: %1'>%2</div><div align='center' style='font-size: 12pt'>%3</div>"
                       "<br><table align='center' cellspacing='4'>%4</table>")
            .arg(colour,
                 QLocale().toString(below),
                 tr("item(s) below min", nullptr, below).toHtmlEscaped(),
                 others));
}

} // namespace Stockroom::Views
