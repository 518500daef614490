// The user's chart annotations in the cache file: their own prepared statements and write
// transactions over the `annotations` table (schema v3), on the connection PriceCache opened.
// Kept apart from bars so no bar statement can reach them, and bar writes never delete them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/annotations/annotation.h"
#include "core/model/result.h"

struct sqlite3;

namespace retest {

class AnnotationStore {
public:
    /// Prepares the statements on `db` (owned by the caller, which must outlive the store);
    /// `path` only labels errors.
    static Result<std::unique_ptr<AnnotationStore>> open(sqlite3* db,
                                                         const std::filesystem::path& path);
    ~AnnotationStore();
    AnnotationStore(const AnnotationStore&) = delete;
    AnnotationStore& operator=(const AnnotationStore&) = delete;

    /// Validates `a` (and that it names a symbol), stores it and returns its new id (a.id is
    /// ignored). Every write is one transaction.
    Result<std::int64_t> add(const Annotation& a);
    /// Stores `a` again under a.id when no annotation has that id (undoing its removal), else
    /// under a new id; returns the id it got.
    Result<std::int64_t> restore(const Annotation& a);
    /// Rewrites annotation a.id (its symbol too); an Error when no annotation has that id.
    Result<Ok> update(const Annotation& a);
    /// An Error when no annotation has that id.
    Result<Ok> remove(std::int64_t id);
    /// The annotations of `symbol` in creation order (ascending id); none is not an error.
    Result<std::vector<Annotation>> ofSymbol(std::string_view symbol) const;
    /// std::nullopt inside the Result when no annotation has that id.
    Result<std::optional<Annotation>> byId(std::int64_t id) const;
    /// Deletes every annotation of `symbol` and stores `list` under it (their ids and symbols
    /// are ignored), all or nothing. The new ids, in the order of `list`.
    Result<std::vector<std::int64_t>> replace(std::string_view symbol,
                                              std::span<const Annotation> list);
    /// Like replace() but keeps the existing ones (importing a shared file).
    Result<std::vector<std::int64_t>> append(std::string_view symbol,
                                             std::span<const Annotation> list);

private:
    struct Statements;
    AnnotationStore(sqlite3* db, std::filesystem::path path);
    Result<Ok> prepare();
    /// `keepIds`: each under its own id when that is free (restore()), else a new one.
    Result<std::vector<std::int64_t>> write(std::string_view symbol,
                                            std::span<const Annotation> list, bool replaceAll,
                                            bool keepIds = false);

    sqlite3* db_;
    std::filesystem::path path_;
    std::unique_ptr<Statements> s_;
};

}  // namespace retest
