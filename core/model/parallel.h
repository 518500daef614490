// Independent jobs on every core: one pure computation per item (the level analysis of each
// symbol of a rotation board or an alert check), each index exactly once. No Qt.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace retest {

/// Threads parallelFor uses by default: one per core.
inline unsigned defaultParallelism() {
    return std::max(1U, std::thread::hardware_concurrency());
}

/// Calls job(i) once for every i in [0, n), on up to `threads` threads, the calling one
/// included (fewer when the system refuses more). Returns when every call has returned, and
/// then rethrows the first exception a job threw (the remaining indices are skipped). Jobs
/// synchronise whatever they share.
template <class Job>
void parallelFor(std::size_t n, const Job& job, unsigned threads = defaultParallelism()) {
    std::atomic<std::size_t> next{0};
    std::mutex failureMutex;
    std::exception_ptr failure;
    const auto run = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                job(i);
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                next = n;
            }
        }
    };
    std::vector<std::thread> pool;
    const std::size_t workers = std::min<std::size_t>(std::max(1U, threads), n);
    for (std::size_t t = 1; t < workers; ++t) {
        try {
            pool.emplace_back(run);
        } catch (const std::system_error&) {
            break;  // no more threads: the ones started (and this one) do the rest
        }
    }
    run();
    for (std::thread& t : pool) {
        t.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

}  // namespace retest
