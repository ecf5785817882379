#include "emptystate.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>

namespace Stockroom::Views {

EmptyState *EmptyState::install(QAbstractItemView *view, const QString &text)
{
    return new EmptyState(view, text);
}

EmptyState::EmptyState(QAbstractItemView *view, const QString &text)
    : QObject(view)
    , m_view(view)
    , m_label(new QLabel(text, view->viewport()))
{
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setMargin(24);
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_label->setObjectName(QStringLiteral("emptyState"));
    QPalette palette = m_label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    m_label->setPalette(palette);
    view->viewport()->installEventFilter(this);
    follow();
}

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && m_label)
        m_label->setGeometry(m_view->viewport()->rect());
    // A model set after install() is followed from the next paint.
    if (watched == m_view->viewport() && event->type() == QEvent::Paint
        && m_model != m_view->model())
        follow();
    return QObject::eventFilter(watched, event);
}

void EmptyState::follow()
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    QAbstractItemModel *model = m_view->model();
    m_model = model;
    if (model) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &EmptyState::update);
        connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::update);
        connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyState::update);
    }
    m_label->setGeometry(m_view->viewport()->rect());
    update();
}

void EmptyState::update()
{
    // Also called while the view is torn down (a QTableWidget resets its model as it goes):
    // only what is still there is touched.
    if (!m_label)
        return;
    const auto *model = qobject_cast<const QAbstractItemModel *>(m_model.data());
    m_label->setVisible(!model || model->rowCount() == 0);
}

} // namespace Stockroom::Views
