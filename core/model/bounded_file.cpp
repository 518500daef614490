// Bounded file reads; see bounded_file.h.
#include "core/model/bounded_file.h"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace retest {

std::string byteSizeText(std::size_t bytes) {
    constexpr std::size_t kKiB = 1024;
    if (bytes >= kKiB * kKiB && bytes % (kKiB * kKiB) == 0) {
        return std::to_string(bytes / (kKiB * kKiB)) + " MiB";
    }
    if (bytes >= kKiB && bytes % kKiB == 0) {
        return std::to_string(bytes / kKiB) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

Result<std::string> readBoundedFile(const std::filesystem::path& path, std::size_t maxBytes) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        return Error{
            name + ": cannot open the file: " + (ec ? ec.message() : std::string("no such file"))};
    }
    if (!std::filesystem::is_regular_file(status)) {
        return Error{
            name + ": not a regular file (" +
            (std::filesystem::is_directory(status) ? "a folder" : "a device, pipe or socket") +
            "); give the path of a file"};
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > maxBytes) {
        return Error{name + ": the file is " + byteSizeText(static_cast<std::size_t>(size)) +
                     ", more than the limit of " + byteSizeText(maxBytes)};
    }
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(name.c_str(), "rb"),
                                                            &std::fclose);
    if (!f) {
        return Error{name + ": cannot open the file: " + std::generic_category().message(errno)};
    }
    std::string bytes;
    bytes.reserve(ec ? 0 : static_cast<std::size_t>(size));
    char chunk[65536];
    std::size_t got = 0;
    while ((got = std::fread(chunk, 1, sizeof chunk, f.get())) > 0) {
        if (bytes.size() + got > maxBytes) {  // the file grew while being read
            return Error{name + ": the file is larger than the limit of " + byteSizeText(maxBytes)};
        }
        bytes.append(chunk, got);
    }
    if (std::ferror(f.get()) != 0) {
        return Error{name + ": cannot read the file"};
    }
    return bytes;
}

}  // namespace retest
