#include "sejour61/next.hpp"

#include "sejour61/views.hpp"
#include "sejour61/io.hpp"

#include <algorithm>

namespace sejour61 {

namespace bg = boost::gregorian;
using json = nlohmann::ordered_json;

std::vector<Step> next_steps(const Outcome& o, const Selection& sel) {
    std::vector<Step> steps;
    const RuleBook& book = sel.book();
    const Period* cur = o.current();
    if (!cur) return steps;
    const RuleSet* rs = sel.at(o.on);
    auto add = [&](std::string id, std::string actor, bool must, std::optional<Date> by, std::string rule,
                   std::map<std::string, std::string> args = {}) {
        Step s{std::move(id), std::move(actor), must, by, rule, book.basis_of(rule), std::move(args)};
        steps.push_back(std::move(s));
    };
    auto deadline = [&](const char* id) -> std::optional<Date> {
        for (const auto& d : o.deadlines)
            if (d.id == id) return d.date;
        return std::nullopt;
    };
    bool mena = o.minor && o.unaccompanied;
    std::string services = o.indications_by.empty() ? "police" : o.indications_by;
    const std::string doc = cur->document;
    std::map<std::string, std::string> base;
    if (cur->doc_end) {
        base["end"] = format_date(*cur->doc_end);
        base["after"] = format_date(*cur->doc_end + bg::days(1));
    }
    base["document"] = doc;
    switch (cur->state) {
        case State::start: break;
        case State::detected:
            add("inform-oe", services, true, o.indications, "R-61/2-DETECT");
            add("inform-person", services, true, o.indications, "R-61/2-DETECT");
            add("refer-to-centre", services, true, o.indications, "R-61/2-DETECT", {{"variant", mena ? "mena" : "adult"}});
            break;
        case State::reflection:
            add("cooperate", "person", false, cur->doc_end, "R-61/2-END", base);
            add("accompany", "centre", true, std::nullopt, "R-61/2-REFLECT");
            break;
        case State::provisional:
        case State::temporary: {
            const GuardContext& c = o.conditions;
            bool unknown = c.c1 == Tri::unknown || c.c2 == Tri::unknown || c.c3 == Tri::unknown ||
                           (cur->state == State::provisional && c.c4 == Tri::unknown);
            bool extension_left = rs && cur->state == State::provisional &&
                                  cur->extensions < rs->p.provisional_max_extensions;
            std::map<std::string, std::string> a = base;
            a["consequence"] = cur->state == State::temporary ? "renewal"
                               : extension_left              ? "extension"
                                                             : "exhausted";
            a["variant"] = a["consequence"];
            add("consult-prosecutor", "oe", true, deadline("prosecutor-consultation"), "R-61/4-A", a);
            if (cur->state == State::provisional) {
                if (c.c4 != Tri::holds) add("establish-identity", "person", true, cur->doc_end, "R-61/4-A", base);
                add("request-a-card", "centre", true, cur->doc_end, "R-61/4-A", base);
                if (!extension_left && unknown) {
                    auto from = deadline("prosecutor-consultation");
                    if (!from || o.on >= *from) add("exhausted-warning", "oe", true, cur->doc_end, "R-61/3-EXHAUSTED", base);
                }
            } else {
                add("request-renewal", "centre", true, deadline("renewal-request"), "R-61/4-RENEW", base);
            }
            if (o.pending_trigger)
                add("request-unlimited-stay", "centre", false, std::nullopt, "R-61/5-INDEF",
                    {{"trigger", format_date(*o.pending_trigger)}});
            break;
        }
        case State::indefinite:
            if (o.pending_trigger)
                add("decide-unlimited-stay", "minister", false, std::nullopt, "R-61/5-INDEF",
                    {{"trigger", format_date(*o.pending_trigger)}});
            break;
        case State::closed:
            add("closed", "none", false, std::nullopt, cur->rule,
                {{"reason", o.closure_reason.value_or("")}, {"since", format_date(cur->from)},
                 {"variant", o.closure_reason.value_or("")}});
            break;
    }
    if (o.minor && cur->state != State::closed) {
        if (o.unaccompanied) {
            add("guardian-represents", "guardian", true, std::nullopt, "R-MAJORITY");
            if (cur->state == State::detected)
                add("inform-guardianship-service", services, true, o.indications, "R-MAJORITY");
        }
        add("majority", o.unaccompanied ? "guardian" : "person", true, o.majority, "R-MAJORITY",
            {{"date", format_date(o.majority)}, {"variant", o.unaccompanied ? "mena" : "accompanied"}});
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
        if (a.by.has_value() != b.by.has_value()) return a.by.has_value();
        return a.by && b.by && *a.by < *b.by;
    });
    return steps;
}



namespace {

// "step.<id>.<part>.<variant>" when the catalogue has it, else "step.<id>.<part>".
std::string step_text(const Messages& msg, const Step& s, const char* part, std::map<std::string, std::string> args) {
    std::string base = "step." + s.id + "." + part;
    auto v = s.args.find("variant");
    if (v != s.args.end() && msg.has(base + "." + v->second)) base += "." + v->second;
    if (s.by) args["by"] = format_date(*s.by);
    return msg.get(base, args);
}

std::map<std::string, std::string> localized_args(const Step& s, const Messages& msg) {
    std::map<std::string, std::string> a = s.args;
    if (a.count("document") && !a["document"].empty()) a["document"] = msg.get("doc." + a["document"]);
    if (a.count("reason") && !a["reason"].empty()) a["reason"] = msg.get("closure." + a["reason"]);
    return a;
}

}  // namespace

json next_json(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book, const Messages& msg) {
    json j;
    j["format"] = "sejour61.next/1";
    j["case"] = o.case_id;
    j["on"] = format_date(o.on);
    j["lang"] = msg.lang();
    j["state"] = state_name(o.state());
    j["closure_reason"] = o.closure_reason ? json(*o.closure_reason) : json(nullptr);
    const Period* cur = o.current();
    j["document"] = cur && !cur->document.empty()
                        ? json{{"id", cur->document},
                               {"until", cur->doc_end ? json(format_date(*cur->doc_end)) : json(nullptr)}}
                        : json(nullptr);
    j["steps"] = json::array();
    for (const auto& s : steps) {
        auto args = localized_args(s, msg);
        j["steps"].push_back(json{{"id", s.id},
                                  {"actor", s.actor},
                                  {"actor_text", msg.get("actor." + s.actor)},
                                  {"obligation", s.must ? "must" : "may"},
                                  {"by", s.by ? json(format_date(*s.by)) : json(nullptr)},
                                  {"action", step_text(msg, s, "action", args)},
                                  {"if_not", step_text(msg, s, "if_not", args)},
                                  {"rule", s.rule},
                                  {"basis", s.basis}});
    }
    j["warnings"] = warnings_json(o, book, msg.lang());
    stamp(j, book);
    return j;
}

std::string next_text(const Outcome& o, const std::vector<Step>& steps, const Messages& msg) {
    std::string out = msg.get("next.title", {{"case", printable(o.case_id)}, {"on", format_date(o.on)}}) + "\n";
    out += "  " + msg.get("label.phase") + ": " + msg.get("state." + std::string(state_name(o.state())));
    const Period* cur = o.current();
    if (cur && !cur->document.empty())
        out += "; " + msg.get("doc." + cur->document) +
               (cur->doc_end ? " " + msg.get("label.until", {{"date", format_date(*cur->doc_end)}}) : std::string());
    out += "\n\n";
    if (steps.empty()) out += "  " + msg.get("next.nothing") + "\n";
    for (const auto& s : steps) {
        auto args = localized_args(s, msg);
        std::string when = s.by ? format_date(*s.by) : msg.get("next.no_date");
        when.resize(std::max<size_t>(when.size(), 12), ' ');
        out += "  " + when + " " + msg.get("actor." + s.actor) + " " + msg.get(s.must ? "next.must" : "next.may") + ": " +
               step_text(msg, s, "action", args) + "\n";
        std::string if_not = step_text(msg, s, "if_not", args);
        if (!if_not.empty()) out += "               " + msg.get("next.if_not") + ": " + if_not + "\n";
        out += "               " + s.rule + " — " + s.basis + "\n";
    }
    return out;
}

}  // namespace sejour61
