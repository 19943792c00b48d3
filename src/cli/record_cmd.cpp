#include "record_cmd.hpp"

#include "sejour61/errors.hpp"
#include "sejour61/io.hpp"
#include "sejour61/views.hpp"


namespace sejour61::cli {

std::string RecordFlags::first() const {
    if (!fields.empty()) return fields.front().first;
    return amend ? "--amend" : undo ? "--undo" : "--by";
}

bool take_record_flag(const std::vector<std::string>& args, std::size_t& i, RecordFlags& f) {
    const std::string& a = args[i];
    const bool takes = a == "--amend" || a == "--by" || is_event_flag(a);
    if (a == "--undo") {
        f.undo = true;
        return true;
    }
    if (!takes) return false;
    if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)  // "--form --date": --form has no value
        throw UsageError(say("{option} needs a value", {{"option", a}}));
    const std::string& v = args[++i];
    if (a == "--amend") f.amend = v;
    else if (a == "--by") f.by = v;
    else f.fields.emplace_back(a, v);
    return true;
}

namespace {

std::string read_event_file(const std::string& path) {
    try {
        return read_bounded(path, Limits::max_bytes, path == "-" ? "standard input" : "the event file");
    } catch (const IoError& e) {
        throw CaseError("", e.said());
    } catch (const InputLimit& e) {
        throw CaseError("", e.said());
    }
}

std::size_t position_of(const std::string& text, const Messages& msg) {
    std::size_t n = 0;
    bool ok = !text.empty() && text.size() <= 6;
    for (char c : text) {
        ok = ok && c >= '0' && c <= '9';
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!ok || n == 0) throw UsageError("--amend: " + msg.get("record.amend_number", {{"value", text}}));
    return n;
}

}  // namespace

RecordResult record_command(const std::vector<std::string>& positional, const RecordFlags& f, const Selection& sel,
                            RecordOptions options, const Messages& msg) {
    if (positional.empty()) throw UsageError(msg.get("record.needs_case"));
    if (positional[0] == "-") throw UsageError(msg.get("record.case_not_stdin"));
    if (positional.size() > 2) throw UsageError(msg.get("record.too_many"));
    if (f.by) {
        if (f.by->empty()) throw UsageError("--by: " + msg.get("record.by_empty"));
        options.by = *f.by;
    }
    const bool file = positional.size() == 2, guided = !f.fields.empty();
    Change change;
    if (f.undo) {
        if (file || guided || f.amend) throw UsageError("--undo: " + msg.get("record.undo_alone"));
        change.kind = ChangeKind::undo;
        return apply_change(positional[0], change, sel, options);
    }
    if (file && guided) throw UsageError(msg.get("record.file_or_flags"));
    if (!file && !guided) throw UsageError(msg.get("record.needs_event"));
    if (f.amend) {
        change.kind = ChangeKind::amend;
        change.position = position_of(*f.amend, msg);
    }
    if (file) {
        change.event_text = read_event_file(positional[1]);
        return apply_change(positional[0], change, sel, options);
    }
    change.event_text = guided_event(f.fields, msg).dump();
    try {
        return apply_change(positional[0], change, sel, options);
    } catch (const InvalidEvent& e) {
        // The same judge as a file's event; the reader typed flags, not JSON.
        const std::string flag = flag_of_path(e.path());
        if (flag == e.path()) throw;
        throw InvalidEvent(flag, e.said());
    }
}

std::string record_help(const Messages& msg) {
    return msg.get("record.help") + "\n\n" + msg.get("record.help_types") + "\n" + event_flags_text(msg);
}

std::string events_command(const std::vector<std::string>& positional, bool json, const Messages& msg) {
    if (positional.size() > 1) throw UsageError(msg.get("events.usage"));
    std::optional<EventType> only;
    if (!positional.empty()) {
        only = event_type_of_word(positional[0]);
        if (!only)
            throw UsageError(msg.get("record.unknown_type", {{"value", positional[0]}, {"types", event_type_words(msg.lang())}}));
    }
    return json ? dump_doc(events_json(msg, only)) + "\n" : events_text(msg, only);
}

std::string history_command(const std::vector<std::string>& positional, bool json, const Messages& msg) {
    if (positional.size() != 1 || positional[0] == "-") throw UsageError(msg.get("history.usage"));
    std::string target;
    const Journal j = read_history(positional[0], &target);
    return json ? dump_doc(history_json(j, target)) + "\n" : history_text(j, target, msg);
}

}  // namespace sejour61::cli
