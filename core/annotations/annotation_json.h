// Annotations as JSON, the exchange format of `retest annotate --export/--import/--list --json`
// and of sharing a marked-up chart: an array with one object per annotation,
//   {"id": 7, "kind": "trend", "points": [{"date": "2020-03-23", "price": 2237.4}, …],
//    "label": "…", "style": {"color": "#2962ff", "width": 1.5, "line": "solid",
//                             "extendRight": false, "fontSize": 10}}
// Points carry no "date" for hline/zone and no "price" for vline. No Qt in this header.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotations/annotation.h"
#include "core/model/result.h"

namespace retest {

/// Indented JSON array, in the given order, ending with a newline. `symbol` is not written
/// (a file is imported into whichever symbol the user names).
std::string annotationsToJson(std::span<const Annotation> annotations);

/// The largest annotation file `annotate --import` reads (16 MiB: about 50,000 annotations).
inline constexpr std::size_t kMaxAnnotationFileBytes = std::size_t{16} << 20;

/// Parses and validates every annotation of a JSON array, or fails on the first problem with
/// `source` (usually the file name) first: `FILE: annotation 3: missing "points"`. Annotations
/// are numbered from 1. Missing "id", "label", "style" or style fields take the defaults;
/// unknown keys are ignored. The symbols of the result are empty.
Result<std::vector<Annotation>> annotationsFromJson(std::string_view text, std::string_view source);

}  // namespace retest
