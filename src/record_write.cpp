// record's write: the lock, the change (add, amend, undo), the journal line,
// then CASE.bak and CASE, each step durable before the next.
#include "sejour61/journal.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/record.hpp"
#include "sejour61/stamp.hpp"

#include "record_parts.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace sejour61 {

namespace fs = std::filesystem;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

[[noreturn]] void io_fail(const char* what, const std::string& path) { throw_io_error(what, path, errno); }

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Tests only: SEJOUR61_TEST_CRASH_AT=journal|bak|case kills the writer with
// SIGKILL right after that step is durable (tests/python/test_journal.py).
void crash_point(const char* step) {
    const char* at = std::getenv("SEJOUR61_TEST_CRASH_AT");
    if (at && std::strcmp(at, step) == 0) ::raise(SIGKILL);
}

// Temporary files left by a writer killed before its rename (".NAME.tmp.XXXXXX"):
// removed by the next writer, which holds the lock, so none is in use.
void remove_stale_temporaries(const fs::path& target) {
    std::error_code ec;
    std::string prefix = "." + target.filename().string() + ".tmp.";
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string n = it->path().filename().string();
        if (n.size() == prefix.size() + 6 && n.rfind(prefix, 0) == 0 && it->is_regular_file(ec))
            fs::remove(it->path(), ec);
    }
}

// The case file, locked for the whole read-modify-write, and its text.
struct LockedCase {
    fs::path target;
    Fd lock;
    std::string text;
};

void open_locked(const std::string& path, LockedCase& out) {
    // A case path that is a symbolic link: the file it points to is the case,
    // updated in place (atomically, next to itself); the link stays a link.
    try {
        out.target = link_target(path);
    } catch (const IoError& e) {
        throw CaseError("", e.said());
    }
    // The case file must exist (record adds to a case, it does not create
    // one): checked before the lock file is created, so none is left behind.
    struct stat st {};
    if (::stat(out.target.c_str(), &st) != 0) {
        if (errno == ENOENT)
            throw CaseError("", say("{file}: there is no such case file (sejour61 init opens a new one)", {{"file", path}}));
        throw CaseError("", say("{file}: cannot be read: {why}", {{"file", path}, {"why", std::strerror(errno)}}));
    }
    if (!S_ISREG(st.st_mode)) throw CaseError("", say("{file}: cannot be read: not a regular file", {{"file", path}}));
    // Exclusive lock; the lock file is never followed through a link.
    std::string lock_path = out.target.string() + ".lock";
    out.lock.fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (out.lock.fd < 0) io_fail("cannot open the lock file", lock_path);
    while (::flock(out.lock.fd, LOCK_EX) != 0)
        if (errno != EINTR) io_fail("cannot lock", lock_path);
    remove_stale_temporaries(out.target);
    try {
        out.text = read_bounded(out.target.string(), Limits::max_bytes, "the case file");
    } catch (const IoError& e) {
        throw CaseError("", e.said());
    } catch (const InputLimit& e) {
        throw CaseError("", e.said());
    }
}

// What a change makes of the case: the new text and case, the journal's
// before/after and positions (from 1), the date the status is shown from.
struct Made {
    std::string text;
    Case after;
    Date date;
    std::optional<Warning> no_effect;
    json before, after_event;
    std::optional<size_t> from, to;
};

// The last recorded event: the latest "recorded.at" (the later in the file on a tie).
size_t last_recorded(const json& events) {
    std::optional<size_t> best;
    Instant best_at;
    for (size_t i = 0; i < events.size(); ++i) {
        const json& e = events[i];
        if (!e.is_object() || !e.contains("recorded")) continue;
        auto at = parse_timestamp(e["recorded"].value("at", ""));
        if (at && (!best || !(*at < best_at))) best = i, best_at = *at;
    }
    if (!best)
        throw CaseError("events", "no event carries a \"recorded\" stamp: only an event written by record can be undone "
                                  "(correct another with --amend)");
    return *best;
}

Made make_undo(json doc, const RecordOptions& options) {
    Made m;
    json& events = doc["events"];
    const size_t i = last_recorded(events);
    m.before = events[i];
    m.from = i + 1;
    events.erase(events.begin() + static_cast<long>(i));
    m.text = doc.dump(2) + "\n";
    try {
        m.after = parse_case(m.text);
    } catch (const CaseError& err) {
        throw InvalidEvent("events[" + std::to_string(i) + "]",
                           say("cannot be removed: the case would not be valid without it ({why})", {{"why", err.what()}}));
    }
    m.date = options.today;
    return m;
}

Made make_placed(json doc, const Case& whole, const Change& ch, const Selection& sel, const RecordOptions& options,
                 const json& stamp) {
    Made m;
    std::optional<Case> without;
    std::optional<size_t> keep;
    if (ch.kind == ChangeKind::amend) {
        json& events = doc["events"];
        if (ch.position < 1 || ch.position > events.size())
            throw CaseError("events", say("there is no event {n}: the case has {count} (counted from 1)",
                                          {{"n", std::to_string(ch.position)}, {"count", std::to_string(events.size())}}));
        keep = ch.position - 1;
        m.before = events[*keep];
        m.from = ch.position;
        events.erase(events.begin() + static_cast<long>(*keep));
        try {
            without = parse_case(doc.dump());
        } catch (const CaseError&) {
            // without it the case is not valid: the new version decides
        }
    } else {
        without = whole;
    }
    Placed p = place_event(doc, without ? &*without : nullptr, parse_event_text(ch.event_text), keep, sel, options, &stamp);
    m.text = std::move(p.checked.new_text);
    m.after = std::move(p.checked.after);
    m.date = p.checked.date;
    m.no_effect = p.checked.no_effect;
    m.after_event = p.event;
    m.to = p.at + 1;
    return m;
}

}  // namespace

RecordResult apply_change(const std::string& path, const Change& change, const Selection& sel,
                          const RecordOptions& options) {
    LockedCase c;
    open_locked(path, c);
    json doc = parse_json_strict(c.text);
    const Case whole = parse_case(c.text);  // the case itself must be valid before any change
    const json stamp = {{"at", now_timestamp()}, {"by", options.by.empty() ? login_name() : options.by}};
    Made m = change.kind == ChangeKind::undo ? make_undo(std::move(doc), options)
                                             : make_placed(std::move(doc), whole, change, sel, options, stamp);
    RecordResult result;
    result.no_effect = m.no_effect;
    ojson& l = result.line;
    l["format"] = "sejour61.journal/1";
    l["change"] = change_kind_name(change.kind);
    l["at"] = stamp["at"];
    l["by"] = stamp["by"];
    l["position_before"] = m.from ? ojson(*m.from) : ojson(nullptr);
    l["position_after"] = m.to ? ojson(*m.to) : ojson(nullptr);
    l["before"] = m.before.is_null() ? ojson(nullptr) : ojson::parse(m.before.dump());
    l["after"] = m.after_event.is_null() ? ojson(nullptr) : ojson::parse(m.after_event.dump());
    l["case_before"] = "sha256:" + sha256_hex(c.text);
    l["case_after"] = "sha256:" + sha256_hex(m.text);
    // The journal first, durable, then the previous version, then the case.
    result.journal = journal_path(c.target.string());
    journal_append(result.journal, l);
    crash_point("journal");
    write_atomically(c.target.string() + ".bak", c.text, true);
    crash_point("bak");
    write_atomically(c.target.string(), m.text, false);
    crash_point("case");
    // The confirmation shows the case as it stands today, not as of the
    // (possibly back-dated) event.
    try {
        result.outcome = replay(m.after, sel, std::max(options.today, m.date), ReplayOptions{false});
    } catch (const QueryError&) {
        if (change.kind != ChangeKind::undo) throw;  // only an undo can leave a case that has not started
    }
    return result;
}

RecordResult record_event(const std::string& path, const std::string& event_text, const Selection& sel,
                          const RecordOptions& options) {
    return apply_change(path, Change{ChangeKind::add, 0, event_text}, sel, options);
}

}  // namespace sejour61
