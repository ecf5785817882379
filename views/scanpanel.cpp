#include "scanpanel.h"
#include "emptystate.h"

#include "model/services/scansession.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Stockroom::Views {

namespace {

constexpr int flashMs = 700;
// A refusal beeps again this often until the clerk scans or types, at most this many times.
constexpr int alarmEveryMs = 3000;
constexpr int alarmRepeats = 10;

QString modeName(ScanMode mode)
{
    switch (mode) {
    case ScanMode::Receive:
        return ScanPanel::tr("Receive (F2)");
    case ScanMode::Issue:
        return ScanPanel::tr("Issue (F3)");
    case ScanMode::Transfer:
        return ScanPanel::tr("Transfer (F4)");
    case ScanMode::Count:
        return ScanPanel::tr("Count (F5)");
    }
    return {};
}

} // namespace

ScanPanel::ScanPanel(const Actor &actor, ScanSession &session, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_actor(actor)
    , m_session(session)
    , m_clock(clock)
    , m_mode(new QLabel(this))
    , m_where(new QLabel(this))
    , m_bar(new QLineEdit(this))
    , m_lines(new QTableWidget(0, 4, this))
    , m_message(new QLabel(this))
    , m_flash(new QTimer(this))
    , m_alarm(new QTimer(this))
    , m_linkButton(new QPushButton(tr("Link this barcode to a product… (F8)"), this))
{
    QFont big = m_mode->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_mode->setFont(big);
    m_where->setFont(big);
    m_message->setFont(big);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("scanMessage"));
    m_message->setAutoFillBackground(true);
    m_bar->setPlaceholderText(tr("Scan, or type a code and press Enter. *240 then a scan "
                                 "counts 240. Enter on its own posts; Esc takes back the last "
                                 "scan."));
    m_lines->setHorizontalHeaderLabels({tr("SKU"), tr("Product"), tr("Lot"), tr("Quantity")});
    m_lines->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_lines->verticalHeader()->hide();
    EmptyState::install(m_lines,
                        tr("Scan a location label, then the items: they gather here until "
                           "Enter on its own posts them."));
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setFocusPolicy(Qt::NoFocus);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_mode);
    layout->addWidget(m_where);
    layout->addWidget(m_bar);
    layout->addWidget(m_lines, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_linkButton);
    layout->addLayout(bottom);
    m_linkButton->hide();
    m_linkButton->setFocusPolicy(Qt::NoFocus);
    connect(m_linkButton, &QPushButton::clicked, this, &ScanPanel::askToLink);

    connect(m_bar, &QLineEdit::returnPressed, this, [this] {
        const QString typed = m_bar->text();
        m_bar->clear();
        if (typed.trimmed().isEmpty())
            post();
        else
            scan(typed);
    });
    // The keys are read where the focus is, the scan bar, rather than as window
    // shortcuts: they work the same in every window state.
    m_bar->installEventFilter(this);

    m_flash->setSingleShot(true);
    m_flash->setInterval(flashMs);
    // A success fades to its words in green; a refusal stays red until the next scan.
    connect(m_flash, &QTimer::timeout, this, [this] {
        QPalette faded = palette();
        faded.setColor(QPalette::WindowText, QColor(0x14, 0x53, 0x2d));
        m_message->setPalette(faded);
    });
    m_alarm->setInterval(alarmEveryMs);
    connect(m_alarm, &QTimer::timeout, this, [this] {
        QApplication::beep();
        if (++m_alarmsRung >= alarmRepeats)
            m_alarm->stop();
    });
    connect(&session, &ScanSession::changed, this, &ScanPanel::showLines);
    setFocusProxy(m_bar);
    // What this clerk scanned and did not post, before a crash or a quit, is back.
    auto resumed = m_session.resume(m_actor);
    showMode();
    if (!resumed)
        say(tr("The scans kept from before could not be read: %1").arg(resumed.error().message),
            false);
    else if (resumed->scans > 0 || !resumed->dropped.isEmpty())
        sayResumed(*resumed);
}

void ScanPanel::sayResumed(const ResumedBasket &resumed)
{
    QString text = tr("%n scan(s) not posted before are back in the basket.",
                      nullptr,
                      resumed.scans);
    if (!resumed.dropped.isEmpty()) {
        text += QLatin1Char(' ')
                + tr("%n could no longer be taken back in:", nullptr, int(resumed.dropped.size()))
                + QLatin1Char(' ') + resumed.dropped.join(QLatin1String("; "));
    }
    say(text, resumed.dropped.isEmpty());
}

bool ScanPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_bar || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    silence(); // the clerk heard it: a key in the scan bar is the answer
    switch (static_cast<QKeyEvent *>(event)->key()) {
    case Qt::Key_F2:
        setMode(ScanMode::Receive);
        return true;
    case Qt::Key_F3:
        setMode(ScanMode::Issue);
        return true;
    case Qt::Key_F4:
        setMode(ScanMode::Transfer);
        return true;
    case Qt::Key_F5:
        setMode(ScanMode::Count);
        return true;
    case Qt::Key_Escape:
        cancelLast();
        return true;
    case Qt::Key_F8:
        askToLink();
        return true;
    default:
        return QWidget::eventFilter(watched, event);
    }
}

void ScanPanel::setMode(ScanMode mode)
{
    if (!m_session.lines().isEmpty()) {
        // Pressing the mode's own key again must not drop the basket either.
        say(mode == m_session.mode()
                ? tr("Already %1: post or cancel the scanned items to start over.")
                      .arg(modeName(mode))
                : tr("Post or cancel the scanned items before changing the mode."),
            false);
        return;
    }
    if (auto changed = m_session.setMode(mode); !changed) {
        say(changed.error().message, false);
        return;
    }
    showMode();
}

void ScanPanel::showMode()
{
    const ScanMode mode = m_session.mode();
    m_mode->setText(modeName(mode));
    say(mode == ScanMode::Transfer ? tr("Scan where the goods come from.")
                                   : tr("Scan a location label."),
        true);
}

void ScanPanel::scan(const QString &code)
{
    auto said = m_session.scan(code, m_clock.today());
    m_unknown.clear();
    if (!said) {
        if (said.error().code == ErrorCode::UnknownBarcode && m_link)
            m_unknown = code.trimmed();
        say(said.error().message, false);
        m_linkButton->setVisible(!m_unknown.isEmpty());
        return;
    }
    m_linkButton->hide();
    say(*said, true);
}

void ScanPanel::askToLink()
{
    if (m_unknown.isEmpty())
        return;
    bool ok = false;
    const QString sku
        = QInputDialog::getText(this,
                                tr("Link a barcode"),
                                tr("SKU of the product that carries %1:").arg(m_unknown),
                                QLineEdit::Normal,
                                QString(),
                                &ok);
    if (ok && !sku.trimmed().isEmpty())
        linkUnknown(sku);
    m_bar->setFocus();
}

void ScanPanel::linkUnknown(const QString &sku)
{
    const QString code = m_unknown;
    if (code.isEmpty() || !m_link)
        return;
    if (auto linked = m_link(code, sku.trimmed()); !linked) {
        say(linked.error().message, false);
        return;
    }
    // Linked: the scan the clerk made now counts.
    scan(code);
}

void ScanPanel::post()
{
    auto posted = m_session.post(m_actor);
    if (!posted) {
        say(posted.error().message, false);
        return;
    }
    say(tr("Posted %n movement(s).", nullptr, int(posted->size())), true);
}

void ScanPanel::cancelLast()
{
    if (auto cancelled = m_session.cancelLast(); !cancelled) {
        say(cancelled.error().message, false);
        return;
    }
    say(tr("Last scan taken back."), true);
}

QString ScanPanel::message() const
{
    return m_message->text();
}

void ScanPanel::showLines()
{
    const QList<ScanLine> &lines = m_session.lines();
    m_lines->setRowCount(int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        const ScanLine &line = lines.at(row);
        const QStringList cells{line.product.sku,
                                line.product.shownName(),
                                line.lot,
                                QStringLiteral("%1 %2").arg(line.quantity).arg(line.product.unit)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 3) // quantities line up on the right, as numbers do
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_lines->setItem(row, column, item);
        }
    }
    const auto where = m_session.location();
    const auto to = m_session.destination();
    QString text = where ? tr("At %1").arg(where->code) : tr("No location yet");
    if (m_session.mode() == ScanMode::Transfer && where)
        text = to ? tr("From %1 to %2").arg(where->code, to->code) : tr("From %1").arg(where->code);
    if (const auto typed = m_session.typedQuantity())
        text += QLatin1String(" · ") + tr("next item × %1").arg(*typed);
    m_where->setText(text);
}

void ScanPanel::say(const QString &text, bool ok)
{
    m_ok = ok;
    m_message->setText(text);
    QPalette flash = palette();
    flash.setColor(QPalette::Window, ok ? QColor(0xbb, 0xf7, 0xd0) : QColor(0xfe, 0xca, 0xca));
    flash.setColor(QPalette::WindowText, ok ? QColor(0x14, 0x53, 0x2d) : QColor(0x7f, 0x1d, 0x1d));
    m_message->setPalette(flash);
    m_alarm->stop();
    m_alarmsRung = 0;
    if (ok) {
        m_flash->start();
        return;
    }
    m_flash->stop();
    if (m_beep) {
        QApplication::beep();
        m_alarm->start();
    }
}

bool ScanPanel::isAlarming() const
{
    return m_alarm->isActive();
}

void ScanPanel::silence()
{
    m_alarm->stop();
}

} // namespace Stockroom::Views
