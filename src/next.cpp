#include "sejour61/next.hpp"

#include "sejour61/views.hpp"
#include "sejour61/io.hpp"

#include <algorithm>

namespace sejour61 {

namespace bg = boost::gregorian;
using json = nlohmann::ordered_json;

namespace {

// The case as the query sees it (R-ASOF): the events dated on or before `on`.
Case as_of(const Case& c, const Date& on) {
    Case v = c;
    v.events.clear();
    for (const auto& e : c.events)
        if (e.date <= on) v.events.push_back(e);
    return v;
}

// What the replay does on `d` when nobody acts, as seen from `cur` (the
// period on the query date).
std::optional<Consequence> consequence_on(const Case& visible, const Selection& sel, const Date& d, const Period& cur) {
    Outcome o;
    try {
        o = replay(visible, sel, std::min(d, max_date()), ReplayOptions{false});
    } catch (const QueryError&) {
        return std::nullopt;
    }
    const Period* p = o.current();
    if (!p) return std::nullopt;
    Consequence k;
    k.date = d;
    k.state = p->state;
    k.closure_reason = o.closure_reason;
    k.document = p->document;
    k.until = p->doc_end;
    k.rule = p->rule;
    if (p->state == State::closed)
        k.kind = o.closure_reason == std::string("reflection_lapsed") ? "lapsed"
                 : p->rule == "R-61/3-EXHAUSTED"                       ? "exhausted"
                                                                       : "closes";
    else if (p->state == State::indefinite && cur.state != State::indefinite) k.kind = "indefinite";
    else if (p->from == cur.from) k.kind = "unchanged";
    else if (p->state == State::provisional && cur.state == State::provisional) k.kind = "extension";
    else if (p->state == State::temporary && cur.state == State::temporary) k.kind = "renewal";
    else if (p->state == State::temporary) k.kind = "a_card";
    else k.kind = "unchanged";
    return k;
}

// The engine's own text for the decision that closes the case on `d`.
std::optional<Text> closing_decision(const Case& visible, const Selection& sel, const Date& d) {
    try {
        Outcome o = replay(visible, sel, d, ReplayOptions{true});
        for (auto it = o.decisions.rbegin(); it != o.decisions.rend(); ++it)
            if (it->to_state == "closed" && it->date == d) return it->text;
    } catch (const QueryError&) {
    }
    return std::nullopt;
}

bool tied_to_document_end(const std::string& id) {
    return id == "cooperate" || id == "consult-prosecutor" || id == "establish-identity" || id == "request-a-card" ||
           id == "exhausted-warning" || id == "request-renewal";
}

}  // namespace

std::vector<Step> next_steps(const Case& c, const Outcome& o, const Selection& sel) {
    std::vector<Step> steps;
    const RuleBook& book = sel.book();
    const Period* cur = o.current();
    if (!cur) return steps;
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
            add("consult-prosecutor", "oe", true, deadline("prosecutor-consultation"), "R-61/4-A", base);
            if (cur->state == State::provisional) {
                if (c.c4 != Tri::holds) add("establish-identity", "person", true, cur->doc_end, "R-61/4-A", base);
                add("request-a-card", "centre", true, cur->doc_end, "R-61/4-A", base);
                // R-61/3-EXHAUSTED, shown from the consultation deadline on, when
                // the replay ends the procedure for lack of a further document.
                auto from = deadline("prosecutor-consultation");
                if (!from || o.on >= *from) add("exhausted-warning", "oe", true, cur->doc_end, "R-61/3-EXHAUSTED", base);
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
    // §10: every step's "if nobody acts" is what the replay does.
    const Case visible = as_of(c, o.on);
    std::map<Date, std::optional<Consequence>> memo;
    auto at = [&](const Date& d) -> const std::optional<Consequence>& {
        auto it = memo.find(d);
        if (it == memo.end()) it = memo.emplace(d, consequence_on(visible, sel, d, *cur)).first;
        return it->second;
    };
    for (auto& s : steps) {
        if (s.by) s.overdue = *s.by < o.on;
        if (tied_to_document_end(s.id) && cur->doc_end) {
            s.consequence = at(*cur->doc_end + bg::days(1));
            if (s.consequence) s.args["variant"] = s.consequence->kind;
        } else if (s.by && s.id != "closed") {
            s.consequence = at(*s.by);
        }
        if (s.consequence) {
            s.args["after"] = format_date(s.consequence->date);
            s.args["reason"] = s.consequence->closure_reason.value_or(s.args["reason"]);
            if (s.consequence->until) s.args["until"] = format_date(*s.consequence->until);
        }
    }
    // R-61/3-EXHAUSTED is a warning only where the replay ends the procedure for it.
    steps.erase(std::remove_if(steps.begin(), steps.end(),
                               [](const Step& s) {
                                   return s.id == "exhausted-warning" &&
                                          !(s.consequence && s.consequence->kind == "exhausted");
                               }),
                steps.end());
    // Where the facts already decide that the procedure closes at the end of
    // the document, say so first, with the engine's decision, and drop the
    // steps that can no longer change anything.
    if ((cur->state == State::provisional || cur->state == State::temporary) && cur->doc_end) {
        const auto& k = at(*cur->doc_end + bg::days(1));
        if (k && k->state == State::closed) {
            Step d{"decided", "none", false, k->date, k->rule, book.basis_of(k->rule),
                   {{"date", format_date(k->date)}, {"end", format_date(*cur->doc_end)},
                    {"reason", k->closure_reason.value_or("")}, {"rule", k->rule}}};
            d.consequence = k;
            d.because = closing_decision(visible, sel, k->date);
            d.overdue = false;
            // A condition known to fail: asking for the next document or
            // producing identity changes nothing (a new prosecutor opinion still can).
            if (k->kind == "closes")
                steps.erase(std::remove_if(steps.begin(), steps.end(),
                                           [](const Step& s) {
                                               return s.id == "request-a-card" || s.id == "establish-identity" ||
                                                      s.id == "request-renewal";
                                           }),
                            steps.end());
            steps.insert(steps.begin(), std::move(d));
        }
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
        if (a.id == "decided" || b.id == "decided") return a.id == "decided" && b.id != "decided";
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
    if (v != s.args.end() && msg.has(base + "." + v->second)) {
        base += "." + v->second;
    } else if (std::string(part) == "if_not" && s.consequence && s.id != "decided" &&
               (s.id == "consult-prosecutor" || s.id == "request-a-card" || s.id == "request-renewal" ||
                s.id == "establish-identity")) {
        base = "consequence." + s.consequence->kind;  // what the replay does, in words
    }
    if (s.by) args["by"] = format_date(*s.by);
    return msg.get(base, args);
}

json consequence_json(const std::optional<Consequence>& k) {
    if (!k) return json(nullptr);
    return json{{"date", format_date(k->date)},
                {"state", state_name(k->state)},
                {"closure_reason", k->closure_reason ? json(*k->closure_reason) : json(nullptr)},
                {"document", k->document.empty() ? json(nullptr) : json(k->document)},
                {"rule", k->rule},
                {"kind", k->kind}};
}

std::map<std::string, std::string> localized_args(const Step& s, const Messages& msg) {
    std::map<std::string, std::string> a = s.args;
    if (s.because) a["because"] = msg.render(*s.because);
    if (a.count("document") && !a["document"].empty()) a["document"] = msg.get("doc." + a["document"]);
    if (a.count("reason") && !a["reason"].empty()) a["reason"] = msg.get("closure." + a["reason"]);
    return a;
}

}  // namespace

StepWords step_words(const Step& s, const Messages& msg) {
    auto args = localized_args(s, msg);
    StepWords w;
    // A step nobody acts on (a decision the facts already take, a closed case) is stated as it is.
    if (s.actor != "none") w.who = msg.get("actor." + s.actor) + " " + msg.get(s.must ? "next.must" : "next.may");
    w.action = step_text(msg, s, "action", args);
    w.if_not = step_text(msg, s, "if_not", args);
    return w;
}

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
        const StepWords w = step_words(s, msg);
        j["steps"].push_back(json{{"id", s.id},
                                  {"actor", s.actor},
                                  {"actor_text", msg.get("actor." + s.actor)},
                                  {"obligation", s.must ? "must" : "may"},
                                  {"by", s.by ? json(format_date(*s.by)) : json(nullptr)},
                                  {"action", w.action},
                                  {"if_not", w.if_not},
                                  {"rule", s.rule},
                                  {"basis", s.basis},
                                  {"overdue", s.overdue},
                                  {"consequence", consequence_json(s.consequence)}});
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
        const StepWords w = step_words(s, msg);
        std::string when = s.by ? format_date(*s.by) : msg.get("next.no_date");
        when.resize(std::max<size_t>(when.size(), 12), ' ');
        out += "  " + when + " " + (w.who.empty() ? std::string() : w.who + ": ") + w.action + "\n";
        if (s.overdue) out += "               " + msg.get("next.overdue") + "\n";
        if (!w.if_not.empty()) out += "               " + msg.get("next.if_not") + ": " + w.if_not + "\n";
        out += "               " + s.rule + " — " + s.basis + "\n";
    }
    return out;
}

}  // namespace sejour61
