#include "sejour61/json_parse.hpp"
#include "sejour61/record.hpp"
#include "sejour61/io.hpp"
#include "sejour61/views.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace sejour61 {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

[[noreturn]] void io_fail(const std::string& what, const std::string& path) {
    throw IoError(what + " " + path + ": " + std::strerror(errno));
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

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

}  // namespace

CheckedEvent check_event(const std::string& case_text, const std::string& event_text, const Selection& sel,
                         const RecordOptions& options) {
    json doc = parse_json_strict(case_text);
    Case before = parse_case(case_text);
    json ev;
    try {
        ev = parse_json_strict(event_text);
    } catch (const CaseError& err) {
        throw CaseError(err.path().empty() ? std::string("event") : "event." + err.path(),
                        err.path().empty() ? std::string(err.what()) : std::string(err.what()).substr(err.path().size() + 2));
    }
    Event e;
    try {
        e = parse_event(ev, "event");
    } catch (const CaseError& err) {
        throw InvalidEvent(err.path(), std::string(err.what()).substr(err.path().empty() ? 0 : err.path().size() + 2));
    }
    if (e.date > options.today)
        throw RefusedEvent("R-ASOF", "event: " + format_date(e.date) + " is after today (" + format_date(options.today) +
                                         "): only facts that happened can be recorded");
    // Insert after the events dated on or before it: the file stays in date order.
    auto& events = doc["events"];
    size_t at = events.size();
    for (size_t i = 0; i < events.size(); ++i) {
        auto d = parse_date(events[i]["date"].get<std::string>());
        if (d && *d > e.date) {
            at = i;
            break;
        }
    }
    events.insert(events.begin() + static_cast<long>(at), ev);
    CheckedEvent out;
    out.new_text = doc.dump(2) + "\n";
    out.date = e.date;
    try {
        out.after = parse_case(out.new_text);
    } catch (const CaseError& err) {
        // Re-anchor paths of the combined file onto the event.
        std::string p = err.path();
        std::string prefix = "events[" + std::to_string(at) + "]";
        std::string what = std::string(err.what()).substr(p.empty() ? 0 : p.size() + 2);
        if (p.rfind(prefix, 0) == 0) throw InvalidEvent("event" + p.substr(prefix.size()), what);
        throw InvalidEvent(p, what);  // the event contradicts the case (e.g. before its start)
    }
    // What the procedure makes of the event on its date.
    Outcome with = replay(out.after, sel, e.date, ReplayOptions{false});
    Outcome without;
    bool had = true;
    try {
        without = replay(before, sel, e.date, ReplayOptions{false});
    } catch (const QueryError&) {
        had = false;  // the event starts the case
    }
    // interfaces.md §2: a valid event that changes nothing is kept (it
    // happened), with the rule that says so; --strict refuses it.
    size_t skip = had ? without.warnings.size() : 0;
    for (size_t i = skip; i < with.warnings.size() && !out.no_effect; ++i)
        if (with.warnings[i].no_effect && with.warnings[i].date == e.date) out.no_effect = with.warnings[i];
    if (out.no_effect && options.strict)
        throw RefusedEvent(out.no_effect->rule, "event: " + sel.book().messages(options.lang).render(out.no_effect->text));
    return out;
}

nlohmann::ordered_json check_document(const std::string& case_text, const std::string& event_text,
                                      const Selection& sel, const RecordOptions& options) {
    nlohmann::ordered_json doc;
    doc["format"] = "sejour61.check/1";
    const Messages& msg = sel.book().messages(options.lang);
    try {
        CheckedEvent k = check_event(case_text, event_text, sel, options);
        doc["verdict"] = k.no_effect ? "no_effect" : "accepted";
        doc["rule"] = k.no_effect ? nlohmann::ordered_json(k.no_effect->rule) : nlohmann::ordered_json(nullptr);
        doc["message"] = k.no_effect ? nlohmann::ordered_json(msg.render(k.no_effect->text)) : nlohmann::ordered_json(nullptr);
    } catch (const RefusedEvent& e) {
        doc["verdict"] = "refused";
        doc["rule"] = e.rule();
        doc["message"] = e.what();
    } catch (const InvalidEvent& e) {
        doc["verdict"] = "refused";
        doc["rule"] = nullptr;
        doc["message"] = e.what();
        doc["path"] = e.path();
    }
    stamp(doc, sel.book());
    return doc;
}

RecordResult record_event(const std::string& path, const std::string& event_text, const Selection& sel,
                          const RecordOptions& options) {
    // A case path that is a symbolic link: the file it points to is the case,
    // updated in place (atomically, next to itself); the link stays a link.
    std::error_code ec;
    fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : fs::path(path);
    if (ec) throw CaseError("", path + ": cannot be read: the symbolic link leads nowhere");
    // The case file must exist (record adds to a case, it does not create
    // one): checked before the lock file is created, so none is left behind.
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) throw CaseError("", path + ": cannot be read: " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw CaseError("", path + ": cannot be read: not a regular file");
    // Exclusive lock for the whole read-modify-write; the lock file is never
    // followed through a link.
    Fd lock;
    std::string lock_path = target.string() + ".lock";
    lock.fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (lock.fd < 0) io_fail("cannot open the lock file", lock_path);
    while (::flock(lock.fd, LOCK_EX) != 0)
        if (errno != EINTR) io_fail("cannot lock", lock_path);
    remove_stale_temporaries(target);

    std::string old_text;
    try {
        old_text = read_bounded(target.string(), Limits::max_bytes, "the case file");
    } catch (const IoError& e) {
        throw CaseError("", e.what());
    } catch (const InputLimit& e) {
        throw CaseError("", e.what());
    }
    CheckedEvent checked = check_event(old_text, event_text, sel, options);
    RecordResult result;
    result.no_effect = checked.no_effect;
    // Keep the previous version, then replace the file.
    write_atomically(target.string() + ".bak", old_text, true);
    write_atomically(target.string(), checked.new_text, false);
    // The confirmation shows the case as it stands today, not as of the
    // (possibly back-dated) event.
    result.outcome = replay(checked.after, sel, std::max(options.today, checked.date), ReplayOptions{false});
    return result;
}

}  // namespace sejour61
