// Stooq parsing: recognise Stooq's plain-text refusals before handing the CSV to core/csv.
#include "core/feeds/stooq_parser.h"

#include "core/csv/csv_import.h"
#include "core/feeds/yahoo_chart_parser.h"

namespace retest {

Result<FeedData> parseStooqCsv(const QByteArray& body) {
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty()) {
        return Error{"empty answer"};
    }
    if (looksLikeHtml(body)) {
        return Error{"received an HTML page instead of CSV data"};
    }
    if (trimmed.compare("No data", Qt::CaseInsensitive) == 0) {
        return Error{"No data (unknown symbol or no sessions in the requested range)"};
    }
    const qsizetype eol = trimmed.indexOf('\n');
    const QByteArray firstLine = (eol < 0 ? trimmed : trimmed.left(eol)).trimmed();
    if (!firstLine.toLower().startsWith("date,")) {
        return Error{"not a Stooq CSV: \"" + firstLine.left(80).toStdString() + "\""};
    }
    auto parsed = parseCsv(std::string_view(body.constData(), static_cast<size_t>(body.size())),
                           "answer", CsvFormat::Stooq);
    if (!parsed) {
        return Error{parsed.error().message()};
    }
    if (parsed->bars.empty()) {
        return Error{"no price data in the answer"};
    }
    FeedData data;
    data.bars = std::move(parsed->bars);
    data.skippedMissing = parsed->skippedMissing;
    return data;
}

}  // namespace retest
