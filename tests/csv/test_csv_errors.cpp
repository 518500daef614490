// Every kind of bad input the parser refuses: one test each, asserting the line and the reason
// a user reads. Any bad row rejects the whole file.
#include <gtest/gtest.h>

#include <string>

#include "core/csv/csv_import.h"
#include "core/model/bar_validation.h"
#include "core/model/date.h"

namespace retest {
namespace {

constexpr std::string_view kHeader = "Date,Open,High,Low,Close,Volume\n";

CsvError errorOf(std::string_view bytes, CsvFormat format = CsvFormat::Auto) {
    auto r = parseCsv(bytes, "prices.csv", format);
    EXPECT_FALSE(r.ok()) << "accepted: " << bytes;
    return r.ok() ? CsvError{} : r.error();
}

CsvError rowError(std::string_view rows) {
    return errorOf(std::string(kHeader) + std::string(rows));
}

TEST(CsvErrors, LowAboveClose) {
    const CsvError e = rowError(
        "2020-01-02,101.60,102.00,101.00,101.70,10\n"
        "2020-01-03,101.60,102.00,101.50,100.20,10\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "low 101.5 is above close 100.2");
    EXPECT_EQ(e.message(), "prices.csv:3: low 101.5 is above close 100.2");
}

TEST(CsvErrors, LowAboveHigh) {
    const CsvError e = rowError("2020-01-03,10,9,11,10,0\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "low 11 is above high 9");
}

TEST(CsvErrors, OpenOutsideLowHigh) {
    EXPECT_EQ(rowError("2020-01-03,8.5,12,9,10,0\n").reason, "low 9 is above open 8.5");
    EXPECT_EQ(rowError("2020-01-03,12.5,12,9,10,0\n").reason, "open 12.5 is above high 12");
}

TEST(CsvErrors, CloseAboveHigh) {
    EXPECT_EQ(rowError("2020-01-03,10,12,9,13,0\n").reason, "close 13 is above high 12");
}

TEST(CsvErrors, NegativePrice) {
    const CsvError e = rowError("2020-01-03,10,12,9,11,0\n2020-01-06,-1.5,12,9,11,0\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "open -1.5 is negative");
    EXPECT_EQ(rowError("2020-01-03,10,12,9,11,-5\n").reason, "volume -5 is negative");
}

TEST(CsvErrors, NonNumericPrice) {
    EXPECT_EQ(rowError("2020-01-03,10,12,abc,11,0\n").reason, "low \"abc\" is not a number");
    EXPECT_EQ(rowError("2020-01-03,10,12x,9,11,0\n").reason, "high \"12x\" is not a number");
    EXPECT_EQ(rowError("2020-01-03,10,12,9,nan,0\n").reason, "close \"nan\" is not a number");
    EXPECT_EQ(rowError("2020-01-03,10,12,9,11,lots\n").reason, "volume \"lots\" is not a number");
}

TEST(CsvErrors, EmptyPriceField) {
    const CsvError e = rowError("2020-01-03,10,12,9,,0\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "close is empty");
}

TEST(CsvErrors, InvalidDate) {
    const CsvError e = rowError("2020-01-03,10,12,9,11,0\n2020-02-30,10,12,9,11,0\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "invalid date \"2020-02-30\" (expected YYYY-MM-DD)");
    EXPECT_EQ(rowError("01/03/2020,10,12,9,11,0\n").reason,
              "invalid date \"01/03/2020\" (expected YYYY-MM-DD)");
}

TEST(CsvErrors, WrongNumberOfFields) {
    const CsvError e = rowError("2020-01-03,10,12,9,11,0\n2020-01-06,10,12,9,11\n");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.reason, "wrong number of fields: expected 6 like the header, found 5");
    EXPECT_EQ(rowError("2020-01-06,10,12,9,11,0,7\n").reason,
              "wrong number of fields: expected 6 like the header, found 7");
}

TEST(CsvErrors, UnterminatedQuote) {
    const CsvError e = rowError("\"2020-01-03,10,12,9,11,0\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "unterminated quoted field (field 1)");
}

// RFC 4180: nothing but a delimiter may follow a closing quote, and a quote may not sit
// inside an unquoted field. Before, `"2010-01-04"XYZ,"100"abc` imported as 2010-01-04, 100.
TEST(CsvErrors, TextAfterAClosingQuoteIsRefused) {
    const CsvError e = rowError("\"2010-01-04\"XYZ,\"100\"abc,101,99,100,\"5\"-7\n");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason,
              "text after the closing quote (field 1); a quoted field must end at a delimiter");
    EXPECT_EQ(rowError("2010-01-04,100,101,99,100,\"5\"-7\n").reason,
              "text after the closing quote (field 6); a quoted field must end at a delimiter");
    EXPECT_EQ(rowError("2010-01-04,10\"0,101,99,100,5\n").reason,
              "a quote inside an unquoted field (field 2); quote the whole field and double the "
              "quote");
    // Spaces around a quoted field are fine.
    auto ok = parseCsv(std::string(kHeader) + "\"2010-01-04\" , \"100\" ,101,99,100,5\n", "p.csv");
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ(ok->bars.at(0).open, 100);
}

// `""Volume","Close"` used to lose the Volume column and store every volume as 0.
TEST(CsvErrors, AMangledQuotedHeaderIsRefused) {
    const CsvError e =
        errorOf("\"\"Volume\",\"Close\",Date,Open,High,Low\n5,100,2010-01-04,100,101,99\n");
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason,
              "header: text after the closing quote (field 1); a quoted field must end at a "
              "delimiter");
}

TEST(CsvErrors, SurrogatesAndOverlongUtf8AreRefused) {
    const char* bad[] = {
        "Date,Open,High,Low,Close,\xED\xA0\x80\n",      // UTF-16 surrogate D800 encoded
        "Date,Open,High,Low,Close,\xC0\xAF\n",          // overlong '/'
        "Date,Open,High,Low,Close,\xE0\x80\xAF\n",      // overlong '/' in three bytes
        "Date,Open,High,Low,Close,\xF0\x80\x80\xAF\n",  // overlong in four bytes
        "Date,Open,High,Low,Close,\xF4\x90\x80\x80\n",  // above U+10FFFF
    };
    for (const char* header : bad) {
        const CsvError e = errorOf(std::string(header) + "2020-01-03,10,12,9,11\n");
        EXPECT_EQ(e.line, 1u);
        EXPECT_EQ(e.reason, "the header is not valid UTF-8 text; is this a CSV file?") << header;
    }
    // Real non-ASCII text is fine: Stooq's Polish header and an accented extra column.
    auto ok = parseCsv(
        "Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen,Gew\xC3\xA4hr\n"
        "2020-01-03,10,12,9,11,0,\xE2\x82\xAC\n",
        "p.csv");
    EXPECT_TRUE(ok.ok()) << ok.error().message();
}

TEST(CsvErrors, ZeroPricesAndImpossibleDatesAreRefused) {
    EXPECT_EQ(rowError("2020-01-03,0,12,0,11,0\n").reason,
              "open 0 is zero (prices must be positive)");
    EXPECT_EQ(rowError("1899-12-29,10,12,9,11,0\n").reason,
              "date 1899-12-29 is outside 1900-01-01.." + formatIsoDate(latestBarDay()));
    const std::string nextYear = std::to_string(civilFromDay(latestBarDay()).year + 1);
    EXPECT_NE(rowError(nextYear + "-01-01,10,12,9,11,0\n").reason.find("is outside 1900-01-01"),
              std::string::npos);
}

TEST(CsvErrors, DuplicateDateWithDifferentValuesNamesBothLines) {
    const CsvError e = rowError(
        "2020-01-03,10,12,9,11,0\n"
        "2020-01-06,10,12,9,11,0\n"
        "\n"
        "2020-01-03,10,12,9,11.5,0\n");
    EXPECT_EQ(e.line, 5u);
    EXPECT_EQ(e.reason, "date 2020-01-03 appears on lines 2 and 5 with different values");
}

TEST(CsvErrors, EmptyFile) {
    for (std::string_view bytes : {"", "\n\r\n  \n", "\xEF\xBB\xBF"}) {
        const CsvError e = errorOf(bytes);
        EXPECT_EQ(e.line, 0u);
        EXPECT_EQ(e.message(), "prices.csv: the file is empty");
    }
}

TEST(CsvErrors, BinaryContentWithNulBytes) {
    const std::string bytes("Date,Open\n\x01\x02\0\x03\n", 15);
    const CsvError e = errorOf(bytes);
    EXPECT_EQ(e.line, 0u);
    EXPECT_EQ(e.reason, "binary content (a NUL byte on line 2); this is not a CSV text file");
}

TEST(CsvErrors, InvalidUtf8InHeader) {
    const CsvError e = errorOf("\x89PNG\r\n\x1a\n");
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason, "the header is not valid UTF-8 text; is this a CSV file?");
}

TEST(CsvErrors, MissingRequiredColumnIsNamed) {
    const CsvError e = errorOf("date;open;high;close;volume\n2020-01-03;10;12;11;0\n");
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason,
              "missing required column \"low\" in header \"date;open;high;close;volume\" "
              "(needed: date, open, high, low, close)");
    // A file without a header row fails the same way, naming the first column it lacks.
    EXPECT_EQ(errorOf("2020-01-03,10,12,9,11,0\n").reason,
              "missing required column \"date\" in header \"2020-01-03,10,12,9,11,0\" "
              "(needed: date, open, high, low, close)");
}

TEST(CsvErrors, DuplicateColumn) {
    EXPECT_EQ(errorOf("date,open,high,low,close,Close\n2020-01-03,10,12,9,11,11\n").reason,
              "column \"Close\" appears twice (columns 5 and 6)");
}

TEST(CsvErrors, HeaderOnly) {
    const CsvError e = errorOf("Date,Open,High,Low,Close,Volume\r\n\r\n");
    EXPECT_EQ(e.line, 0u);
    EXPECT_EQ(e.message(), "prices.csv: no data rows after the header");
}

TEST(CsvErrors, OnlyMissingRows) {
    const CsvError e = errorOf(
        "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-01,null,null,null,null,null,null\n");
    EXPECT_EQ(e.line, 0u);
    EXPECT_EQ(e.reason, "all 1 data rows are marked missing (null); there are no prices to import");
}

TEST(CsvErrors, ExplicitFormatNamesTheExpectedHeader) {
    const CsvError e =
        errorOf("Date,Open,High,Low,Close,Volume\n2020-01-03,10,12,9,11,0\n", CsvFormat::Yahoo);
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.reason,
              "header \"Date,Open,High,Low,Close,Volume\" is not a Yahoo header; expected "
              "\"Date,Open,High,Low,Close,Adj Close,Volume\"");
}

TEST(CsvErrors, OneBadRowAmongGoodOnesRejectsTheFileAtTheFirstBadRow) {
    std::string text(kHeader);
    for (int d = 10; d < 28; ++d) {
        text += "2020-02-" + std::to_string(d) + ",10,12,9,11,100\n";
    }
    text += "2020-03-02,10,12,9,bad,100\n2020-03-03,10,12,13,11,100\n";
    const CsvError e = errorOf(text);
    EXPECT_EQ(e.line, 20u);
    EXPECT_EQ(e.reason, "close \"bad\" is not a number");
}

TEST(CsvErrors, NullRowsAreSkippedNotErrors) {
    auto r = parseCsv(
        "Date,Open,High,Low,Close,Adj Close,Volume\n"
        "2020-01-01,null,null,null,null,null,null\n"
        "2020-01-02,3244.669922,3258.139893,3235.530029,3257.850098,3257.850098,3458250000\n",
        "y.csv");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->skippedMissing, 1u);
    EXPECT_EQ(r->bars.size(), 1u);
}

}  // namespace
}  // namespace retest
