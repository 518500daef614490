// One annotation of every kind, anchored on real S&P 500 sample prices, for round-trip tests.
#pragma once

#include <vector>

#include "core/annotations/annotation.h"

namespace retest::test {

/// Every AnnotationKind once, in declaration order, each with a non-default style field.
std::vector<Annotation> everyKind(const std::string& symbol);

}  // namespace retest::test
