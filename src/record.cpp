#include "sejour61/record.hpp"

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
    throw FileError(what + " " + path + ": " + std::strerror(errno));
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Writes `data` to a new temporary file next to `target` (mode 0600),
// fsyncs it, and renames it over `target`.
void write_atomically(const fs::path& target, const std::string& data) {
    std::string tmpl = (target.parent_path() / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    Fd f;
    f.fd = ::mkstemp(name.data());  // created with mode 0600
    if (f.fd < 0) io_fail("cannot create a temporary file for", target.string());
    std::string tmp(name.data());
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(f.fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::unlink(tmp.c_str());
            io_fail("cannot write", tmp);
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(f.fd) != 0) {
        ::unlink(tmp.c_str());
        io_fail("cannot sync", tmp);
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        ::unlink(tmp.c_str());
        io_fail("cannot replace", target.string());
    }
}

void sync_dir(const fs::path& dir) {
    Fd d;
    d.fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (d.fd >= 0) ::fsync(d.fd);
}

std::string read_all(const fs::path& p) {
    Fd f;
    f.fd = ::open(p.c_str(), O_RDONLY);
    if (f.fd < 0) io_fail("cannot read", p.string());
    std::string s;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(f.fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            io_fail("cannot read", p.string());
        }
        if (n == 0) break;
        s.append(buf, static_cast<size_t>(n));
        if (s.size() > Limits::max_bytes) break;  // parse_json_strict reports the limit
    }
    return s;
}

}  // namespace

RecordResult record_event(const std::string& path, const std::string& event_text, const Selection& sel,
                          const RecordOptions& options) {
    fs::path target(path);
    // The case file must exist (record adds to a case, it does not create
    // one): checked before the lock file is created, so none is left behind.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) io_fail("cannot read", path);
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        throw FileError("cannot read " + path + ": not a regular file");
    }
    // Exclusive lock for the whole read-modify-write.
    Fd lock;
    lock.fd = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock.fd < 0) io_fail("cannot open the lock file", path + ".lock");
    while (::flock(lock.fd, LOCK_EX) != 0)
        if (errno != EINTR) io_fail("cannot lock", path + ".lock");

    std::string old_text = read_all(target);
    json doc = parse_json_strict(old_text);
    Case before = parse_case(old_text);
    json ev = parse_json_strict(event_text);
    Event e = parse_event(ev, "event");
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
    std::string new_text = doc.dump(2) + "\n";
    Case after;
    try {
        after = parse_case(new_text);
    } catch (const CaseError& err) {
        // Re-anchor paths of the combined file onto the event.
        std::string p = err.path();
        std::string prefix = "events[" + std::to_string(at) + "]";
        if (p.rfind(prefix, 0) == 0) throw CaseError("event" + p.substr(prefix.size()), std::string(err.what()).substr(p.size() + 2));
        throw;
    }
    // What the procedure makes of the event on its date.
    Outcome with = replay(after, sel, e.date, ReplayOptions{false});
    Outcome without;
    bool had = true;
    try {
        without = replay(before, sel, e.date, ReplayOptions{false});
    } catch (const QueryError&) {
        had = false;  // the event starts the case
    }
    // interfaces.md §2: a valid event that changes nothing is kept (it
    // happened), with the rule that says so; --strict refuses it.
    RecordResult result;
    size_t skip = had ? without.warnings.size() : 0;
    for (size_t i = skip; i < with.warnings.size() && !result.no_effect; ++i)
        if (with.warnings[i].no_effect && with.warnings[i].date == e.date) result.no_effect = with.warnings[i];
    if (result.no_effect && options.strict)
        throw RefusedEvent(result.no_effect->rule,
                           "event: " + sel.book().messages(options.lang).render(result.no_effect->text));
    // Keep the previous version, then replace the file.
    write_atomically(fs::path(path + ".bak"), old_text);
    write_atomically(target, new_text);
    sync_dir(target.parent_path());
    // The confirmation shows the case as it stands today, not as of the
    // (possibly back-dated) event.
    result.outcome = replay(after, sel, std::max(options.today, e.date), ReplayOptions{false});
    return result;
}

}  // namespace sejour61
