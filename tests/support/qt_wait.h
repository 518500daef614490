// Waiting on Qt's event loop in a GoogleTest test. QTest's QTRY_VERIFY and QTRY_COMPARE report
// a timeout to QTest's own log and return from the test, which GoogleTest then counts as passed;
// these fail the test instead.
#pragma once

#include <gtest/gtest.h>
#include <QTest>

/// Runs the event loop until `condition` holds; fails the test (and returns from it) when it
/// still does not after `timeoutMs`.
#define RETEST_WAIT_FOR(condition, timeoutMs)                                               \
    ASSERT_TRUE(QTest::qWaitFor([&] { return static_cast<bool>(condition); }, (timeoutMs))) \
        << "still false after " << (timeoutMs) << " ms: " #condition
