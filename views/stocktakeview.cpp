#include "stocktakeview.h"
#include "emptystate.h"

#include "feedback.h"

#include "model/domain/limits.h"
#include "model/services/stocktake.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

// Red where less was found than expected, amber where more; plain where they agree.
class DifferenceDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const qint64 difference = index.data(Stocktake::DifferenceRole).toLongLong();
        if (difference < 0)
            option->backgroundBrush = QColor(0xfe, 0xe2, 0xe2);
        else if (difference > 0)
            option->backgroundBrush = QColor(0xfe, 0xf3, 0xc7);
        if (difference != 0)
            option->palette.setColor(QPalette::Text, QColor(0x11, 0x18, 0x27));
    }
};

} // namespace

StocktakeView::StocktakeView(const Actor &actor,
                             Stocktake &stocktake,
                             const Clock &clock,
                             QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_stocktake(stocktake)
    , m_clock(clock)
    , m_location(new QLineEdit(this))
    , m_where(new QLabel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_post(new QPushButton(tr("&Post differences"), this))
    , m_showExpected(new QCheckBox(tr("Show &expected"), this))
    , m_message(new QLabel(this))
{
    m_location->setPlaceholderText(tr("Scan or type the location to count, then Enter"));
    auto *start = new QPushButton(tr("Start &count"), this);
    QFont big = m_where->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_where->setFont(big);
    m_table->setModel(&stocktake);
    EmptyState::install(m_table, tr("Scan or type the place to count, then scan everything in it."));
    m_table->setItemDelegate(new DifferenceDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->horizontalHeader()->setSectionResizeMode(Stocktake::Product, QHeaderView::Stretch);
    m_reason->setMaxLength(int(Limits::reason));
    m_reason->setPlaceholderText(tr("Reason for the adjustments, e.g. \"cycle count, aisle A\""));
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_location, 1);
    top->addWidget(start);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary);
    bottom->addWidget(m_showExpected);
    bottom->addStretch(1);
    bottom->addWidget(new QLabel(tr("Reason:"), this));
    bottom->addWidget(m_reason, 2);
    bottom->addWidget(m_post);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_where);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_message);

    connect(start, &QPushButton::clicked, this, [this] { this->start(m_location->text()); });
    connect(m_location, &QLineEdit::returnPressed, this, [this] {
        this->start(m_location->text());
    });
    connect(m_post, &QPushButton::clicked, this, [this] { this->post(); });
    connect(&m_stocktake, &Stocktake::countChanged, this, &StocktakeView::showState);
    // A blind count: people count what is there. A manager may look at what the ledger
    // expects before posting.
    m_showExpected->setChecked(!m_stocktake.isBlind());
    m_showExpected->setToolTip(tr("Counting is blind: what the ledger expects, and so the "
                                  "difference, shows only to a manager who asks."));
    connect(m_showExpected, &QCheckBox::toggled, this, [this](bool show) {
        m_stocktake.setBlind(!show);
        showState();
    });
    if (!actor.can(Permission::Adjust)) {
        m_post->setEnabled(false);
        m_post->setToolTip(tr("A manager posts the differences."));
        m_showExpected->setEnabled(false);
    }
    showState();
}

QString StocktakeView::message() const
{
    return m_message->text();
}

QString StocktakeView::summary() const
{
    return m_summary->text();
}

void StocktakeView::say(const QString &text, bool ok)
{
    showOutcome(m_message, text, ok, Emphasis::Strong);
}

void StocktakeView::showState()
{
    if (!m_stocktake.isActive()) {
        m_where->setText(tr("No count in progress"));
        m_summary->clear();
        return;
    }
    const auto scope = m_stocktake.scope();
    const auto current = m_stocktake.current();
    m_where->setText(current ? tr("Counting %1, now at %2").arg(scope->code, current->code)
                             : tr("Counting %1: scan a location label").arg(scope->code));
    const int lines = int(m_stocktake.lines().size());
    m_summary->setText(
        m_stocktake.isBlind()
            ? tr("%Ln line(s)", nullptr, lines)
            : tr("%Ln line(s), %1 differ", nullptr, lines).arg(m_stocktake.differences()));
}

void StocktakeView::start(const QString &locationCode)
{
    if (auto begun = m_stocktake.begin(locationCode); !begun) {
        say(begun.error().message, false);
        return;
    }
    m_location->clear();
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(Stocktake::Product, QHeaderView::Stretch);
    say(tr("Scan everything there. What is not scanned counts as 0."), true);
    showState();
}

void StocktakeView::scan(const QString &code)
{
    if (!m_stocktake.isActive()) {
        start(code);
        return;
    }
    auto said = m_stocktake.scan(code, m_clock.today());
    if (!said) {
        say(said.error().message, false);
        return;
    }
    say(*said, true);
    showState();
}

Status StocktakeView::post()
{
    QProgressDialog progress(tr("Posting the stocktake…"),
                             tr("Cancel"),
                             0,
                             qMax(1, m_stocktake.differences()),
                             this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    auto posted = m_stocktake.post(m_actor, m_reason->text(), [&progress](int done, int) {
        progress.setValue(done);
        return !progress.wasCanceled();
    });
    if (!posted) {
        say(posted.error().message, false);
        return std::unexpected(posted.error());
    }
    m_reason->clear();
    say(tr("%Ln adjustment(s) posted.", nullptr, *posted), true);
    showState();
    return {};
}

} // namespace Stockroom::Views
