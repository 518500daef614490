// Prices and changes as every view writes them: decimals by magnitude, and a change too small
// to show reads "0.0000", not "-0.0000".
#include <gtest/gtest.h>

#include "core/model/text.h"

namespace retest {
namespace {

TEST(Text, PricesTakeTheDecimalsOfTheirMagnitude) {
    EXPECT_EQ(formatPrice(2874.56), "2874.56");
    EXPECT_EQ(formatPrice(4.163), "4.1630");    // a yield
    EXPECT_EQ(formatPrice(0.36104), "0.3610");  // a ratio
}

TEST(Text, AChangeThatRoundsToZeroHasNoSign) {
    EXPECT_EQ(formatChange(75.01, 2874.56), "+75.01");
    EXPECT_EQ(formatChange(-4.98, 3283.66), "-4.98");
    EXPECT_EQ(formatChange(-0.0021, 0.3610), "-0.0021");
    // IWM:SPY a hair lower on the day: neither "-0.0000" nor "+0.0000".
    EXPECT_EQ(formatChange(-0.00003, 0.3610), "0.0000");
    EXPECT_EQ(formatChange(0.004, 2874.56), "0.00");
    EXPECT_EQ(formatChange(0, 2874.56), "0.00");
    EXPECT_EQ(signedText(-0.04, 1), "0.0");
    EXPECT_EQ(signedText(-0.06, 1), "-0.1");
    EXPECT_EQ(signedText(2.675, 2), "+2.67");  // printf's rounding of the double, unchanged
    EXPECT_EQ(signedText(-12.5, 0), "-12");
}

}  // namespace
}  // namespace retest
