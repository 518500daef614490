// Hand-built daily series written as CSV files and imported through the real command, for the
// rotation, watchlist and alerts command tests.
#pragma once

#include <QFile>
#include <QString>
#include <functional>

#include "core/model/date.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/test_paths.h"

namespace retest::test {

/// Writes one bar per weekday from `first` to `last` (close = f(index), range close ± 1) as a
/// generic CSV and imports it as `symbol`; returns the import's run.
inline CliRun importSeries(const TempDir& tmp, const std::filesystem::path& db,
                           const QString& symbol, const char* first, const char* last,
                           const std::function<double(std::size_t)>& close) {
    const auto file = tmp.file(symbol.toStdString() + "-" + first + ".csv");
    QFile out(QString::fromStdString(file.string()));
    EXPECT_TRUE(out.open(QIODevice::WriteOnly));
    out.write("Date,Open,High,Low,Close,Volume\n");
    std::size_t i = 0;
    for (Day day = *parseIsoDate(first); day <= *parseIsoDate(last); ++day) {
        if (weekdayOf(day) >= 5) {
            continue;
        }
        const double c = close(i++);
        out.write(QStringLiteral("%1,%2,%3,%4,%5,1000\n")
                      .arg(QString::fromStdString(formatIsoDate(day)))
                      .arg(c, 0, 'f', 4)
                      .arg(c + 1, 0, 'f', 4)
                      .arg(c - 1, 0, 'f', 4)
                      .arg(c, 0, 'f', 4)
                      .toUtf8());
    }
    out.close();
    const CliRun r = runCli(db, {QStringLiteral("import"), QString::fromStdString(file.string()),
                                 QStringLiteral("--symbol"), symbol});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    return r;
}

}  // namespace retest::test
