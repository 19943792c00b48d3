#include "sejour61/journal.hpp"
#include "sejour61/event_spec.hpp"
#include "sejour61/io.hpp"
#include "sejour61/case.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

namespace sejour61 {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

[[noreturn]] void io_fail(const char* what, const std::string& path) { throw_io_error(what, path, errno); }

void write_all(int fd, const std::string& data, const std::string& path) {
    for (size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) io_fail("cannot write the journal", path);
        done += static_cast<size_t>(n);
    }
}

void fsync_directory_of(const std::string& path) {
    fs::path dir = fs::path(path).parent_path();
    int d = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d < 0) io_fail("cannot open the directory of", path);
    int rc = ::fsync(d);
    ::close(d);
    if (rc != 0) io_fail("cannot sync the directory of", path);
}

}  // namespace

std::string journal_path(const std::string& case_path) { return case_path + ".journal"; }

void journal_append(const std::string& path, const ojson& line) {
    struct stat st {};
    const bool created = ::lstat(path.c_str(), &st) != 0;
    int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) io_fail("cannot open the journal", path);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &st) != 0) io_fail("cannot read the journal", path);
    if (!S_ISREG(st.st_mode)) throw IoError(say("cannot write the journal {file}: not a regular file", {{"file", path}}));
    std::string text = line.dump() + "\n";  // one line: dump() escapes every newline inside strings
    // A line cut short by a crash: the next line starts on a line of its own.
    char last = '\n';
    if (st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) != 1) io_fail("cannot read the journal", path);
    if (last != '\n') text.insert(text.begin(), '\n');
    write_all(fd, text, path);
    if (::fsync(fd) != 0) io_fail("cannot sync the journal", path);
    if (created) fsync_directory_of(path);
}

Journal read_journal(const std::string& path, const std::string& case_text) {
    Journal j;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) return j;
    std::string text = read_bounded(path, std::size_t(1) << 30, "the journal");
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (l.empty()) continue;
        ojson v = ojson::parse(l, nullptr, false);
        if (v.is_discarded() || !v.is_object() || v.value("format", "") != "sejour61.journal/1" ||
            !v.contains("case_before") || !v.contains("case_after")) {
            ++j.torn;
            continue;
        }
        j.entries.push_back({std::move(v), std::nullopt});
    }
    // Applied: the next state (the next change's starting point, or the file now)
    // is this change's result; not applied: it is still its starting point.
    const std::string now = "sha256:" + sha256_hex(case_text);
    for (size_t i = 0; i < j.entries.size(); ++i) {
        const ojson& l = j.entries[i].line;
        const ojson next = i + 1 < j.entries.size() ? j.entries[i + 1].line["case_before"] : ojson(now);
        if (next == l["case_after"]) j.entries[i].applied = true;
        else if (next == l["case_before"]) j.entries[i].applied = false;
    }
    return j;
}

Journal read_history(const std::string& case_path, std::string* target) {
    std::string text;
    try {
        *target = link_target(case_path);
        text = read_bounded(*target, Limits::max_bytes, "the case file");
    } catch (const IoError& e) {
        throw CaseError("", e.said());
    } catch (const InputLimit& e) {
        throw CaseError("", e.said());
    }
    return read_journal(journal_path(*target), text);
}

ojson history_json(const Journal& j, const std::string& case_path) {
    ojson doc;
    doc["format"] = "sejour61.history/1";
    doc["case"] = case_path;
    doc["journal"] = journal_path(case_path);
    doc["changes"] = ojson::array();
    size_t n = 0;
    for (const auto& e : j.entries) {
        ojson c;
        c["n"] = ++n;
        for (const char* k : {"change", "at", "by", "position_before", "position_after", "before", "after"})
            c[k] = e.line.contains(k) ? e.line[k] : ojson(nullptr);
        c["applied"] = e.applied ? ojson(*e.applied) : ojson(nullptr);
        doc["changes"].push_back(std::move(c));
    }
    doc["torn_lines"] = j.torn;
    return doc;
}

namespace {

std::string text_of(const ojson& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.is_null() ? std::string("?") : v.dump();
}

// The event's other fields as the reader gives them to record: "--form
// plainte, --victim oui" (flags of src/event_spec.cpp, values by their names).
std::string fields_line(const ojson& ev, const std::string& type, const Messages& msg) {
    auto t = event_type_from(type);
    std::string out;
    for (auto it = ev.begin(); it != ev.end(); ++it) {
        if (it.key() == "type" || it.key() == "date" || it.key() == "recorded") continue;
        std::string flag = it.key(), value = text_of(it.value());
        if (t)
            for (const auto& f : event_spec(*t).fields)
                if (it.key() == f.name) flag = f.flag;
        if (it.value().is_boolean()) value = msg.get(it.value().get<bool>() ? "events.yes" : "events.no");
        else if (it.value().is_string()) value = printable(msg.value(it.key(), value));
        out += (out.empty() ? "" : ", ") + flag + " " + value;
    }
    return out.empty() ? out : " (" + out + ")";
}

// "cooperation of 3 November 2026 (--form complaint)" in the reader's language.
std::string event_line(const ojson& ev, const Messages& msg) {
    if (!ev.is_object()) return msg.get("history.no_event");
    std::string type = text_of(ev.value("type", ojson(nullptr)));
    return msg.get("history.event", {{"type", msg.has("events.type." + type) ? msg.get("events.type." + type) : type},
                                     {"date", text_of(ev.value("date", ojson(nullptr)))},
                                     {"fields", fields_line(ev, type, msg)}});
}

}  // namespace

std::string history_text(const Journal& j, const std::string& case_path, const Messages& msg) {
    std::string out = msg.get("history.title", {{"case", printable(case_path)}, {"journal", printable(journal_path(case_path))},
                                                {"count", std::to_string(j.entries.size())}}) + "\n";
    if (j.entries.empty()) out += "  " + msg.get("history.none") + "\n";
    size_t n = 0;
    for (const auto& e : j.entries) {
        const ojson& l = e.line;
        std::string kind = text_of(l.value("change", ojson(nullptr)));
        const ojson& pos = kind == "add" ? l["position_after"] : l["position_before"];
        out += std::to_string(++n) + ". " + msg.get("history." + kind,
                                                    {{"at", text_of(l.value("at", ojson(nullptr)))},
                                                     {"by", printable(text_of(l.value("by", ojson(nullptr))))},
                                                     {"position", text_of(pos)},
                                                     {"to", text_of(l.value("position_after", ojson(nullptr)))}}) + "\n";
        if (!l["before"].is_null()) out += "     " + msg.get("history.before") + " " + event_line(l["before"], msg) + "\n";
        if (!l["after"].is_null()) out += "     " + msg.get("history.after") + " " + event_line(l["after"], msg) + "\n";
        if (!e.applied) out += "     " + msg.get("history.changed_after") + "\n";
        else if (!*e.applied) out += "     " + msg.get("history.not_applied") + "\n";
    }
    if (j.torn) out += msg.get("history.torn", {{"count", std::to_string(j.torn)}}) + "\n";
    return out;
}

}  // namespace sejour61
