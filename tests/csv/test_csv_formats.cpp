// The layouts the parser reads: real S&P 500 rows reshaped as Yahoo, Stooq, `;` and TAB files,
// the full bundled sample, and the small conveniences (aliases, quotes, decimal commas).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/csv/csv_import.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

Day day(std::string_view iso) {
    return *parseIsoDate(iso);
}

CsvImport parseOk(std::string_view bytes, CsvFormat format = CsvFormat::Auto) {
    auto r = parseCsv(bytes, "test.csv", format);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
    return r.ok() ? *r : CsvImport{};
}

CsvImport readOk(std::string_view fixture, CsvFormat format = CsvFormat::Auto) {
    auto r = readCsvFile(test::dataFile(fixture), format);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
    return r.ok() ? *r : CsvImport{};
}

const Bar* find(const CsvImport& imp, std::string_view iso) {
    const auto it = std::find_if(imp.bars.begin(), imp.bars.end(),
                                 [&](const Bar& b) { return b.day == day(iso); });
    return it == imp.bars.end() ? nullptr : &*it;
}

bool strictlyAscending(const std::vector<Bar>& bars) {
    return std::adjacent_find(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
               return a.day >= b.day;
           }) == bars.end();
}

// 2020-01-02 as Yahoo published it (the sample's values).
const Bar kJan2{day("2020-01-02"), 3244.669922, 3258.139893, 3235.530029,
                3257.850098,       3257.850098, 3458250000};

TEST(CsvFormatName, ParsesNamesCaseInsensitively) {
    EXPECT_EQ(parseCsvFormat("auto"), CsvFormat::Auto);
    EXPECT_EQ(parseCsvFormat("Yahoo"), CsvFormat::Yahoo);
    EXPECT_EQ(parseCsvFormat("STOOQ"), CsvFormat::Stooq);
    EXPECT_EQ(parseCsvFormat("generic"), CsvFormat::Generic);
    EXPECT_FALSE(parseCsvFormat(""));
    EXPECT_FALSE(parseCsvFormat("csv"));
    EXPECT_FALSE(parseCsvFormat("yahoo "));
    for (CsvFormat f : {CsvFormat::Auto, CsvFormat::Yahoo, CsvFormat::Stooq, CsvFormat::Generic}) {
        EXPECT_EQ(parseCsvFormat(csvFormatName(f)), f);
    }
    EXPECT_EQ(csvFormatName(CsvFormat::Yahoo), "yahoo");
}

TEST(CsvError, MessageNamesFileLineAndReason) {
    EXPECT_EQ((CsvError{"a.csv", 42, "low 1 is above close 0.5"}).message(),
              "a.csv:42: low 1 is above close 0.5");
    EXPECT_EQ((CsvError{"a.csv", 0, "the file is empty"}).message(), "a.csv: the file is empty");
}

TEST(CsvYahoo, ReadsDownloadAndSkipsNullDays) {
    const CsvImport imp = readOk("csv/yahoo_gspc_2020-01.csv");
    EXPECT_EQ(imp.format, CsvFormat::Yahoo);
    EXPECT_EQ(imp.dataRows, 25u);
    EXPECT_EQ(imp.skippedMissing, 2u);
    EXPECT_EQ(imp.duplicateRows, 0u);
    ASSERT_EQ(imp.bars.size(), 23u);
    EXPECT_EQ(imp.bars.front().day, day("2019-12-30"));
    EXPECT_EQ(imp.bars.back().day, day("2020-01-31"));
    EXPECT_TRUE(strictlyAscending(imp.bars));
    EXPECT_EQ(find(imp, "2020-01-01"), nullptr);
    EXPECT_EQ(find(imp, "2020-01-20"), nullptr);
    ASSERT_NE(find(imp, "2020-01-02"), nullptr);
    EXPECT_EQ(*find(imp, "2020-01-02"), kJan2);
}

TEST(CsvYahoo, ExplicitFormatMustMatchHeader) {
    EXPECT_EQ(readOk("csv/yahoo_gspc_2020-01.csv", CsvFormat::Yahoo).bars.size(), 23u);
    auto r = readCsvFile(test::dataFile("csv/yahoo_gspc_2020-01.csv"), CsvFormat::Stooq);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().line, 1u);
    EXPECT_EQ(r.error().reason,
              "header \"Date,Open,High,Low,Close,Adj Close,Volume\" is not a Stooq header; "
              "expected \"Date,Open,High,Low,Close,Volume\"");
}

TEST(CsvStooq, ReadsStooqFile) {
    const CsvImport imp = readOk("csv/stooq_gspc_2020-01.csv");
    EXPECT_EQ(imp.format, CsvFormat::Stooq);
    ASSERT_EQ(imp.bars.size(), 23u);
    EXPECT_EQ(imp.skippedMissing, 0u);
    const Bar* b = find(imp, "2020-01-02");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(*b,
              (Bar{day("2020-01-02"), 3244.67, 3258.14, 3235.53, 3257.85, 3257.85, 3458250000}));
    EXPECT_EQ(readOk("csv/stooq_gspc_2020-01.csv", CsvFormat::Stooq).bars, imp.bars);
}

TEST(CsvStooq, IndexFileWithoutVolumeIsStooqWithZeroVolume) {
    const CsvImport imp =
        parseOk("Date,Open,High,Low,Close\n2020-01-02,10,12,9,11\n", CsvFormat::Stooq);
    EXPECT_EQ(imp.format, CsvFormat::Stooq);
    ASSERT_EQ(imp.bars.size(), 1u);
    EXPECT_EQ(imp.bars[0], (Bar{day("2020-01-02"), 10, 12, 9, 11, 11, 0}));
}

TEST(CsvGeneric, SemicolonBomCrlfShuffledRowsComeOutSorted) {
    const CsvImport imp = readOk("csv/generic_semicolon_bom_crlf.csv");
    EXPECT_EQ(imp.format, CsvFormat::Generic);
    EXPECT_EQ(imp.dataRows, 23u);
    // Same real prices as the Yahoo download, whatever the order in the file.
    EXPECT_EQ(imp.bars, readOk("csv/yahoo_gspc_2020-01.csv").bars);
}

TEST(CsvGeneric, TabSeparatedWithoutAdjCloseUsesClose) {
    const CsvImport imp = readOk("csv/generic_tab.tsv");
    EXPECT_EQ(imp.format, CsvFormat::Generic);
    EXPECT_EQ(imp.dataRows, 23u);  // the trailing blank line is not a row
    ASSERT_EQ(imp.bars.size(), 23u);
    EXPECT_EQ(*find(imp, "2020-01-02"), kJan2);  // its date is quoted in the file
    for (const Bar& b : imp.bars) {
        EXPECT_EQ(b.adjClose, b.close);
    }
}

TEST(CsvGeneric, HeaderAliasesAnyCaseAndExtraColumns) {
    const CsvImport imp = parseOk(
        "Symbol,DATE,Vol,Close,Low,High,Open,AdjClose\n"
        "SPY,2020-01-03,100,11,9,12,10,10.5\n");
    ASSERT_EQ(imp.bars.size(), 1u);
    EXPECT_EQ(imp.bars[0], (Bar{day("2020-01-03"), 10, 12, 9, 11, 10.5, 100}));
    for (std::string_view adj : {"adj close", "ADJ_CLOSE", "Adj Close"}) {
        const std::string text =
            "date,open,high,low,close," + std::string(adj) + "\n2020-01-03,10,12,9,11,10.5\n";
        const CsvImport a = parseOk(text);
        ASSERT_EQ(a.bars.size(), 1u) << adj;
        EXPECT_EQ(a.bars[0].adjClose, 10.5) << adj;
        EXPECT_EQ(a.bars[0].volume, 0) << adj;
    }
}

TEST(CsvGeneric, QuotedFieldsAndSpacesAreTolerated) {
    const CsvImport imp = parseOk(
        "\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\r\n"
        "\"2020-01-03\", \"10.5\" ,12 , 9,11,\"1000\"\r\n");
    ASSERT_EQ(imp.bars.size(), 1u);
    EXPECT_EQ(imp.bars[0], (Bar{day("2020-01-03"), 10.5, 12, 9, 11, 11, 1000}));
}

TEST(CsvGeneric, DecimalCommaInSemicolonFiles) {
    const CsvImport imp = parseOk("Date;Open;High;Low;Close\n2020-01-03;10,5;12,25;9;11\n");
    ASSERT_EQ(imp.bars.size(), 1u);
    EXPECT_EQ(imp.bars[0], (Bar{day("2020-01-03"), 10.5, 12.25, 9, 11, 11, 0}));
}

TEST(CsvGeneric, BlankLinesAreIgnored) {
    const CsvImport imp =
        parseOk("\n\ndate,open,high,low,close\n\n2020-01-03,10,12,9,11\n   \n,,,,\n");
    EXPECT_EQ(imp.dataRows, 1u);
    EXPECT_EQ(imp.bars.size(), 1u);
}

TEST(CsvGeneric, IdenticalDuplicateRowsAreDroppedAndCounted) {
    const CsvImport imp = parseOk(
        "date,open,high,low,close\n"
        "2020-01-06,10,12,9,11\n2020-01-03,10,12,9,11\n2020-01-06,10,12,9,11\n");
    EXPECT_EQ(imp.dataRows, 3u);
    EXPECT_EQ(imp.duplicateRows, 1u);
    ASSERT_EQ(imp.bars.size(), 2u);
    EXPECT_EQ(imp.bars[0].day, day("2020-01-03"));
    EXPECT_EQ(imp.bars[1].day, day("2020-01-06"));
}

TEST(CsvSample, ParsesTheWholeRealSample) {
    auto r = readCsvFile(test::sampleCsv());
    ASSERT_TRUE(r.ok()) << r.error().message();
    const CsvImport& imp = *r;
    EXPECT_EQ(imp.format, CsvFormat::Generic);  // its header is lower-case "adjclose"
    ASSERT_EQ(imp.bars.size(), 5105u);
    EXPECT_EQ(imp.dataRows, 5105u);
    EXPECT_EQ(imp.skippedMissing, 0u);
    EXPECT_EQ(imp.duplicateRows, 0u);
    EXPECT_EQ(imp.bars.front().day, day("2000-01-03"));
    EXPECT_EQ(imp.bars.back().day, day("2020-04-17"));
    EXPECT_TRUE(strictlyAscending(imp.bars));
    EXPECT_EQ(imp.bars.front(), (Bar{day("2000-01-03"), 1469.25, 1478.0, 1438.359985, 1455.219971,
                                     1455.219971, 931800000}));
    EXPECT_EQ(*find(imp, "2020-01-02"), kJan2);
    EXPECT_EQ(imp.bars.back().volume, 5792140000.0);
}

TEST(CsvFile, UnreadableFileIsAWholeFileError) {
    test::TempDir dir;
    auto r = readCsvFile(dir.file("missing.csv"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().line, 0u);
    EXPECT_EQ(r.error().file, dir.file("missing.csv").string());
    EXPECT_NE(r.error().reason.find("cannot open the file"), std::string::npos);
}

// Issue 14: `annotate --import /dev/zero` and `import` of a device hung, then aborted.
TEST(CsvFile, DevicesFoldersAndOversizedFilesAreRefusedUpFront) {
    auto dev = readCsvFile("/dev/zero");
    ASSERT_FALSE(dev.ok());
    EXPECT_EQ(dev.error().message(),
              "/dev/zero: not a regular file (a device, pipe or socket); give the path of a file");
    test::TempDir dir;
    auto folder = readCsvFile(dir.path());
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.error().reason.find("not a regular file (a folder)"), std::string::npos);

    const auto big = dir.file("big.csv");
    std::ofstream(big).put('x');
    std::filesystem::resize_file(big, kMaxCsvFileBytes + 1);  // sparse: no disk used
    auto huge = readCsvFile(big);
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().reason, "the file is 268435457 bytes, more than the limit of 256 MiB");
}

// Issue 13: an R export names its date column by the format string.
TEST(CsvFile, AnUnnamedDateColumnIsFoundByItsContent) {
    auto r = parseCsv(
        "\"%Y-%m-%d\";Open;High;Low;Close;Volume\n"
        "2020-01-03;10;12;9;11;100\n2020-01-06;11;13;10;12;200\n",
        "r-export.csv");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->dateColumnGuessed, "%Y-%m-%d");
    ASSERT_EQ(r->bars.size(), 2u);
    EXPECT_EQ(formatIsoDate(r->bars[1].day), "2020-01-06");
    EXPECT_EQ(r->bars[1].volume, 200);

    // Two columns of dates: ambiguous, refused with a hint.
    auto two =
        parseCsv("when,Open,High,Low,Close,seen\n2020-01-03,10,12,9,11,2020-01-04\n", "two.csv");
    ASSERT_FALSE(two.ok());
    EXPECT_NE(two.error().reason.find("more than one column holds dates, name one of them date"),
              std::string::npos);
    // A column with a date on only some rows is not taken.
    auto some =
        parseCsv("when,Open,High,Low,Close\n2020-01-03,10,12,9,11\nsoon,10,12,9,11\n", "some.csv");
    ASSERT_FALSE(some.ok());
    EXPECT_NE(some.error().reason.find("missing required column \"date\""), std::string::npos);
}

TEST(CsvFile, ErrorsAreLabelledWithThePath) {
    test::TempDir dir;
    const auto path = dir.file("prices.csv");
    std::ofstream(path) << "date,open,high,low,close\n2020-01-03,100.10,102,101.50,100.20\n";
    auto r = readCsvFile(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), path.string() + ":2: low 101.5 is above open 100.1");
}

}  // namespace
}  // namespace retest
