// Reading a user-named file with bounds: only regular files (never /dev/zero, a FIFO or a
// folder) and only up to a stated size, so no input can hang a command or exhaust memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/model/result.h"

namespace retest {

/// The whole file, or an Error "PATH: reason" when it is missing, not a regular file, larger
/// than `maxBytes` (the message states the limit) or unreadable.
Result<std::string> readBoundedFile(const std::filesystem::path& path, std::size_t maxBytes);

/// "256 MiB", "16 MiB", "512 KiB", "100 bytes".
std::string byteSizeText(std::size_t bytes);

}  // namespace retest
