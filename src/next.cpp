#include "sejour61/next.hpp"

#include "sejour61/views.hpp"

#include "view_docs.hpp"
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

template <class W>
void consequence_doc(W& w, const std::optional<Consequence>& k) {
    if (!k) {
        w.null();
        return;
    }
    w.begin_object();
    w.field("date", k->date).field("state", state_name(k->state)).field("closure_reason", k->closure_reason);
    if (k->document.empty()) w.field("document", nullptr);
    else w.field("document", k->document);
    w.field("rule", k->rule).field("kind", k->kind);
    w.end_object();
}

std::map<std::string, std::string> localized_args(const Step& s, const Messages& msg, const Date& on) {
    std::map<std::string, std::string> a = s.args;
    if (s.because) a["because"] = msg.render(*s.because, on);  // read on `on`: « prend fin » for an end still to come
    return a;  // {document}, {reason}: named by Messages from the argument's name (doc.*, closure.*)
}

}  // namespace

StepWords step_words(const Step& s, const Messages& msg, const Date& on) {
    auto args = localized_args(s, msg, on);
    StepWords w;
    // A step nobody acts on (a decision the facts already take, a closed case) is stated as it is.
    // "The police must", « Les services d'inspection doivent »: each actor with its verb (agreement).
    if (s.actor != "none") w.who = msg.get("who." + s.actor + (s.must ? ".must" : ".may"));
    w.action = step_text(msg, s, "action", args);
    w.if_not = step_text(msg, s, "if_not", args);
    return w;
}

namespace {

template <class W>
void next_doc(W& w, const Outcome& o, const std::vector<Step>& steps, const RuleBook& book, const Messages& msg) {
    w.begin_object();
    w.field("format", "sejour61.next/1").field("case", o.case_id).field("on", o.on).field("lang", msg.lang());
    w.field("regime", o.regime).field("reforms", o.reforms);
    w.field("state", state_name(o.state())).field("closure_reason", o.closure_reason);
    const Period* cur = o.current();
    if (cur && !cur->document.empty()) {
        w.key("document").begin_object();
        w.field("id", cur->document).field("until", cur->doc_end);
        w.end_object();
    } else {
        w.field("document", nullptr);
    }
    w.key("steps").begin_array();
    for (const auto& s : steps) {
        const StepWords words = step_words(s, msg, o.on);
        w.begin_object();
        w.field("id", s.id).field("actor", s.actor).field("actor_text", msg.get("actor." + s.actor));
        w.field("obligation", s.must ? "must" : "may").field("by", s.by);
        w.field("action", words.action).field("if_not", words.if_not).field("rule", s.rule).field("basis", s.basis);
        w.field("grade", s.grade);
        w.field("overdue", s.overdue).key("consequence");
        consequence_doc(w, s.consequence);
        w.end_object();
    }
    w.end_array();
    w.key("warnings");
    warnings_doc(w, o, book, msg.lang());
    stamp_doc(w, book);
    w.end_object();
}

}  // namespace

json next_json(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book, const Messages& msg) {
    DomWriter w;
    next_doc(w, o, steps, book, msg);
    return w.take();
}

std::string next_document(const Outcome& o, const std::vector<Step>& steps, const RuleBook& book, const Messages& msg) {
    TextWriter w;
    next_doc(w, o, steps, book, msg);
    return w.take();
}

std::string next_text(const Outcome& o, const std::vector<Step>& steps, const Messages& msg) {
    std::string out = msg.get("next.title", {{"case", printable(o.case_id)}, {"on", format_date(o.on)}, {"regime", o.regime},
                                             {"reforms", regime_label("", o.reforms, msg)}}) + "\n";
    out += "  " + msg.get("label.phase") + msg.get("punct.colon") + msg.get("state." + std::string(state_name(o.state())));
    const Period* cur = o.current();
    if (cur && !cur->document.empty())
        out += msg.get("punct.semicolon") + msg.get("doc." + cur->document) +
               (cur->doc_end ? " " + msg.get("label.valid_until", {{"date", format_date(*cur->doc_end)}}) : std::string());
    out += "\n\n";
    if (steps.empty()) out += "  " + msg.get("next.nothing") + "\n";
    for (const auto& s : steps) {
        const StepWords w = step_words(s, msg, o.on);
        std::string when = s.by ? msg.date(*s.by) : msg.get("next.no_date");
        when = pad_right(when, 18);
        const std::string indent(21, ' ');
        out += "  " + when + " " + (w.who.empty() ? std::string() : w.who + msg.get("punct.colon")) + w.action + "\n";
        if (s.overdue) out += indent + msg.get("next.overdue") + "\n";
        if (!w.if_not.empty()) out += indent + msg.get("next.if_not") + msg.get("punct.colon") + w.if_not + "\n";
        const std::string basis = msg.basis(s.basis), grade = s.grade.empty() ? "" : msg.get("grade." + s.grade);
        out += indent + s.rule + " — " + basis;
        // The grade when it is not the law and the basis does not already name it.
        if (!grade.empty() && s.grade != "law" && basis.find(grade) == std::string::npos) out += " [" + grade + "]";
        out += "\n";
    }
    return out;
}

}  // namespace sejour61
