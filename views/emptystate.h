#pragma once

// EmptyState: what goes in a list, said in the list while it is empty ("Nothing to
// decide"), rather than a blank grid a person cannot tell from a broken one. A label over
// the view's viewport, shown while its model has no rows, in the palette's placeholder
// colour; it lets clicks through. Tests find it as the viewport's QLabel "emptyState".

#include <QLabel>
#include <QObject>
#include <QPointer>

class QAbstractItemView;

namespace Stockroom::Views {

class EmptyState : public QObject
{
    Q_OBJECT

public:
    // Owned by the view. Call after the view has its model; a new model is followed.
    static EmptyState *install(QAbstractItemView *view, const QString &text);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    EmptyState(QAbstractItemView *view, const QString &text);
    void follow();
    void update();

    QAbstractItemView *m_view;
    QPointer<QLabel> m_label;
    QPointer<QObject> m_model;
};

} // namespace Stockroom::Views
