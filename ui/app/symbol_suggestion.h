// The symbol a CSV file's name suggests: `IWM.csv` → IWM, `^GSPC.csv` → ^GSPC, `iwm.us.txt`
// (Stooq) → IWM. Names that could mean anything (`data.csv`, `export (3).csv`) suggest nothing.
#pragma once

#include <QString>

namespace retest::ui {

/// The suggested symbol for `path`, upper case; empty when the name is ambiguous.
QString suggestSymbol(const QString& path);

}  // namespace retest::ui
