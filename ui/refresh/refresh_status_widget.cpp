// RefreshStatusWidget: hidden parts rather than a changing layout, so the status bar does not
// jump while a refresh starts and ends.
#include "ui/refresh/refresh_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace retest::ui {

RefreshStatusWidget::RefreshStatusWidget(QWidget* parent)
    : QWidget(parent),
      progress_(new QProgressBar(this)),
      cancel_(new QToolButton(this)),
      offline_(new QLabel(tr("offline"), this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    progress_->setMaximumWidth(160);
    progress_->setMaximumHeight(16);
    progress_->setFormat(tr("%v/%m"));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop refreshing prices"));
    cancel_->setAutoRaise(true);
    offline_->setToolTip(
        tr("The price providers could not be reached; cached prices are shown. "
           "Press F5 to try again."));
    offline_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(offline_);
    layout->addWidget(progress_);
    layout->addWidget(cancel_);
    connect(cancel_, &QToolButton::clicked, this, &RefreshStatusWidget::cancelRequested);
    showIdle();
    setOffline(false);
}

void RefreshStatusWidget::showProgress(int done, int total) {
    progress_->setRange(0, std::max(total, 1));
    progress_->setValue(done);
    progress_->setVisible(true);
    cancel_->setVisible(true);
}

void RefreshStatusWidget::showIdle() {
    progress_->setVisible(false);
    cancel_->setVisible(false);
}

void RefreshStatusWidget::setOffline(bool offline) {
    offline_->setVisible(offline);
}

bool RefreshStatusWidget::isOfflineShown() const {
    return !offline_->isHidden();
}

}  // namespace retest::ui
