#include "sejour61/next.hpp"

#include "sejour61/views.hpp"
#include "sejour61/io.hpp"

#include <algorithm>

namespace sejour61 {

namespace bg = boost::gregorian;
using json = nlohmann::ordered_json;

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
