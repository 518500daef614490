// AnnotationStore: prepared statements and one transaction per write; see annotation_store.h.
#include "core/cache/annotation_store.h"

#include <cmath>
#include <ctime>

#include "core/cache/sqlite_statement.h"

namespace retest {

using sqlite::Statement;
using sqlite::Use;

struct AnnotationStore::Statements {
    sqlite::TransactionStatements tx;
    Statement insert, update, remove, removeSymbol, selectSymbol, selectId;
};

namespace {

constexpr const char* kColumns =
    "SELECT id, symbol, kind, day1, price1, day2, price2, label, color, width, line, "
    "extend_right, font_size FROM annotations ";

std::int64_t nowUnix() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

/// Binds ?2..?12 (everything but the symbol and timestamps) from a valid annotation.
void bindAnnotation(Use& u, const Annotation& a, const std::string& kind, const std::string& line) {
    u.bind(2, std::string_view(kind));
    u.bind(3, a.points[0].day).bind(4, a.points[0].price);
    if (a.points.size() > 1) {
        u.bind(5, a.points[1].day).bind(6, a.points[1].price);
    } else {
        u.bindNull(5).bindNull(6);
    }
    u.bind(7, std::string_view(a.label)).bind(8, static_cast<std::int64_t>(a.style.color));
    u.bind(9, a.style.width).bind(10, std::string_view(line));
    u.bind(11, a.style.extendRight ? 1 : 0).bind(12, a.style.fontSize);
}

/// A row back to an annotation; an Error (naming the id) for a kind this build cannot read.
Result<Annotation> fromRow(const Use& q) {
    Annotation a;
    a.id = q.columnInt64(0);
    a.symbol = q.columnText(1);
    const std::string kind = q.columnText(2);
    const auto parsed = parseAnnotationKind(kind);
    if (!parsed) {
        return Error{"annotation " + std::to_string(a.id) + " has an unknown kind \"" + kind +
                     "\""};
    }
    a.kind = *parsed;
    a.points.push_back(AnchorPoint{static_cast<Day>(q.columnInt64(3)), q.columnDouble(4)});
    if (annotationPointCount(a.kind) > 1) {
        a.points.push_back(AnchorPoint{static_cast<Day>(q.columnInt64(5)), q.columnDouble(6)});
    }
    a.label = q.columnText(7);
    a.style.color = static_cast<std::uint32_t>(q.columnInt64(8));
    a.style.width = q.columnDouble(9);
    a.style.line = parseLineStyle(q.columnText(10)).value_or(LineStyle::Solid);
    a.style.extendRight = q.columnInt64(11) != 0;
    a.style.fontSize = q.columnDouble(12);
    return a;
}

}  // namespace

AnnotationStore::AnnotationStore(sqlite3* db, std::filesystem::path path)
    : db_(db), path_(std::move(path)), s_(std::make_unique<Statements>()) {}

AnnotationStore::~AnnotationStore() = default;

Result<std::unique_ptr<AnnotationStore>> AnnotationStore::open(sqlite3* db,
                                                               const std::filesystem::path& path) {
    std::unique_ptr<AnnotationStore> store(new AnnotationStore(db, path));
    if (auto r = store->prepare(); !r) {
        return r.error();
    }
    return store;
}

Result<Ok> AnnotationStore::prepare() {
    Statements& s = *s_;
    const std::string cols = kColumns;
    const std::pair<Statement*, std::string> all[] = {
        {&s.insert,
         "INSERT INTO annotations(id, symbol, kind, day1, price1, day2, price2, label, color, "
         "width, line, extend_right, font_size, created, updated) "
         "VALUES(?14, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)"},
        {&s.update,
         "UPDATE annotations SET symbol = ?1, kind = ?2, day1 = ?3, price1 = ?4, day2 = ?5, "
         "price2 = ?6, label = ?7, color = ?8, width = ?9, line = ?10, extend_right = ?11, "
         "font_size = ?12, updated = ?13 WHERE id = ?14"},
        {&s.remove, "DELETE FROM annotations WHERE id = ?1"},
        {&s.removeSymbol, "DELETE FROM annotations WHERE symbol = ?1"},
        {&s.selectSymbol, cols + "WHERE symbol = ?1 ORDER BY id"},
        {&s.selectId, cols + "WHERE id = ?1"},
    };
    if (s.tx.prepare(db_) != SQLITE_OK) {
        return Error{"Price cache " + path_.string() +
                     ": cannot prepare transactions: " + sqlite3_errmsg(db_)};
    }
    for (const auto& [stmt, sql] : all) {
        if (stmt->prepare(db_, sql) != SQLITE_OK) {
            return Error{"Price cache " + path_.string() + ": cannot prepare \"" + sql +
                         "\": " + sqlite3_errmsg(db_)};
        }
    }
    return Ok{};
}

namespace {

Error plain(const std::filesystem::path& path, const std::string& what) {
    return Error{"Price cache " + path.string() + ": " + what};
}

Error sqlFail(sqlite3* db, const std::filesystem::path& path, const std::string& what) {
    return plain(path, what + ": " + sqlite3_errmsg(db));
}

Result<Ok> checkStorable(const std::filesystem::path& path, const Annotation& a,
                         const std::string& where) {
    if (a.symbol.empty()) {
        return plain(path, where + "the annotation has no symbol; nothing was written");
    }
    if (auto v = validateAnnotation(a); !v.ok()) {
        return plain(path, where + v.error().message + "; nothing was written");
    }
    return Ok{};
}

}  // namespace

Result<std::int64_t> AnnotationStore::add(const Annotation& a) {
    Annotation fresh = a;
    fresh.id = 0;
    return restore(fresh);
}

Result<std::int64_t> AnnotationStore::restore(const Annotation& a) {
    auto ids = write(a.symbol, std::span<const Annotation>(&a, 1), false, true);
    if (!ids.ok()) {
        return ids.error();
    }
    return ids->front();
}

Result<std::vector<std::int64_t>> AnnotationStore::replace(std::string_view symbol,
                                                           std::span<const Annotation> list) {
    return write(symbol, list, true);
}

Result<std::vector<std::int64_t>> AnnotationStore::append(std::string_view symbol,
                                                          std::span<const Annotation> list) {
    return write(symbol, list, false);
}

Result<std::vector<std::int64_t>> AnnotationStore::write(std::string_view symbol,
                                                         std::span<const Annotation> list,
                                                         bool replaceAll, bool keepIds) {
    Statements& s = *s_;
    const std::string sym(symbol);
    if (sym.empty()) {
        return plain(path_, "an annotation needs a symbol; nothing was written");
    }
    // Everything is checked before the first write, so a bad import changes nothing.
    for (std::size_t i = 0; i < list.size(); ++i) {
        Annotation copy = list[i];
        copy.symbol = sym;
        const std::string where =
            list.size() == 1 ? "" : "annotation " + std::to_string(i + 1) + ": ";
        if (auto r = checkStorable(path_, copy, where); !r.ok()) {
            return r.error();
        }
    }
    sqlite::Transaction tx(db_, s.tx);
    if (!tx.begin()) {
        return sqlFail(db_, path_, "cannot start writing the annotations of " + sym);
    }
    if (replaceAll) {
        Use del(s.removeSymbol);
        del.bind(1, std::string_view(sym));
        if (del.step() != SQLITE_DONE) {
            return sqlFail(db_, path_, "cannot clear the annotations of " + sym);
        }
    }
    std::vector<std::int64_t> ids;
    const std::int64_t now = nowUnix();
    for (const Annotation& a : list) {
        const std::string kind(annotationKindName(a.kind));
        const std::string line(lineStyleName(a.style.line));
        const auto insert = [&](std::int64_t id) {
            Use u(s.insert);
            u.bind(1, std::string_view(sym));
            bindAnnotation(u, a, kind, line);
            u.bind(13, now);
            if (id > 0) {
                u.bind(14, id);
            } else {
                u.bindNull(14);
            }
            return u.step();  // a failed bind's code, if one failed
        };
        const std::int64_t wanted = keepIds ? a.id : 0;
        int rc = insert(wanted);
        if (wanted > 0 && (rc & 0xff) == SQLITE_CONSTRAINT) {
            rc = insert(0);  // the id is taken (imported since, in another window): a new one
        }
        if (rc != SQLITE_DONE) {
            return sqlFail(db_, path_, "cannot save an annotation of " + sym);
        }
        ids.push_back(static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_)));
    }
    if (!tx.commit()) {
        return sqlFail(db_, path_, "cannot save the annotations of " + sym);
    }
    return ids;
}

Result<Ok> AnnotationStore::update(const Annotation& a) {
    Statements& s = *s_;
    if (auto r = checkStorable(path_, a, ""); !r.ok()) {
        return r.error();
    }
    sqlite::Transaction tx(db_, s.tx);
    if (!tx.begin()) {
        return sqlFail(db_, path_, "cannot start updating annotation " + std::to_string(a.id));
    }
    const std::string kind(annotationKindName(a.kind));
    const std::string line(lineStyleName(a.style.line));
    {
        Use u(s.update);
        u.bind(1, std::string_view(a.symbol));
        bindAnnotation(u, a, kind, line);
        u.bind(13, nowUnix()).bind(14, a.id);
        if (!u.bindsOk() || u.step() != SQLITE_DONE) {
            return sqlFail(db_, path_, "cannot update annotation " + std::to_string(a.id));
        }
    }
    if (sqlite3_changes(db_) == 0) {
        return plain(path_, "there is no annotation with id " + std::to_string(a.id));
    }
    if (!tx.commit()) {
        return sqlFail(db_, path_, "cannot save annotation " + std::to_string(a.id));
    }
    return Ok{};
}

Result<Ok> AnnotationStore::remove(std::int64_t id) {
    Statements& s = *s_;
    sqlite::Transaction tx(db_, s.tx);
    if (!tx.begin()) {
        return sqlFail(db_, path_, "cannot start removing annotation " + std::to_string(id));
    }
    {
        Use u(s.remove);
        u.bind(1, id);
        if (u.step() != SQLITE_DONE) {
            return sqlFail(db_, path_, "cannot remove annotation " + std::to_string(id));
        }
    }
    if (sqlite3_changes(db_) == 0) {
        return plain(path_, "there is no annotation with id " + std::to_string(id));
    }
    if (!tx.commit()) {
        return sqlFail(db_, path_, "cannot save the removal of annotation " + std::to_string(id));
    }
    return Ok{};
}

Result<std::vector<Annotation>> AnnotationStore::ofSymbol(std::string_view symbol) const {
    std::vector<Annotation> out;
    Use q(s_->selectSymbol);
    q.bind(1, symbol);
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        auto a = fromRow(q);
        if (!a.ok()) {
            return plain(path_, a.error().message);
        }
        out.push_back(std::move(a).value());
    }
    if (rc != SQLITE_DONE) {
        return sqlFail(db_, path_, "cannot read the annotations of " + std::string(symbol));
    }
    return out;
}

Result<std::optional<Annotation>> AnnotationStore::byId(std::int64_t id) const {
    Use q(s_->selectId);
    q.bind(1, id);
    const int rc = q.step();
    if (rc == SQLITE_ROW) {
        auto a = fromRow(q);
        if (!a.ok()) {
            return plain(path_, a.error().message);
        }
        return std::optional<Annotation>(std::move(a).value());
    }
    if (rc != SQLITE_DONE) {
        return sqlFail(db_, path_, "cannot read annotation " + std::to_string(id));
    }
    return std::optional<Annotation>();
}

}  // namespace retest
