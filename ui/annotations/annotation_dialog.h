// A modal properties dialog for one drawing (text, colour, width, line style, extend right).
#pragma once

#include <optional>

#include "core/annotations/annotation.h"

class QWidget;

namespace retest::ui {

/// The edited copy, or std::nullopt when the user cancels.
std::optional<Annotation> editAnnotationProperties(const Annotation& original, QWidget* parent);

}  // namespace retest::ui
