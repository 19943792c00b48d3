// record: one event checked against the case and the rules (check_event), and
// every change a case file gets from `record` (add, amend, undo), journaled
// first, then written atomically (apply_change, src/record_write.cpp).
#include "sejour61/json_parse.hpp"
#include "sejour61/record.hpp"
#include "sejour61/io.hpp"
#include "sejour61/views.hpp"

#include "record_parts.hpp"

namespace sejour61 {

using nlohmann::json;

namespace {

// The event's JSON; its own syntax errors are anchored at "event".
json event_doc(const std::string& event_text) {
    try {
        return parse_json_strict(event_text);
    } catch (const CaseError& err) {
        throw CaseError(err.path().empty() ? std::string("event") : "event." + err.path(), err.said());
    }
}

// The problem without its path (said() never holds the path).
const Said& problem_of(const CaseError& err) { return err.said(); }

// The slot that keeps the file in date order: after the events dated on or before `d`.
size_t date_slot(const json& events, const Date& d) {
    for (size_t i = 0; i < events.size(); ++i) {
        auto x = parse_date(events[i]["date"].get<std::string>());
        if (x && *x > d) return i;
    }
    return events.size();
}

// Whether putting an event of date `d` at `at` keeps the file in date order.
bool in_order_at(const json& events, size_t at, const Date& d) {
    auto date_at = [&](size_t i) { return parse_date(events[i]["date"].get<std::string>()); };
    if (at > events.size()) return false;
    if (at > 0) {
        auto p = date_at(at - 1);
        if (!p || *p > d) return false;
    }
    if (at < events.size()) {
        auto n = date_at(at);
        if (!n || *n < d) return false;
    }
    return true;
}

}  // namespace

Placed place_event(json doc, const Case* without, json ev, std::optional<size_t> keep_at, const Selection& sel,
                   const RecordOptions& options, const json* stamp) {
    if (ev.is_object() && ev.contains("recorded"))
        throw InvalidEvent("event.recorded", "is written by record itself (who: --by, else the login name); remove it");
    Event e;
    try {
        e = parse_event(ev, "event");
    } catch (const CaseError& err) {
        throw InvalidEvent(err.path(), problem_of(err));
    }
    if (e.date > options.today)
        throw RefusedEvent("R-ASOF", led("event: ", say("{date} is after today ({today}): only facts that happened can be "
                                                        "recorded",
                                                        {{"date", format_date(e.date)}, {"today", format_date(options.today)}})));
    if (stamp) ev["recorded"] = *stamp;
    // An amended event keeps its place when the file stays in date order there;
    // otherwise (and a new event always) it goes after the events dated on or before it.
    auto& events = doc["events"];
    const size_t at = keep_at && in_order_at(events, *keep_at, e.date) ? *keep_at : date_slot(events, e.date);
    events.insert(events.begin() + static_cast<long>(at), ev);
    Placed out;
    out.at = at;
    out.event = ev;
    CheckedEvent& k = out.checked;
    k.new_text = doc.dump(2) + "\n";
    k.date = e.date;
    try {
        k.after = parse_case(k.new_text);
    } catch (const CaseError& err) {
        // Re-anchor paths of the combined file onto the event.
        std::string p = err.path();
        std::string prefix = "events[" + std::to_string(at) + "]";
        if (p.rfind(prefix, 0) == 0) throw InvalidEvent("event" + p.substr(prefix.size()), problem_of(err));
        throw InvalidEvent(p, problem_of(err));  // the event contradicts the case (e.g. before its start)
    }
    // What the procedure makes of the event on its date.
    Outcome with = replay(k.after, sel, e.date, ReplayOptions{false});
    Outcome before;
    bool had = without != nullptr;
    try {
        if (had) before = replay(*without, sel, e.date, ReplayOptions{false});
    } catch (const QueryError&) {
        had = false;  // the event starts the case
    }
    // interfaces.md §2: a valid event that changes nothing is kept (it
    // happened), with the rule that says so; --strict refuses it.
    size_t skip = had ? before.warnings.size() : 0;
    for (size_t i = skip; i < with.warnings.size() && !k.no_effect; ++i)
        if (with.warnings[i].no_effect && with.warnings[i].date == e.date) k.no_effect = with.warnings[i];
    if (k.no_effect && options.strict)
        throw RefusedEvent(k.no_effect->rule,
                           led("event: ", say("{why}", {{"why", sel.book().messages(options.lang).render(k.no_effect->text)}})));
    return out;
}

CheckedEvent check_event(const std::string& case_text, const std::string& event_text, const Selection& sel,
                         const RecordOptions& options) {
    json doc = parse_json_strict(case_text);
    Case before = parse_case(case_text);
    return place_event(std::move(doc), &before, event_doc(event_text), std::nullopt, sel, options, nullptr).checked;
}

json parse_event_text(const std::string& event_text) { return event_doc(event_text); }

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

const char* change_kind_name(ChangeKind k) {
    return k == ChangeKind::add ? "add" : k == ChangeKind::amend ? "amend" : "undo";
}

nlohmann::ordered_json record_json(const RecordResult& r, const RuleBook& book, const std::string& lang) {
    nlohmann::ordered_json doc;
    if (r.outcome) {
        doc = status_json(*r.outcome, book, lang);
    } else {  // an undo left a case without its indications: it has not started
        doc["format"] = "sejour61.status/1";
        doc["state"] = nullptr;
        stamp(doc, book);
    }
    doc["recorded"] = true;
    for (const char* k : {"change", "position_before", "position_after", "at", "by"}) doc[k] = r.line[k];
    if (r.no_effect)
        doc["no_effect"] = nlohmann::ordered_json{{"rule", r.no_effect->rule},
                                                  {"message", book.messages(lang).render(r.no_effect->text)}};
    return doc;
}

std::string record_text(const RecordResult& r, const std::string& case_name, const RuleBook& book,
                        const Messages& msg) {
    const auto& l = r.line;
    auto pos = [&](const char* k) { return l[k].is_null() ? std::string() : std::to_string(l[k].get<size_t>()); };
    std::string head = printable(case_name) + msg.get("punct.colon");
    const std::string kind = l["change"].get<std::string>();
    if (r.no_effect)
        head += msg.get("record.no_effect", {{"rule", r.no_effect->rule}, {"reason", msg.render(r.no_effect->text)}});
    else if (kind == "add")
        head += msg.get("record.done");
    else
        head += msg.get("record." + kind, {{"position", pos("position_before")}, {"to", pos("position_after")},
                                           {"journal", printable(r.journal)}});
    head += "\n" + msg.get("record.stamp", {{"by", printable(l["by"].get<std::string>())},
                                            {"at", l["at"].get<std::string>()}}) + "\n";
    return head + (r.outcome ? status_text(*r.outcome, book, msg) : msg.get("record.not_started") + "\n");
}

}  // namespace sejour61
